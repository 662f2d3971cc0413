/**
 * The delivery queue: one BullMQ job per bundle (a person's message of the day, or one triggered message),
 * delayed until its send time. SQLite holds the truth; a job only says "look at this bundle then".
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import { markQueued, type StoredNotification } from '../db/notifications.js';

export const DELIVERY_QUEUE = 'delivery';

export interface DeliveryJobData {
  bundleKey: string;
  /** Parts of a multi-part bundle already delivered by earlier attempts. */
  partsSent?: number;
  /** Telegram id of the bundle's first message, once delivered. */
  messageId?: number;
}

export interface RetryPolicy {
  /** Tries per job for 5xx and network errors. @defaultValue 6 */
  attempts: number;
  /** First backoff; it doubles each try. @defaultValue 5000 */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, backoffMs: 5_000 };

export type DeliveryQueue = Queue<DeliveryJobData>;

/** The queue under `prefix` (QUEUE_PREFIX), so several deployments and tests can share one Redis. */
export function createDeliveryQueue(connection: Redis, prefix: string): DeliveryQueue {
  return new Queue<DeliveryJobData>(DELIVERY_QUEUE, { connection, prefix });
}

const DAILY_BUNDLE = /^(\d+)@(\d{4})-(\d{2})-(\d{2})$/;

/**
 * BullMQ job ids may contain neither ':' nor be plain integers: `b<person>-<yyyymmdd>` for a daily bundle,
 * `n<notification id>` for a bundle of its own (a triggered message).
 */
export function deliveryJobId(n: Pick<StoredNotification, 'bundleKey' | 'id'>): string {
  const daily = DAILY_BUNDLE.exec(n.bundleKey);
  if (daily) return `b${daily[1]}-${daily[2]}${daily[3]}${daily[4]}`;
  return `n${n.id}`;
}

export function jobOptions(policy: RetryPolicy, jobId: string, delayMs: number): JobsOptions {
  return {
    jobId,
    delay: Math.max(0, delayMs),
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    // SQLite keeps the record of every outcome; Redis only holds work in flight.
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/**
 * Adds one job per bundle among `rows`, delayed until the bundle's earliest send time by `clock`, then
 * marks the rows queued. A bundle whose job already waits in Redis is not added twice (same job id), so
 * re-enqueueing after a restart or by a second scheduler is harmless. Returns the job ids.
 */
export async function enqueueNotifications(
  deps: { store: Store; queue: DeliveryQueue; clock: Clock; policy?: RetryPolicy },
  rows: readonly StoredNotification[],
  options: { from?: Parameters<typeof markQueued>[2] } = {},
): Promise<string[]> {
  const bundles = new Map<string, { jobId: string; bundleKey: string; sendAt: number; ids: number[] }>();
  for (const row of rows) {
    const jobId = deliveryJobId(row);
    const sendAt = Date.parse(row.sendAt);
    const bundle = bundles.get(jobId);
    if (bundle) {
      bundle.sendAt = Math.min(bundle.sendAt, sendAt);
      bundle.ids.push(row.id);
    } else {
      bundles.set(jobId, { jobId, bundleKey: row.bundleKey, sendAt, ids: [row.id] });
    }
  }
  const now = deps.clock.now().toMillis();
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const list = [...bundles.values()];
  await deps.queue.addBulk(
    list.map((b) => ({
      name: 'deliver',
      data: { bundleKey: b.bundleKey },
      opts: jobOptions(policy, b.jobId, b.sendAt - now),
    })),
  );
  markQueued(
    deps.store,
    list.flatMap((b) => b.ids),
    options.from,
  );
  return list.map((b) => b.jobId);
}
