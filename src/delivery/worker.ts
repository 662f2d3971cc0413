/**
 * The delivery worker: when a bundle's job comes due it re-reads the bundle from SQLite, settles what an
 * earlier attempt left in flight, and hands the rest to the one send path (send-path.ts); what Telegram said
 * steers the job (a 429 delays it, a burst of them pauses the queue, a 403 or a rejection ends it).
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import {
  IN_FLIGHT_STATES,
  loadBundle,
  markInterrupted,
  releaseUnissued,
  SENDABLE_STATES,
  type StoredNotification
} from '../db/notifications.js';
import {
  DEFAULT_RETRY_POLICY,
  DELIVERY_QUEUE,
  type DeliveryJobData,
  type DeliveryQueue,
  enqueueNotifications,
  type RetryPolicy,
} from '../queue/queues.js';
import { createPacer, type DeliveryLimits } from './pacing.js';
import { type Render, sendBundle, type SendPath } from './send-path.js';
import type { SendFailure } from './telegram-errors.js';
import type { Transport } from './transport.js';

/** This many 429s within `windowMs`, whatever the chats, pause the whole queue rather than one message. */
export interface RateLimitBurst {
  count: number;
  windowMs: number;
}

export const DEFAULT_BURST: RateLimitBurst = { count: 3, windowMs: 10_000 };

export interface DeliveryWorkerDeps {
  store: Store;
  /** A client made with `maxRetriesPerRequest: null` (`createRedisClient`). */
  connection: Redis;
  /** QUEUE_PREFIX: the worker's keys (queue, pacing, 429 counter) all live under it. */
  prefix: string;
  /** The same queue the scheduler adds to: supervisor notices go there, and a 429 burst pauses it. */
  queue: DeliveryQueue;
  transport: Transport;
  render: Render;
  clock: Clock;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  limits: DeliveryLimits;
  retry?: RetryPolicy;
  /** Bundles handled at once. @defaultValue 10 */
  concurrency?: number;
  burst?: RateLimitBurst;
  /** How soon another worker takes over the jobs of one that died (BullMQ's lockDuration, stalledInterval). @defaultValue 30 s each */
  stall?: { lockDurationMs: number; stalledIntervalMs: number };
}

export type BundleOutcome = 'sent' | 'skipped' | 'undeliverable' | 'nothing-to-send';

export interface DeliveryWorker {
  worker: Worker<DeliveryJobData, BundleOutcome>;
  /** Stops taking jobs, lets the ones in flight finish, and closes the worker's connections. */
  close(): Promise<void>;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const stall = deps.stall ?? { lockDurationMs: 30_000, stalledIntervalMs: 30_000 };
  const path: SendPath = {
    ...deps,
    owner: `worker-${randomUUID().slice(0, 8)}`,
    // a stalled job is taken over after about one lock duration; the lease outlives it, so the new attempt
    // waits for a dead holder's lease rather than racing a slow live one
    leaseMs: 2 * (stall.lockDurationMs + stall.stalledIntervalMs),
    pacer: createPacer(deps.connection, deps.prefix, deps.limits),
  };
  const burst = deps.burst ?? DEFAULT_BURST;
  const processor = (job: Job<DeliveryJobData, BundleOutcome>, token?: string) => deliverBundle({ ...deps, path, burst }, job, token);
  const worker = new Worker<DeliveryJobData, BundleOutcome>(DELIVERY_QUEUE, processor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency ?? 10,
    limiter: queueLimiter(deps.limits.globalPerSec),
    ...(deps.stall ? { lockDuration: deps.stall.lockDurationMs, stalledInterval: deps.stall.stalledIntervalMs } : {}),
  });
  worker.on('error', (error) => deps.log.error({ err: error }, 'delivery worker error'));
  worker.on('failed', (job, error) =>
    deps.log.warn({ jobId: job?.id, bundleKey: job?.data.bundleKey, err: error.message }, 'delivery job failed'),
  );
  return { worker, close: () => closeWhenReady(worker) };
}

/**
 * Closes a BullMQ queue or worker once its connection has finished starting. BullMQ leaves a connection it was
 * given (ours are shared) open when closed mid-start, drops its listeners, and the start then fails as we
 * close the client: an "error" event nobody hears, which ends the process (a stop signal during start, 1 run
 * in 8). Redis gone makes the wait hang; the service's stop deadline covers that.
 */
export async function closeWhenReady(closable: { waitUntilReady(): Promise<unknown>; close(): Promise<void> }): Promise<void> {
  await closable.waitUntilReady().catch(() => undefined);
  await closable.close();
}

/**
 * BullMQ's limiter counts job starts in fixed windows: `{ max: 30, duration: 1000 }` lets 30 start at the
 * end of one window and 30 more at the start of the next. It stays as the queue-wide cap on starts; the
 * global pacer (one Redis slot clock for every worker) is what spaces the sends themselves evenly, so no
 * sliding second at Telegram's end holds more than the rate. (One start per 34 ms instead reached only
 * 23.7 msg/s: each limiter wait costs BullMQ a few ms more than the window.)
 */
export function queueLimiter(perSecond: number): { max: number; duration: number } {
  return { max: perSecond, duration: 1000 };
}

type Context = DeliveryWorkerDeps & { path: SendPath; burst: RateLimitBurst };

/** Past a lease's end before looking again, so the holder's last write has surely landed. */
const LEASE_SLACK_MS = 100;
/** How often a job whose rows another live attempt holds looks whether that attempt has settled them. */
const HELD_RECHECK_MS = 1_000;

const ids = (rows: readonly StoredNotification[]) => rows.map((r) => r.id);

async function deliverBundle(
  ctx: Context,
  job: Job<DeliveryJobData, BundleOutcome>,
  token: string | undefined,
): Promise<BundleOutcome> {
  const loaded = loadBundle(ctx.store, job.data.bundleKey);
  const nowMs = Date.now();
  // an attempt that died (its lease ran out) before its request left: sending these again duplicates nothing
  const unissued = new Set(releaseUnissued(ctx.store, ids(loaded.filter((r) => r.state === 'claimed')), nowMs));
  const interrupted = new Set(
    markInterrupted(ctx.store, ids(loaded.filter((r) => r.state === 'sending')), nowMs, 'interrupted mid-send: delivery unknown; `outbox retry` resends'),
  );
  if (interrupted.size > 0) ctx.log.warn({ bundleKey: job.data.bundleKey, ids: [...interrupted] }, 'found rows interrupted mid-send');
  // a live attempt holds some rows (another service's worker, a second job for the bundle after a Redis
  // flush, a stalled job taken over early): look again soon, and at the latest when its lease ends, by when
  // it has settled them or is known dead
  const held = loaded.filter((r) => IN_FLIGHT_STATES.includes(r.state) && !unissued.has(r.id) && !interrupted.has(r.id));
  if (held.length > 0) {
    const leaseEnd = Math.max(...held.map((r) => r.leaseUntil ?? nowMs)) + LEASE_SLACK_MS;
    await job.moveToDelayed(Math.min(leaseEnd, nowMs + HELD_RECHECK_MS), token);
    throw new DelayedError();
  }
  const rows = loaded.map((r) => (unissued.has(r.id) ? { ...r, state: 'queued' as const } : r));
  const sendable = rows.filter((r) => SENDABLE_STATES.includes(r.state));
  const outcome = await sendBundle(ctx.path, sendable, {
    lane: 'scheduled',
    lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    progress: {
      partsSent: job.data.partsSent ?? 0,
      messageId: job.data.messageId,
      save: (partsSent, messageId) => job.updateData({ ...job.data, partsSent, messageId }),
    },
  });
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'skipped':
      return 'skipped';
    case 'undeliverable':
      return 'undeliverable';
    case 'nothing-to-send':
      return 'nothing-to-send';
    case 'chat-busy':
      await job.moveToDelayed(Date.now() + outcome.waitMs, token);
      throw new DelayedError();
    case 'render-failed':
      throw new UnrecoverableError(outcome.reason);
    case 'failed':
      return handleFailure(ctx, job, token, outcome.failure, outcome.notices);
  }
}

/** Steers the job by what Telegram said; the rows are already settled by the send path. */
async function handleFailure(
  ctx: Context,
  job: Job<DeliveryJobData, BundleOutcome>,
  token: string | undefined,
  failure: SendFailure,
  notices: StoredNotification[],
): Promise<never> {
  switch (failure.kind) {
    case 'rate_limited': {
      if (await rateLimitBurst(ctx)) {
        ctx.log.warn({ retryAfterMs: failure.retryAfterMs }, 'repeated 429s: pausing the delivery queue');
        await ctx.queue.rateLimit(failure.retryAfterMs);
        throw Worker.RateLimitError();
      }
      await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
      throw new DelayedError();
    }
    case 'unreachable':
      await enqueueNotifications({ store: ctx.store, queue: ctx.queue, clock: ctx.clock, policy: ctx.retry ?? DEFAULT_RETRY_POLICY }, notices);
      throw new UnrecoverableError(failure.message);
    case 'rejected':
    case 'unknown':
      throw new UnrecoverableError(failure.message);
    case 'transient':
      throw new Error(failure.message);
  }
}

/** Counts 429s in a shared window; true (and the count restarts) when they come too thick. */
async function rateLimitBurst(ctx: Context): Promise<boolean> {
  const key = `${ctx.prefix}:delivery:429s`;
  const count = await ctx.connection.incr(key);
  if (count === 1) await ctx.connection.pexpire(key, ctx.burst.windowMs);
  if (count < ctx.burst.count) return false;
  await ctx.connection.del(key);
  return true;
}
