import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { classifyTelegramError } from '../../src/delivery/telegram-errors.js';

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

  it('retries 5xx, network errors and anything unexpected', () => {
    expect(classifyTelegramError(refusal(502, 'Bad Gateway')).kind).toBe('transient');
    expect(classifyTelegramError(new HttpError('Network request for sendMessage failed!', new Error('ECONNRESET')))).toEqual({
      kind: 'transient',
      message: 'network: Network request for sendMessage failed!',
    });
    expect(classifyTelegramError(new Error('socket hang up')).kind).toBe('transient');
  });
});
