/**
 * The one place that decides what a failed Telegram call means for delivery.
 */
import { GrammyError, HttpError } from 'grammy';
import { redactBotToken } from '../config/redact.js';

export type SendFailure =
  /** Telegram asks us to slow down: try this message again after `retryAfterMs`. */
  | { kind: 'rate_limited'; retryAfterMs: number; message: string }
  /** 403: the person blocked the bot, deleted their account or never started it; retrying is pointless. */
  | { kind: 'unreachable'; message: string }
  /** Any other 4xx: the request itself is wrong (bad markup, text too long); retrying sends the same. */
  | { kind: 'rejected'; message: string }
  /** 5xx answers, or a connection that failed before the request left: retry with exponential backoff. */
  | { kind: 'transient'; message: string }
  /**
   * The request left and no answer came (the connection dropped, the answer was slower than the timeout):
   * Telegram may have delivered it, and it offers no idempotency key to ask, so it must not be sent again.
   */
  | { kind: 'unknown'; message: string };

/** Errors of the connect phase: the request never reached the server, so sending again cannot duplicate. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function networkFailure(error: HttpError): SendFailure {
  const cause: unknown = error.error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  // node-fetch names the request's URL, which holds the bot token
  const detail = redactBotToken(cause instanceof Error ? cause.message : error.message);
  if (NOT_SENT_CODES.has(code)) return { kind: 'transient', message: `network: ${code}: ${detail}` };
  // an HTTP answer without Telegram's JSON (a proxy's 502 page): the server answered, so it did not take it
  const status = typeof cause === 'object' && cause !== null && 'status' in cause ? Number(cause.status) : 0;
  if (status >= 500) return { kind: 'transient', message: `network: HTTP ${status}` };
  return { kind: 'unknown', message: `network: ${code === '' ? detail : `${code}: ${detail}`}` };
}

/** Sorts an error thrown by a send into what delivery should do about it. */
export function classifyTelegramError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const message = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { kind: 'rate_limited', retryAfterMs: seconds * 1000, message };
    }
    if (error.error_code === 403) return { kind: 'unreachable', message };
    if (error.error_code >= 400 && error.error_code < 500) return { kind: 'rejected', message };
    return { kind: 'transient', message };
  }
  if (error instanceof HttpError) return networkFailure(error);
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}
