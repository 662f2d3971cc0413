/**
 * The `notifications` table: planned notifications in, state changes as check-and-set updates (each only
 * applies from the states it expects), so two processes never both send one row; and the reads the
 * scheduler's tick makes (what the planner must not plan again, what still waits, what has come due).
 *
 * States: planned → queued → claimed → sending → sent | skipped | failed | dead. A worker claims a row before
 * rendering and marks it `sending` the moment the request leaves; a later attempt that finds a row `claimed`
 * may send it again (no request left), one found `sending` was interrupted mid-send (see worker.ts).
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { type AlreadyPlanned, BUTTON_ACTIONS, bundleLine, HANDOFF_BUNDLE, NOTIFICATION_KINDS, type PlannedNotification } from '../domain/notification.js';
import { SCOPES } from '../domain/roles.js';
import { PERSON_ROLES } from '../domain/roster.js';
import type { Store } from './client.js';
import { allOf, oneOf } from './columns.js';
import { notifications } from './schema.js';

export const NOTIFICATION_STATES = [
  'planned',
  'queued',
  'claimed',
  'sending',
  'sent',
  'skipped',
  'failed',
  'dead',
] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** States a worker may still send from. `failed` only comes back through `outbox retry` (→ queued). */
export const SENDABLE_STATES: readonly NotificationState[] = ['planned', 'queued'];
/** Held by a worker: `claimed` before the request leaves, `sending` once it has. */
export const IN_FLIGHT_STATES: readonly NotificationState[] = ['claimed', 'sending'];

/** Why a waiting notification is dropped; stored as the row's `last_error`. */
export type SkipReason =
  /**
   * The item moved on after the notification was planned: closed, or into a stage the message no longer
   * fits (a school's reminder once it has posted its documents; see `stillRelevant`).
   */
  | 'item moved on'
  /** The recipient's day the message belonged to is over (the bot was down, or the queue was lost). */
  | 'day passed'
  /** A later step of the same item has come due: its message says everything this one would. */
  | 'superseded';

/** Why a row ends `dead` when its recipient never joined while its day lasted (their bundles wait until then). */
export const RECIPIENT_NOT_STARTED = 'recipient has not started the bot yet';

export interface StoredNotification extends PlannedNotification {
  id: number;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  telegramMessageId: number | null;
  sentAt: string | null;
  /** The claim of the attempt holding the row in flight (see `Claim`), else null. */
  claimedBy: string | null;
  leaseUntil: number | null;
}

const itemRef = z.object({
  scheduleId: z.string(),
  occurrenceKey: z.string(),
  subject: z.object({ type: z.enum(SCOPES), id: z.number().int() }),
});

/** What `payload` holds besides the table's own columns. */
const payloadSchema = z.object({
  templateId: z.string(),
  params: z.record(z.string(), z.json()),
  buttons: z.array(z.object({ action: z.enum(BUTTON_ACTIONS), ref: itemRef.nullable() })),
  recipientRole: z.enum(PERSON_ROLES),
  zone: z.string(),
  localDate: z.string(),
  step: z.string(),
});
type Payload = z.infer<typeof payloadSchema>;

type Row = typeof notifications.$inferSelect;

/** A row read back as the planner wrote it, plus its delivery record. */
export function toStored(row: Row): StoredNotification {
  const parsed = payloadSchema.safeParse(JSON.parse(row.payload));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`notifications row ${row.id}: payload.${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  const item =
    row.scheduleId !== null && row.occurrenceKey !== null && row.subjectType !== null && row.subjectId !== null
      ? {
          scheduleId: row.scheduleId,
          occurrenceKey: row.occurrenceKey,
          subject: { type: oneOf(SCOPES, row.subjectType, `notifications row ${row.id}: subject type`), id: row.subjectId },
        }
      : null;
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    bundleKey: row.bundleKey,
    recipientId: row.personId,
    recipientRole: p.recipientRole,
    zone: p.zone,
    sendAt: row.sendAt,
    localDate: p.localDate,
    kind: oneOf(NOTIFICATION_KINDS, row.kind, `notifications row ${row.id}: kind`),
    templateId: p.templateId,
    params: p.params,
    buttons: p.buttons,
    item,
    step: p.step,
    state: oneOf(NOTIFICATION_STATES, row.state, `notifications row ${row.id}: state`),
    attempts: row.attempts,
    lastError: row.lastError,
    telegramMessageId: row.telegramMessageId,
    sentAt: row.sentAt,
    claimedBy: row.claimedBy,
    leaseUntil: row.leaseUntil,
  };
}

function toRow(n: PlannedNotification): typeof notifications.$inferInsert {
  const payload: Payload = {
    templateId: n.templateId,
    params: n.params,
    buttons: n.buttons,
    recipientRole: n.recipientRole,
    zone: n.zone,
    localDate: n.localDate,
    step: n.step,
  };
  return {
    dedupeKey: n.dedupeKey,
    bundleKey: n.bundleKey,
    personId: n.recipientId,
    kind: n.kind,
    scheduleId: n.item?.scheduleId ?? null,
    occurrenceKey: n.item?.occurrenceKey ?? null,
    subjectType: n.item?.subject.type ?? null,
    subjectId: n.item?.subject.id ?? null,
    sendAt: n.sendAt,
    payload: JSON.stringify(payload),
  };
}

/** Rows per INSERT, well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/**
 * Stores planned notifications; ones whose dedupe key is already stored are left alone (whatever their
 * state), so planning the same decision twice, from one process or two, stores it once. Returns the rows
 * this call inserted.
 */
export function insertPlanned(store: Store, planned: readonly PlannedNotification[]): StoredNotification[] {
  const inserted: Row[] = [];
  store.db.transaction((tx) => {
    for (let i = 0; i < planned.length; i += INSERT_CHUNK) {
      const values = planned.slice(i, i + INSERT_CHUNK).map(toRow);
      inserted.push(...tx.insert(notifications).values(values).onConflictDoNothing().returning().all());
    }
  });
  return inserted.map(toStored);
}

export function getNotification(store: Store, id: number): StoredNotification | null {
  const row = store.db.select().from(notifications).where(eq(notifications.id, id)).get();
  return row ? toStored(row) : null;
}

/** Every row of one bundle (one person's message of the day, or one triggered message), oldest first. */
export function loadBundle(store: Store, bundleKey: string): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(eq(notifications.bundleKey, bundleKey))
    .orderBy(asc(notifications.id))
    .all()
    .map(toStored);
}

export interface NotificationFilter {
  state?: NotificationState;
  personId?: number;
  limit?: number;
}

/** For the outbox: newest send time first. */
export function listNotifications(store: Store, filter: NotificationFilter = {}): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(
      allOf(
        filter.state !== undefined && eq(notifications.state, filter.state),
        filter.personId !== undefined && eq(notifications.personId, filter.personId),
      ),
    )
    .orderBy(sql`${notifications.sendAt} desc`, sql`${notifications.id} desc`)
    .limit(filter.limit ?? 1000)
    .all()
    .map(toStored);
}

function transition(
  store: Store,
  ids: readonly number[],
  from: readonly NotificationState[],
  set: SQLiteUpdateSetSource<typeof notifications>,
  also?: SQL,
): number[] {
  if (ids.length === 0) return [];
  return store.db
    .update(notifications)
    .set(set)
    .where(and(inArray(notifications.id, [...ids]), inArray(notifications.state, [...from]), also))
    .returning({ id: notifications.id })
    .all()
    .map((r) => r.id);
}

/**
 * → queued: a job for it is in Redis. From `planned` when the scheduler enqueues; `outbox retry` also passes
 * `failed` (and `dead` for one explicitly named row).
 */
export function markQueued(
  store: Store,
  ids: readonly number[],
  from: readonly NotificationState[] = ['planned'],
): number[] {
  return transition(store, ids, from, { state: 'queued' });
}

/**
 * Who holds a claimed row and until when: one attempt of one worker (or of the bot), and the real-time epoch
 * ms its lease runs to. Only the holder moves the row on; after the lease, another attempt may settle it.
 */
export interface Claim {
  owner: string;
  leaseUntil: number;
}

const heldBy = (owner: string) => eq(notifications.claimedBy, owner);
/** The holder is gone for good (its lease ran out), or the row predates leases. */
const leaseExpired = (nowMs: number) => or(isNull(notifications.leaseUntil), lt(notifications.leaseUntil, nowMs));
const unclaimed = { claimedBy: null, leaseUntil: null };

/**
 * The check-and-set before a send: sendable → claimed by `claim`, counting the attempt. Only the ids returned
 * may be sent; any other was sent, skipped or claimed by someone else meanwhile.
 */
export function claimForSending(store: Store, ids: readonly number[], claim: Claim): number[] {
  return transition(store, ids, SENDABLE_STATES, {
    state: 'claimed',
    attempts: sql`${notifications.attempts} + 1`,
    claimedBy: claim.owner,
    leaseUntil: claim.leaseUntil,
  });
}

/**
 * claimed → sending, written the moment the request leaves. A crash before it leaves a row `claimed`, which is
 * safe to send again; only a crash after it leaves the row `sending`, whose delivery nobody can know.
 */
export function markRequestIssued(store: Store, ids: readonly number[], owner: string): number[] {
  return transition(store, ids, ['claimed'], { state: 'sending' }, heldBy(owner));
}

/** The holder's claimed or sending rows → sent, with the message id and the clock's time. */
export function markSent(store: Store, ids: readonly number[], owner: string, messageId: number, sentAt: string): number[] {
  return transition(
    store,
    ids,
    IN_FLIGHT_STATES,
    { state: 'sent', telegramMessageId: messageId, sentAt, lastError: null, ...unclaimed },
    heldBy(owner),
  );
}

/**
 * The holder's rows in flight → queued (to be retried), skipped (nothing to say), failed (retries exhausted or
 * delivery unknown) or dead (unrecoverable).
 */
export function releaseClaim(
  store: Store,
  ids: readonly number[],
  owner: string,
  state: 'queued' | 'skipped' | 'failed' | 'dead',
  error: string | null,
): number[] {
  return transition(store, ids, IN_FLIGHT_STATES, { state, lastError: error, ...unclaimed }, heldBy(owner));
}

/** Sendable → skipped: the item closed meanwhile or the message no longer makes sense. */
export function markSkipped(store: Store, ids: readonly number[], reason: string): number[] {
  return transition(store, ids, SENDABLE_STATES, { state: 'skipped', lastError: reason });
}

/**
 * Carries out the catch-up verdicts (`staleNotifications`): each row sendable → skipped with its reason.
 * Returns how many rows each reason skipped.
 */
export function markStale(store: Store, verdicts: ReadonlyMap<number, SkipReason>): Record<SkipReason, number> {
  const byReason = new Map<SkipReason, number[]>();
  for (const [id, reason] of verdicts) {
    const ids = byReason.get(reason);
    if (ids === undefined) byReason.set(reason, [id]);
    else ids.push(id);
  }
  const skipped: Record<SkipReason, number> = { 'item moved on': 0, 'day passed': 0, superseded: 0 };
  for (const [reason, ids] of byReason) skipped[reason] = markSkipped(store, ids, reason).length;
  return skipped;
}

/** Sendable → dead without trying: nobody to send to. */
export function markUndeliverable(store: Store, ids: readonly number[], reason: string): number[] {
  return transition(store, ids, SENDABLE_STATES, { state: 'dead', lastError: reason });
}

/**
 * A row left `claimed` by an attempt that died before its request left (its lease ran out): back to queued,
 * to be sent again. A live attempt's claim is never touched.
 */
export function releaseUnissued(store: Store, ids: readonly number[], nowMs: number): number[] {
  return transition(store, ids, ['claimed'], { state: 'queued', ...unclaimed }, leaseExpired(nowMs));
}

/** A row left in `sending` by an attempt that died (its lease ran out): whether Telegram got it is unknown. */
export function markInterrupted(store: Store, ids: readonly number[], nowMs: number, reason: string): number[] {
  return transition(store, ids, ['sending'], { state: 'failed', lastError: reason, ...unclaimed }, leaseExpired(nowMs));
}

/** Rows whose line a bundle still carries: a skipped, failed or dead row said nothing. */
const LINE_HOLDING: ReadonlySet<string> = new Set(['planned', 'queued', 'claimed', 'sending', 'sent']);

/** A daily bundle key, `<personId>@<YYYY-MM-DD>`; triggered bundles carry `/<dedupeKey>` after it. */
const DAILY_BUNDLE = /^\d+@\d{4}-\d{2}-\d{2}$/;

/**
 * Every stored dedupe key (whatever its state: a skipped or failed decision is not planned again) and the
 * daily bundles that have gone out or are going out right now, which the planner treats as closed days.
 */
export function loadAlreadyPlanned(store: Store): AlreadyPlanned {
  const rows = store.db
    .select({ dedupeKey: notifications.dedupeKey, bundleKey: notifications.bundleKey, state: notifications.state })
    .from(notifications)
    .all();
  const dedupeKeys = new Set<string>();
  const GONE_OUT: ReadonlySet<string> = new Set(['sent', ...IN_FLIGHT_STATES]);
  const sentBundles = new Set<string>();
  const bundleLines = new Set<string>();
  const handoffSlots = new Set<string>();
  for (const row of rows) {
    dedupeKeys.add(row.dedupeKey);
    if (HANDOFF_BUNDLE.test(row.bundleKey)) {
      // a hand-off speaks for its day; its slot is taken while it waits or once it went
      if (LINE_HOLDING.has(row.state)) {
        handoffSlots.add(row.bundleKey);
        bundleLines.add(bundleLine(row.bundleKey, row.dedupeKey));
      }
      continue;
    }
    if (!DAILY_BUNDLE.test(row.bundleKey)) continue;
    if (GONE_OUT.has(row.state)) sentBundles.add(row.bundleKey);
    if (LINE_HOLDING.has(row.state)) bundleLines.add(bundleLine(row.bundleKey, row.dedupeKey));
  }
  return { dedupeKeys, sentBundles, bundleLines, handoffSlots };
}

/** Waiting rows get a new send time (their person moved zone or window); rows in flight keep theirs. */
export function retimeWaiting(store: Store, ids: readonly number[], sendAt: string): number[] {
  return transition(store, ids, SENDABLE_STATES, { sendAt });
}

/** Rows a worker may still send (planned or queued), earliest first. */
export function loadWaiting(store: Store): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(inArray(notifications.state, [...SENDABLE_STATES]))
    .orderBy(notifications.sendAt, notifications.id)
    .all()
    .map(toStored);
}

/** Rows of any state due between two UTC ISO instants (inclusive). */
export function loadDueBetween(store: Store, fromIso: string, toIso: string): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(and(gte(notifications.sendAt, fromIso), lte(notifications.sendAt, toIso)))
    .all()
    .map(toStored);
}

/** The rows of these dedupe keys, whoever stored them. */
export function loadByDedupeKeys(store: Store, dedupeKeys: readonly string[]): StoredNotification[] {
  if (dedupeKeys.length === 0) return [];
  return store.db.select().from(notifications).where(inArray(notifications.dedupeKey, [...dedupeKeys])).all().map(toStored);
}

/** Rows a worker has yet to send or settle. */
export const UNSETTLED_STATES: readonly NotificationState[] = [...SENDABLE_STATES, ...IN_FLIGHT_STATES];

/** How many rows due by `nowIso` a worker still has to send or settle. */
export function countDueUnsettled(store: Store, nowIso: string): number {
  return (
    store.db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(inArray(notifications.state, [...UNSETTLED_STATES]), lte(notifications.sendAt, nowIso)))
      .get()?.n ?? 0
  );
}

/** The earliest send time after `nowIso` of a row still to be sent or settled, if any. */
export function nextUnsettledSendAt(store: Store, nowIso: string): string | null {
  return (
    store.db
      .select({ at: sql<string | null>`min(${notifications.sendAt})` })
      .from(notifications)
      .where(and(inArray(notifications.state, [...UNSETTLED_STATES]), sql`${notifications.sendAt} > ${nowIso}`))
      .get()?.at ?? null
  );
}

/** Every row's kind, state, bundle and recipient role: what a delivery summary counts. */
export function deliveryTally(store: Store): { kind: string; state: NotificationState; bundleKey: string; role: string }[] {
  const rows = store.db
    .select({
      kind: notifications.kind,
      state: notifications.state,
      bundleKey: notifications.bundleKey,
      role: sql<string>`json_extract(${notifications.payload}, '$.recipientRole')`,
    })
    .from(notifications)
    .all();
  return rows.map((r) => ({ ...r, state: oneOf(NOTIFICATION_STATES, r.state, 'notifications: state') }));
}
