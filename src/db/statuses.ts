/**
 * Milestone statuses in the store. Every change runs in one IMMEDIATE transaction that reads the current
 * row, checks the state machine, writes the row and its audit event, so two people pressing at once (in
 * two processes sharing the file) are serialized and neither change is lost.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type ItemStatus, STATUS_VALUES, type StatusValue, type SubjectRef } from '../planner/status.js';
import { type LocalDate, SCOPES, type Scope } from '../schedule/types.js';
import type { Store } from './client.js';
import { itemStatuses, statusEvents } from './schema.js';
import { assertTransition, type Capacity, InvalidTransitionError, isClosed } from './status-machine.js';

export type StatusVia = 'button' | 'command' | 'import' | 'system';

/** One milestone occurrence for one subject. */
export interface ItemRef {
  scheduleId: string;
  occurrenceKey: string;
  subject: SubjectRef;
}

/** A status as stored: the planner's view plus what the bot needs to detect stale presses and show who. */
export interface StoredStatus extends ItemStatus {
  /** Bumped by every recorded change; a button carries the version it was drawn for. */
  version: number;
  /** Person who made the last change; null for the system and imports. */
  updatedBy: number | null;
}

/** A press or command drawn for an older state of the item: nothing changed; `current` is what to show. */
export class StaleStatusError extends Error {
  override name = 'StaleStatusError';
  constructor(
    readonly expectedVersion: number,
    readonly current: StoredStatus,
  ) {
    super(`Status changed meanwhile: expected version ${expectedVersion}, now ${current.version} (${current.status})`);
  }
}

export interface TransitionInput extends ItemRef {
  to: StatusValue;
  /** Null for the system and imports. */
  actorId: number | null;
  /** The actor's capacities for this item (`capacitiesFor`); imports and the system pass `['system']`. */
  capacities: readonly Capacity[];
  via: StatusVia;
  comment?: string | null;
  /** The date the subject promises to finish by, `YYYY-MM-DD` (with «В работе до …»). */
  plannedDate?: LocalDate | null;
  /** The version the actor saw; a different current version raises `StaleStatusError`. */
  expectedVersion?: number;
  /** The milestone has `confirm_by`. */
  requiresConfirmation: boolean;
}

type Row = typeof itemStatuses.$inferSelect;

function parseEnum<T extends string>(values: readonly T[], value: string, what: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`Corrupt ${what} "${value}" in the store`);
  return found;
}

function toStored(row: Row): StoredStatus {
  return {
    scheduleId: row.scheduleId,
    occurrenceKey: row.occurrenceKey,
    subject: { type: parseEnum<Scope>(SCOPES, row.subjectType, 'subject type'), id: row.subjectId },
    status: parseEnum<StatusValue>(STATUS_VALUES, row.status, 'status'),
    plannedDate: row.plannedDate,
    comment: row.comment,
    updatedAt: row.updatedAt,
    snoozedUntil: row.snoozedUntil,
    version: row.version,
    updatedBy: row.updatedBy,
  };
}

function instant(now: DateTime): string {
  const iso = now.toUTC().toISO();
  if (iso === null) throw new RangeError(`Invalid instant: ${now.invalidExplanation ?? 'unknown'}`);
  return iso;
}

function checkDate(value: LocalDate, field: string): LocalDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    throw new RangeError(`${field} must be a calendar date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

function itemWhere(ref: ItemRef) {
  return and(
    eq(itemStatuses.scheduleId, ref.scheduleId),
    eq(itemStatuses.occurrenceKey, ref.occurrenceKey),
    eq(itemStatuses.subjectType, ref.subject.type),
    eq(itemStatuses.subjectId, ref.subject.id),
  );
}

/** The item's row, created as `pending` (version 0) when nobody has touched it yet. Call inside a transaction. */
function rowFor(store: Store, ref: ItemRef, at: string): Row {
  const existing = store.db.select().from(itemStatuses).where(itemWhere(ref)).get();
  if (existing) return existing;
  return store.db
    .insert(itemStatuses)
    .values({
      scheduleId: ref.scheduleId,
      occurrenceKey: ref.occurrenceKey,
      subjectType: ref.subject.type,
      subjectId: ref.subject.id,
      status: 'pending',
      version: 0,
      updatedAt: at,
    })
    .returning()
    .get();
}

/** Writes the change and its audit event; the caller holds the transaction. */
function record(
  store: Store,
  row: Row,
  change: { to: StatusValue; actorId: number | null; via: StatusVia; comment: string | null; plannedDate: string | null },
  at: string,
): StoredStatus {
  const updated = store.db
    .update(itemStatuses)
    .set({
      status: change.to,
      version: sql`${itemStatuses.version} + 1`,
      updatedAt: at,
      updatedBy: change.actorId,
      ...(change.comment !== null && { comment: change.comment }),
      ...(change.plannedDate !== null && { plannedDate: change.plannedDate }),
    })
    .where(eq(itemStatuses.id, row.id))
    .returning()
    .get();
  store.db
    .insert(statusEvents)
    .values({
      itemId: row.id,
      actorId: change.actorId,
      at,
      fromStatus: row.status,
      toStatus: change.to,
      via: change.via,
      comment: change.comment,
      plannedDate: change.plannedDate,
    })
    .run();
  if (!updated) throw new Error(`item_statuses row ${row.id} vanished inside its transaction`);
  return toStored(updated);
}

/**
 * Moves one item to `to` and records who did it. Throws `InvalidTransitionError` when the state machine
 * refuses and `StaleStatusError` when `expectedVersion` no longer matches; in both cases nothing is written.
 */
export function applyTransition(store: Store, input: TransitionInput, now: DateTime): StoredStatus {
  const at = instant(now);
  const comment = input.comment?.trim() || null;
  const plannedDate = input.plannedDate ? checkDate(input.plannedDate, 'plannedDate') : null;
  return store.sqlite
    .transaction(() => {
      const row = rowFor(store, input, at);
      if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) {
        throw new StaleStatusError(input.expectedVersion, toStored(row));
      }
      const from = toStored(row).status;
      assertTransition(from, input.to, {
        requiresConfirmation: input.requiresConfirmation,
        capacities: input.capacities,
        comment,
      });
      return record(store, row, { to: input.to, actorId: input.actorId, via: input.via, comment, plannedDate }, at);
    })
    .immediate();
}

/**
 * Records a new promised date on an open item (an audit event with the status unchanged). Setting the same
 * date again changes nothing. A closed item refuses with `InvalidTransitionError` (reason `no_such_transition`).
 */
export function setPlannedDate(
  store: Store,
  input: ItemRef & { plannedDate: LocalDate; actorId: number | null; via: StatusVia; expectedVersion?: number },
  now: DateTime,
): StoredStatus {
  const at = instant(now);
  const plannedDate = checkDate(input.plannedDate, 'plannedDate');
  return store.sqlite
    .transaction(() => {
      const row = rowFor(store, input, at);
      const current = toStored(row);
      if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) {
        throw new StaleStatusError(input.expectedVersion, current);
      }
      if (isClosed(current.status)) throw new InvalidTransitionError(current.status, current.status, 'no_such_transition');
      if (current.plannedDate === plannedDate) return current;
      return record(store, row, { to: current.status, actorId: input.actorId, via: input.via, comment: null, plannedDate }, at);
    })
    .immediate();
}

/**
 * Postpones reminders of one item until the local date `until` (null clears it). Not a status change: no
 * audit event and no new version, so buttons already shown stay valid.
 */
export function snooze(store: Store, ref: ItemRef, until: LocalDate | null, now: DateTime): StoredStatus {
  const at = instant(now);
  const snoozedUntil = until === null ? null : checkDate(until, 'until');
  return store.sqlite
    .transaction(() => {
      const row = rowFor(store, ref, at);
      const updated = store.db
        .update(itemStatuses)
        .set({ snoozedUntil })
        .where(eq(itemStatuses.id, row.id))
        .returning()
        .get();
      if (!updated) throw new Error(`item_statuses row ${row.id} vanished inside its transaction`);
      return toStored(updated);
    })
    .immediate();
}

/** The stored status of one item, or null when nobody has touched it (it is pending). */
export function getStatus(store: Store, ref: ItemRef): StoredStatus | null {
  const row = store.db.select().from(itemStatuses).where(itemWhere(ref)).get();
  return row ? toStored(row) : null;
}

/** Every stored status, or those of the given schedules. Items absent here are pending. */
export function loadStatuses(store: Store, scheduleIds?: readonly string[]): StoredStatus[] {
  const query = store.db.select().from(itemStatuses);
  const rows =
    scheduleIds === undefined ? query.all() : query.where(inArray(itemStatuses.scheduleId, [...scheduleIds])).all();
  return rows.map(toStored);
}

/** One audit event, oldest first in `loadStatusEvents`. */
export interface StatusEvent {
  id: number;
  at: string;
  actorId: number | null;
  from: StatusValue;
  to: StatusValue;
  via: StatusVia;
  comment: string | null;
  plannedDate: string | null;
}

const VIAS: readonly StatusVia[] = ['button', 'command', 'import', 'system'];

/** The audit trail of one item, oldest first (empty when the item was never touched). */
export function loadStatusEvents(store: Store, ref: ItemRef): StatusEvent[] {
  return store.db
    .select({ event: statusEvents })
    .from(statusEvents)
    .innerJoin(itemStatuses, eq(statusEvents.itemId, itemStatuses.id))
    .where(itemWhere(ref))
    .orderBy(statusEvents.id)
    .all()
    .map(({ event }) => ({
      id: event.id,
      at: event.at,
      actorId: event.actorId,
      from: parseEnum<StatusValue>(STATUS_VALUES, event.fromStatus, 'status'),
      to: parseEnum<StatusValue>(STATUS_VALUES, event.toStatus, 'status'),
      via: parseEnum<StatusVia>(VIAS, event.via, 'via'),
      comment: event.comment,
      plannedDate: event.plannedDate,
    }));
}
