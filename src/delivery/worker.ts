/**
 * The delivery worker: when a bundle's job comes due it re-reads the bundle from SQLite, drops what was
 * closed meanwhile, paces the chat, renders, sends and records the outcome, within Telegram's limits.
 *
 * Never twice: a row is claimed (sendable → `claimed`, a check-and-set in SQLite) before rendering, marked
 * `sending` the instant its request leaves and `sent` right after Telegram answers. A process that dies before
 * the request leaves leaves the row `claimed`, and the job's next attempt sends it again. One that dies between
 * the request leaving and the `sent` write leaves it `sending`: the next attempt cannot know whether the message
 * arrived and marks the row `failed` ("interrupted") instead of sending again, so the outbox shows it and an
 * operator may retry. That window (one HTTP round trip plus one SQLite write, per message in flight) is the
 * at-most-once cost; Telegram offers no idempotency key to close it.
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import {
  claimForSending,
  insertPlanned,
  loadBundle,
  markInterrupted,
  markRequestIssued,
  markSent,
  markStale,
  markUndeliverable,
  releaseClaim,
  releaseUnissued,
  SENDABLE_STATES,
  type StoredNotification,
} from '../db/notifications.js';
import { getPerson, markUnreachable } from '../db/people.js';
import { getStatus } from '../db/statuses.js';
import { staleNotifications } from '../queue/catch-up.js';
import {
  DEFAULT_RETRY_POLICY,
  DELIVERY_QUEUE,
  type DeliveryJobData,
  type DeliveryQueue,
  enqueueNotifications,
  type RetryPolicy,
} from '../queue/queues.js';
import { type ChatPacer, createChatPacer, createGlobalPacer, type GlobalPacer } from './chat-pacing.js';
import { findRecipient } from './recipient.js';
import { classifyTelegramError, type SendFailure } from './telegram-errors.js';
import type { Recipient, RenderedMessage, Transport } from './transport.js';
import { unreachableNotices } from './unreachable.js';

export interface DeliveryLimits {
  /** Messages per second over all chats (RATE_GLOBAL_PER_SEC), enforced by BullMQ's queue limiter. */
  globalPerSec: number;
  /** Least gap between two messages to one chat (RATE_PER_CHAT_MS). */
  perChatMs: number;
}

/** This many 429s within `windowMs`, whatever the chats, pause the whole queue rather than one message. */
export interface RateLimitBurst {
  count: number;
  windowMs: number;
}

export const DEFAULT_BURST: RateLimitBurst = { count: 3, windowMs: 10_000 };

/**
 * Turns the claimed rows of a bundle into Telegram messages with encoded buttons (production:
 * `createTelegramRender` in src/bot/telegram-render.ts, the Fluent renderer plus the callback-data codec).
 */
export type Render = (bundle: readonly StoredNotification[]) => RenderedMessage[];

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
  const pacer = createChatPacer(deps.connection, deps.prefix, deps.limits.perChatMs);
  const globalPacer = createGlobalPacer(deps.connection, deps.prefix, deps.limits.globalPerSec);
  const burst = deps.burst ?? DEFAULT_BURST;
  const processor = (job: Job<DeliveryJobData, BundleOutcome>, token?: string) =>
    deliverBundle({ ...deps, pacer, globalPacer, burst }, job, token);
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
  return { worker, close: () => worker.close() };
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

type Context = DeliveryWorkerDeps & { pacer: ChatPacer; globalPacer: GlobalPacer; burst: RateLimitBurst };

const ids = (rows: readonly StoredNotification[]) => rows.map((r) => r.id);

async function deliverBundle(
  ctx: Context,
  job: Job<DeliveryJobData, BundleOutcome>,
  token: string | undefined,
): Promise<BundleOutcome> {
  const loaded = loadBundle(ctx.store, job.data.bundleKey);
  // an attempt that died before its request left: sending these again cannot duplicate anything
  const unissued = new Set(releaseUnissued(ctx.store, ids(loaded.filter((r) => r.state === 'claimed'))));
  const rows = loaded.map((r) => (unissued.has(r.id) ? { ...r, state: 'queued' as const } : r));
  const interrupted = rows.filter((r) => r.state === 'sending');
  if (interrupted.length > 0) {
    markInterrupted(ctx.store, ids(interrupted), 'interrupted mid-send: delivery unknown; `outbox retry` resends');
    ctx.log.warn({ bundleKey: job.data.bundleKey, ids: ids(interrupted) }, 'found rows interrupted mid-send');
  }
  const sendable = rows.filter((r) => SENDABLE_STATES.includes(r.state));
  const first = sendable[0];
  if (first === undefined) return 'nothing-to-send';

  const recipient = findRecipient(ctx.store, first);
  if (typeof recipient === 'string') {
    markUndeliverable(ctx.store, ids(sendable), recipient);
    return 'undeliverable';
  }
  // the scheduler's own rules, again at the last moment: a worker running alone (`--only worker`) after
  // downtime must not send yesterday's bundle, nor what an item has moved past since its tick
  const verdicts = staleNotifications(sendable, [], (item) => getStatus(ctx.store, item), ctx.clock.now());
  markStale(ctx.store, verdicts);
  const open = sendable.filter((r) => !verdicts.has(r.id));
  if (open.length === 0) return 'skipped';

  const wait = await ctx.pacer.reserve(recipient.chatId);
  if (wait > 0) {
    await job.moveToDelayed(Date.now() + wait, token);
    throw new DelayedError();
  }
  const claimedIds = new Set(claimForSending(ctx.store, ids(open)));
  const claimed = open.filter((r) => claimedIds.has(r.id));
  if (claimed.length === 0) return 'nothing-to-send';

  let messages: RenderedMessage[];
  try {
    messages = ctx.render(claimed);
  } catch (error) {
    const reason = `render: ${error instanceof Error ? error.message : String(error)}`;
    releaseClaim(ctx.store, ids(claimed), 'dead', reason);
    throw new UnrecoverableError(reason);
  }
  if (messages.length === 0) {
    releaseClaim(ctx.store, ids(claimed), 'skipped', 'nothing to say');
    return 'skipped';
  }
  try {
    const messageId = await sendParts(ctx, job, recipient, messages, () => markRequestIssued(ctx.store, ids(claimed)));
    markSent(ctx.store, ids(claimed), messageId, ctx.clock.now().toUTC().toISO() ?? '');
    return 'sent';
  } catch (error) {
    return handleFailure(ctx, job, token, claimed, classifyTelegramError(error));
  }
}

/**
 * Sends the parts not yet delivered, pacing the chat between them; progress is kept in the job, so a retry
 * resumes after the last delivered part. Returns the id of the bundle's first message.
 */
async function sendParts(
  ctx: Context,
  job: Job<DeliveryJobData, BundleOutcome>,
  to: Recipient,
  messages: RenderedMessage[],
  onRequest: () => void,
): Promise<number> {
  const from = job.data.partsSent ?? 0;
  let firstId = job.data.messageId;
  for (const [index, message] of messages.entries()) {
    if (index < from) continue;
    if (index > from) await waitForChat(ctx.pacer, to.chatId);
    await ctx.globalPacer.take();
    const { messageId } = await ctx.transport.send(to, message, onRequest);
    firstId ??= messageId;
    if (messages.length > 1) await job.updateData({ ...job.data, partsSent: index + 1, messageId: firstId });
  }
  if (firstId === undefined) throw new Error(`bundle ${job.data.bundleKey}: no part was sent`);
  return firstId;
}

async function waitForChat(pacer: ChatPacer, chatId: string): Promise<void> {
  for (let wait = await pacer.reserve(chatId); wait > 0; wait = await pacer.reserve(chatId)) {
    await new Promise((r) => setTimeout(r, wait));
  }
}

async function handleFailure(
  ctx: Context,
  job: Job<DeliveryJobData, BundleOutcome>,
  token: string | undefined,
  claimed: StoredNotification[],
  failure: SendFailure,
): Promise<never> {
  const claimedIds = ids(claimed);
  switch (failure.kind) {
    case 'rate_limited': {
      releaseClaim(ctx.store, claimedIds, 'queued', failure.message);
      if (await rateLimitBurst(ctx)) {
        ctx.log.warn({ retryAfterMs: failure.retryAfterMs }, 'repeated 429s: pausing the delivery queue');
        await ctx.queue.rateLimit(failure.retryAfterMs);
        throw Worker.RateLimitError();
      }
      await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
      throw new DelayedError();
    }
    case 'unreachable': {
      releaseClaim(ctx.store, claimedIds, 'dead', failure.message);
      const personId = claimed[0]?.recipientId;
      if (personId !== undefined) await reportUnreachable(ctx, personId);
      throw new UnrecoverableError(failure.message);
    }
    case 'rejected':
      releaseClaim(ctx.store, claimedIds, 'dead', failure.message);
      throw new UnrecoverableError(failure.message);
    case 'transient': {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      releaseClaim(ctx.store, claimedIds, lastAttempt ? 'failed' : 'queued', failure.message);
      throw new Error(failure.message);
    }
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

/** Marks the person unreachable and, if this call made it so, tells their supervisor now. */
async function reportUnreachable(ctx: Context, personId: number): Promise<void> {
  if (!markUnreachable(ctx.store, personId)) return;
  const person = getPerson(ctx.store, personId);
  if (person === null) return;
  const notices = insertPlanned(ctx.store, unreachableNotices(ctx.store, person, ctx.clock.now()));
  ctx.log.warn({ personId, told: notices.map((n) => n.recipientId) }, 'recipient unreachable; supervisor told');
  await enqueueNotifications({ store: ctx.store, queue: ctx.queue, clock: ctx.clock, policy: ctx.retry ?? DEFAULT_RETRY_POLICY }, notices);
}
