import { Api, GrammyError } from 'grammy';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyTelegramError } from '../../src/delivery/telegram-errors.js';
import { TOKEN } from '../queue/emulator-worker.js';
import { type BotApiEmulator, startBotApiEmulator } from '../support/bot-api-emulator.js';
import { stringContaining } from '../support/matchers.js';

const refusal = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(
    `Call to 'sendMessage' failed! (${error_code}: ${description})`,
    { ok: false, error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) },
    'sendMessage',
    {},
  );

describe('classifyTelegramError', () => {
  it('waits retry_after seconds on 429', () => {
    expect(classifyTelegramError(refusal(429, 'Too Many Requests: retry after 7', 7))).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 7000,
      message: '429: Too Many Requests: retry after 7',
    });
  });

  it('treats 403 as an unreachable person', () => {
    expect(classifyTelegramError(refusal(403, 'Forbidden: bot was blocked by the user')).kind).toBe('unreachable');
    expect(classifyTelegramError(refusal(403, 'Forbidden: user is deactivated')).kind).toBe('unreachable');
  });

  it('gives up on other 4xx, which would fail the same way again', () => {
    expect(classifyTelegramError(refusal(400, 'Bad Request: message is too long'))).toEqual({
      kind: 'rejected',
      message: '400: Bad Request: message is too long',
    });
  });

  it('retries 5xx answers and errors that are not about the network', () => {
    expect(classifyTelegramError(refusal(502, 'Bad Gateway')).kind).toBe('transient');
    expect(classifyTelegramError(new Error('render bug')).kind).toBe('transient');
  });
});

describe('classifyTelegramError on real requests', () => {
  let emulator: BotApiEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  /** What a real grammY call to `apiRoot` throws, sorted. */
  async function failureOf(apiRoot: string, timeoutSeconds = 5) {
    const api = new Api(TOKEN, { apiRoot, timeoutSeconds });
    const error = await api.sendMessage(1, 'x').then(
      () => null,
      (e: unknown) => e,
    );
    return classifyTelegramError(error);
  }

  it('retries a connection refused before the request left: Telegram cannot have the message', async () => {
    const closed = await freePort();
    const failure = await failureOf(`http://127.0.0.1:${closed}`);
    expect(failure).toMatchObject({ kind: 'transient', message: stringContaining('ECONNREFUSED') });
    // node-fetch quotes the request URL, and the bot token is part of it
    expect(failure.message).not.toContain(TOKEN);
  });

  it('calls a connection cut after the request left "unknown", never a retry: Telegram may have the message', async () => {
    emulator = await startBotApiEmulator();
    emulator.failNext(1, 'accept-then-drop');
    expect((await failureOf(emulator.url)).kind).toBe('unknown');
    expect(emulator.sent()).toHaveLength(1);
  });

  it('calls an answer slower than the timeout "unknown" too', async () => {
    emulator = await startBotApiEmulator();
    emulator.failNext(1, { slowMs: 2_000 });
    expect((await failureOf(emulator.url, 1)).kind).toBe('unknown');
    expect(emulator.sent()).toHaveLength(1);
  });
});

/** A port nothing listens on: bound once, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
