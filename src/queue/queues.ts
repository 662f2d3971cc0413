/**
 * The delivery queue: one BullMQ job per bundle (a person's message of the day, or one triggered message),
 * delayed until its send time. SQLite holds the truth; a job only says "look at this bundle then".
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import { markQueued, type StoredNotification } from '../db/notifications.js';
import { HANDOFF_BUNDLE } from '../domain/notification.js';

export const DELIVERY_QUEUE = 'delivery';

export interface DeliveryJobData {
  bundleKey: string;
  /** Parts of a multi-part bundle already delivered by earlier attempts. */
  partsSent?: number;
  /** Telegram id of the bundle's first message, once delivered. */
  messageId?: number;
  /**
   * The real instant (epoch ms) the scheduler timed the job for. BullMQ keeps no such field once a delay is
   * changed, and the tick compares it with when the bundle is due now (see `alignDelayedJobs`).
   */
  firesAt?: number;
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
 * `h<person>-<yyyymmdd>-<HHmm>` for a hand-off slot's, `n<notification id>` for a bundle of its own (a
 * triggered message).
 */
export function deliveryJobId(n: Pick<StoredNotification, 'bundleKey' | 'id'>): string {
  const daily = DAILY_BUNDLE.exec(n.bundleKey);
  if (daily) return `b${daily[1]}-${daily[2]}${daily[3]}${daily[4]}`;
  const handoff = HANDOFF_BUNDLE.exec(n.bundleKey);
  if (handoff) return `h${handoff[1]}-${handoff[2]}${handoff[3]}${handoff[4]}-${handoff[5]}`;
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
  const realNow = Date.now();
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const list = [...bundles.values()];
  await deps.queue.addBulk(
    list.map((b) => ({
      name: 'deliver',
      data: { bundleKey: b.bundleKey, firesAt: realNow + Math.max(0, b.sendAt - now) },
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

/** A job timed within this of the bundle's due instant is left alone: ticks and clocks drift by milliseconds. */
const RETIME_TOLERANCE_MS = 2_000;

export interface AlignResult {
  /** Delayed jobs of bundles already due, moved to waiting. */
  promoted: number;
  /** Delayed jobs given a new delay: their bundle's send time moved, or the clock jumped. */
  retimed: number;
}

/**
 * Makes each delayed job fire when its bundle is due by `clock`. BullMQ delays are real milliseconds fixed at
 * enqueue time, so after the clock jumps (a restart with a later NOW) or a bundle's send time moves (a new
 * zone or window), a job may wait for an instant that no longer means anything. A job due now is promoted;
 * one timed too early or too late gets the delay that fits. A job the worker delayed itself (a 429's
 * retry_after, a busy chat) was timed for an instant already past, so it keeps its delay.
 * `sendAtByJob`: the bundle's earliest send time (UTC ISO) by job id, for the bundles still waiting.
 */
export async function alignDelayedJobs(queue: DeliveryQueue, sendAtByJob: ReadonlyMap<string, string>, clock: Clock): Promise<AlignResult> {
  const result: AlignResult = { promoted: 0, retimed: 0 };
  if (sendAtByJob.size === 0) return result;
  const clockNow = clock.now().toMillis();
  for (const job of await queue.getDelayed()) {
    const sendAt = job.id === undefined ? undefined : sendAtByJob.get(job.id);
    if (sendAt === undefined) continue;
    const realNow = Date.now();
    const firesAt = job.data.firesAt ?? job.timestamp + job.delay;
    // delayed by the worker after it fired (a retry): not the scheduler's timing to correct
    if (firesAt <= realNow) continue;
    const wantedDelay = Date.parse(sendAt) - clockNow;
    if (Math.abs(firesAt - (realNow + Math.max(0, wantedDelay))) <= RETIME_TOLERANCE_MS) continue;
    try {
      if (wantedDelay <= 0) {
        await job.promote();
        result.promoted += 1;
      } else {
        await job.changeDelay(wantedDelay);
        await job.updateData({ ...job.data, firesAt: realNow + wantedDelay });
        result.retimed += 1;
      }
    } catch (error) {
      // a worker took the job meanwhile (it fired on its own): nothing left to correct
      if ((await job.getState()) === 'delayed') throw error;
    }
  }
  return result;
}
