/**
 * The one send path, for the delivery worker's bundles, the bot's triggered messages and the tests alike:
 * recipient → catch-up rules → chat pace → claim → render → global pace → send → record.
 *
 * Never twice: a row is claimed (sendable → `claimed`, a check-and-set in SQLite) before rendering, marked
 * `sending` the instant its request leaves and `sent` right after Telegram answers. A process that dies before
 * the request leaves leaves the row `claimed`, and the next attempt sends it again. One that dies between the
 * request leaving and the `sent` write leaves it `sending`: the next attempt cannot know whether the message
 * arrived and marks it `failed` ("interrupted") instead of sending again (see the worker), so the outbox shows
 * it and an operator may retry. Telegram offers no idempotency key to close that window.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import {
  claimForSending,
  insertPlanned,
  markRequestIssued,
  markSent,
  markStale,
  markUndeliverable,
  releaseClaim,
  type StoredNotification,
} from '../db/notifications.js';
import { getPerson, markUnreachable } from '../db/people.js';
import { getStatus } from '../db/statuses.js';
import { staleNotifications } from '../queue/catch-up.js';
import type { Pacer } from './pacing.js';
import { findRecipient, NOT_STARTED } from './recipient.js';
import { classifyTelegramError, type SendFailure } from './telegram-errors.js';
import type { Recipient, RenderedMessage, Transport } from './transport.js';
import { unreachableNotices } from './unreachable.js';

/**
 * Turns the claimed rows of a bundle into Telegram messages with encoded buttons (production:
 * `createTelegramRender` in src/bot/telegram-render.ts, the Fluent renderer plus the callback-data codec).
 */
export type Render = (bundle: readonly StoredNotification[]) => RenderedMessage[];

export interface SendPath {
  /** Names this worker or bot process in the claims it takes (each attempt adds its own suffix). */
  owner: string;
  /**
   * How long a claim is its attempt's alone: longer than any attempt takes (a multi-part bundle, paced, with
   * slow answers), so a live attempt is never taken for a dead one; a dead one's rows wait this long.
   */
  leaseMs: number;
  store: Store;
  transport: Transport;
  render: Render;
  clock: Clock;
  /** Per chat (RATE_PER_CHAT_MS) and for the whole token (RATE_GLOBAL_PER_SEC), shared through Redis. */
  pacer: Pacer;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
}

/** Where a multi-part bundle stands, kept by the caller across attempts (the worker keeps it in the job). */
export interface PartsProgress {
  /** Parts delivered by earlier attempts. */
  partsSent: number;
  /** Telegram id of the bundle's first message, once delivered. */
  messageId: number | undefined;
  save(partsSent: number, messageId: number): Promise<void>;
}

export interface SendOptions {
  /**
   * `interactive` (replies' follow-ups, triggered sends): waits for the chat's gap and takes a global slot
   * however far ahead the clock is. `scheduled` (the worker): waits while interactive sends hold the clock,
   * and returns `chat-busy` rather than wait for a chat, so the caller reschedules.
   */
  lane: 'interactive' | 'scheduled';
  /** A transient failure then ends the rows `failed` instead of `queued` for another try. */
  lastAttempt: boolean;
  progress?: PartsProgress;
}

export type SendOutcome =
  | { kind: 'sent'; messageId: number; rows: StoredNotification[] }
  /** Every row was closed, moved on or had a day that passed, or rendering left nothing to say. */
  | { kind: 'skipped' }
  /** Nobody to send to: the rows end `dead` with the reason. */
  | { kind: 'undeliverable'; reason: string }
  /** Someone else claimed the rows meanwhile, or they wait for a recipient who has not joined yet. */
  | { kind: 'nothing-to-send' }
  | { kind: 'chat-busy'; waitMs: number }
  /** A bug or a corrupt row: the rows end `dead`. */
  | { kind: 'render-failed'; reason: string }
  /**
   * Telegram or the network said no; the rows are settled for it already (queued again, failed or dead).
   * `notices`: stored supervisor notices to deliver when the recipient turned out unreachable.
   */
  | { kind: 'failed'; failure: SendFailure; rows: StoredNotification[]; notices: StoredNotification[] };

const ids = (rows: readonly StoredNotification[]) => rows.map((r) => r.id);

/** Sends one bundle's sendable rows as one message (or its parts). */
export async function sendBundle(path: SendPath, sendable: readonly StoredNotification[], options: SendOptions): Promise<SendOutcome> {
  const first = sendable[0];
  if (first === undefined) return { kind: 'nothing-to-send' };
  // before anything is read: the wait lasts as long as a burst of replies does
  if (options.lane === 'scheduled') await path.pacer.yieldToInteractive();
  const recipient = findRecipient(path.store, first);
  // someone who has not joined yet may still do so today: the bundle waits (the bot sends it on /start)
  if (recipient === NOT_STARTED && first.localDate >= (path.clock.now().setZone(first.zone).toISODate() ?? '')) return { kind: 'nothing-to-send' };
  if (typeof recipient === 'string') {
    markUndeliverable(path.store, ids(sendable), recipient);
    return { kind: 'undeliverable', reason: recipient };
  }
  // the scheduler's own rules, again at the last moment: a worker running alone (`--only worker`) after
  // downtime must not send yesterday's bundle, nor what an item has moved past since its tick
  const verdicts = staleNotifications(sendable, [], (item) => getStatus(path.store, item), path.clock.now());
  markStale(path.store, verdicts);
  const open = sendable.filter((r) => !verdicts.has(r.id));
  if (open.length === 0) return { kind: 'skipped' };

  if (options.lane === 'interactive') await path.pacer.waitForChat(recipient.chatId);
  else {
    const waitMs = await path.pacer.reserveChat(recipient.chatId);
    if (waitMs > 0) return { kind: 'chat-busy', waitMs };
  }
  // the first part's slot before the claim: in a burst the wait is many seconds, and a claim's lease is not
  await path.pacer.slot(recipient.chatId);
  // real time, not the clock: leases are measured against BullMQ's lock durations, which are real ms
  const owner = `${path.owner}/${randomUUID().slice(0, 8)}`;
  const claimedIds = new Set(claimForSending(path.store, ids(open), { owner, leaseUntil: Date.now() + path.leaseMs }));
  const claimed = open.filter((r) => claimedIds.has(r.id));
  // the chat is held for the gap after the send that should follow; when none does, it must not stay blocked
  if (claimed.length === 0) {
    await path.pacer.releaseChat(recipient.chatId);
    return { kind: 'nothing-to-send' };
  }

  let messages: RenderedMessage[];
  try {
    messages = path.render(claimed);
  } catch (error) {
    const reason = `render: ${error instanceof Error ? error.message : String(error)}`;
    releaseClaim(path.store, ids(claimed), owner, 'dead', reason);
    await path.pacer.releaseChat(recipient.chatId);
    return { kind: 'render-failed', reason };
  }
  if (messages.length === 0) {
    releaseClaim(path.store, ids(claimed), owner, 'skipped', 'nothing to say');
    await path.pacer.releaseChat(recipient.chatId);
    return { kind: 'skipped' };
  }
  try {
    const messageId = await sendParts(path, recipient, messages, () => markRequestIssued(path.store, ids(claimed), owner), options.progress);
    markSent(path.store, ids(claimed), owner, messageId, path.clock.now().toUTC().toISO() ?? '');
    return { kind: 'sent', messageId, rows: claimed };
  } catch (error) {
    const failure = classifyTelegramError(error);
    return { kind: 'failed', failure, rows: claimed, notices: settleFailure(path, { owner, rows: claimed }, failure, options.lastAttempt) };
  }
}

/**
 * Sends the parts not yet delivered (the first in the slot already taken), pacing the chat between them and
 * taking a global slot for each; returns the id of the bundle's first message.
 */
async function sendParts(
  path: SendPath,
  to: Recipient,
  messages: RenderedMessage[],
  onRequest: () => void,
  progress: PartsProgress | undefined,
): Promise<number> {
  const from = progress?.partsSent ?? 0;
  let firstId = progress?.messageId;
  for (const [index, message] of messages.entries()) {
    if (index < from) continue;
    if (index > from) {
      await path.pacer.waitForChat(to.chatId);
      await path.pacer.slot(to.chatId);
    }
    const { messageId } = await path.transport.send(to, message, onRequest);
    firstId ??= messageId;
    if (messages.length > 1) await progress?.save(index + 1, firstId);
  }
  if (firstId === undefined) throw new Error(`no part of the message to person ${to.personId} was sent`);
  return firstId;
}

/**
 * Records what a failure means for the rows: a 429 or a transient error queues them again (or ends them
 * `failed` on the last attempt), a rejection ends them `dead`, and a 403 also marks the person unreachable
 * and stores the notices to their supervisor, once per time they become unreachable.
 */
function settleFailure(
  path: SendPath,
  claim: { owner: string; rows: StoredNotification[] },
  failure: SendFailure,
  lastAttempt: boolean,
): StoredNotification[] {
  const release = (state: 'queued' | 'failed' | 'dead', error: string) => releaseClaim(path.store, ids(claim.rows), claim.owner, state, error);
  switch (failure.kind) {
    case 'rate_limited':
      release('queued', failure.message);
      return [];
    case 'transient':
      release(lastAttempt ? 'failed' : 'queued', failure.message);
      return [];
    case 'unknown':
      // the request left and no answer came back: Telegram may have the message, so it is never sent again
      // on its own; `outbox` lists the row and `outbox retry` resends it if the person did not get it
      release('failed', `delivery unknown (${failure.message}); \`outbox retry\` resends`);
      return [];
    case 'rejected':
      release('dead', failure.message);
      return [];
    case 'unreachable': {
      release('dead', failure.message);
      const personId = claim.rows[0]?.recipientId;
      return personId === undefined ? [] : reportUnreachable(path, personId);
    }
  }
}

/** Marks the person unreachable and, if this call made it so, stores the notices to their supervisor. */
function reportUnreachable(path: SendPath, personId: number): StoredNotification[] {
  if (!markUnreachable(path.store, personId)) return [];
  const person = getPerson(path.store, personId);
  if (person === null) return [];
  const notices = insertPlanned(path.store, unreachableNotices(path.store, person, path.clock.now()));
  path.log.warn({ personId, told: notices.map((n) => n.recipientId) }, 'recipient unreachable; supervisor told');
  return notices;
}
