/**
 * The one place that decides what a failed Telegram call means for delivery.
 */
import { GrammyError, HttpError } from 'grammy';

export type SendFailure =
  /** Telegram asks us to slow down: try this message again after `retryAfterMs`. */
  | { kind: 'rate_limited'; retryAfterMs: number; message: string }
  /** 403: the person blocked the bot, deleted their account or never started it; retrying is pointless. */
  | { kind: 'unreachable'; message: string }
  /** Any other 4xx: the request itself is wrong (bad markup, text too long); retrying sends the same. */
  | { kind: 'rejected'; message: string }
  /** 5xx, network trouble or anything unexpected: retry with exponential backoff. */
  | { kind: 'transient'; message: string };

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
  if (error instanceof HttpError) return { kind: 'transient', message: `network: ${error.message}` };
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}
