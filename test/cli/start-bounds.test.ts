/**
 * `roadmap-bot start` never hangs: a Telegram that takes connections and never answers, a stop signal in the
 * middle of the start, a Redis that dies before the stop. Each runs the real command as a child process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { type RedisServerHandle, startRedisServer } from '../../src/queue/redis-server.js';
import { seedWave, WAVE_AT } from '../queue/wave-fixture.js';
import { type BotApiEmulator, startBotApiEmulator } from '../support/bot-api-emulator.js';

const BIN = join(import.meta.dirname, '../../bin/roadmap-bot.js');

/** A server that accepts every connection and never says a word: an unreachable Telegram behind a proxy. */
async function silentServer(): Promise<{ url: string; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exit: Promise<{ code: number | null; at: number }>;
}

function startCli(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [BIN, 'start', '--now', WAVE_AT.minus({ seconds: 1 }).toISO() ?? ''], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  return { child, output: () => output, exit };
}

describe('roadmap-bot start, bounded', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-bounds-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => ({
    DATABASE_PATH: join(dir, 'bot.db'),
    QUEUE_PREFIX: `bounds-${randomUUID().slice(0, 8)}`,
    BOT_TOKEN: '123456:TEST-token',
  });

  it('gives up with one clear sentence and exit 1 when Telegram takes the connection and never answers', async () => {
    const telegram = await silentServer();
    try {
      const started = Date.now();
      const run = startCli({ ...base(), REDIS_URL: inject('redisUrl'), TELEGRAM_API_ROOT: telegram.url, START_TIMEOUT_SECONDS: '2' });
      const { code, at } = await run.exit;
      expect(code, run.output()).toBe(1);
      expect(run.output()).toContain(`not started within START_TIMEOUT_SECONDS=2: is Telegram at ${telegram.url} reachable`);
      expect(run.output()).not.toMatch(/\n\s+at /);
      // the deadline, plus the process's own start and the 2 s it allows itself to exit
      expect(at - started).toBeLessThan(12_000);
    } finally {
      await telegram.close();
    }
  }, 30_000);

  it('stops at once on SIGTERM while the start still waits for Telegram', async () => {
    const telegram = await silentServer();
    try {
      const run = startCli({ ...base(), REDIS_URL: inject('redisUrl'), TELEGRAM_API_ROOT: telegram.url, START_TIMEOUT_SECONDS: '120' });
      // the first tick has run and the start now waits for Telegram to answer getMe
      await expect.poll(() => telegram.connections(), { timeout: 15_000 }).toBeGreaterThan(0);
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      const { code, at } = await run.exit;
      expect(code, run.output()).toBe(1);
      expect(run.output()).toContain('SIGTERM during start');
      expect(at - signalled).toBeLessThan(5_000);
    } finally {
      await telegram.close();
    }
  }, 30_000);

  it('exits within STOP_TIMEOUT_SECONDS when Redis died before the stop', async () => {
    let redis: RedisServerHandle | null = await startRedisServer({ dataDir: null });
    const emulator: BotApiEmulator = await startBotApiEmulator();
    try {
      const store = openStore(join(dir, 'bot.db'));
      seedWave(store, 3);
      store.close();
      const run = startCli({ ...base(), REDIS_URL: redis.url, TELEGRAM_API_ROOT: emulator.url, STOP_TIMEOUT_SECONDS: '2' });
      await expect.poll(() => run.output(), { timeout: 20_000 }).toContain('running; SIGTERM or SIGINT stops');
      await redis.stop();
      redis = null;
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      const { code, at } = await run.exit;
      expect(code, run.output()).toBe(0);
      expect(run.output()).toContain('stop did not finish in time');
      // the stop deadline and the 2 s the process allows itself to exit
      expect(at - signalled).toBeLessThan(8_000);
    } finally {
      await redis?.stop();
      await emulator.stop();
    }
  }, 60_000);
});
