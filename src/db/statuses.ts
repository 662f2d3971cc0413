/**
 * Milestone statuses in the store. Every change runs in one IMMEDIATE transaction that reads the current
 * row, checks the state machine, writes the row and its audit event, so two people pressing at once (in
 * two processes sharing the file) are serialized and neither change is lost.
 */
import type { Statement } from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import { type Scope, SCOPES } from '../domain/roles.js';
import { assertTransition, type Capacity, InvalidTransitionError, isClosed } from '../domain/status-machine.js';
import { type ItemRef, type ItemStatus, STATUS_VALUES, type StatusValue } from '../domain/status.js';
import { isLocalDate } from '../schedule/day-number.js';
import type { Store } from './client.js';
import { itemStatuses, statusEvents } from './schema.js';
import { clampText, MAX_COMMENT_LENGTH } from '../domain/user-text.js';

/** A comment as stored: trimmed, blank as none, at most MAX_COMMENT_LENGTH characters. */
function storedComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim();
  return trimmed ? clampText(trimmed, MAX_COMMENT_LENGTH) : null;
}

export type StatusVia = 'button' | 'command' | 'import' | 'system';

/** A status as stored: the planner's view plus what the bot needs to detect stale presses and show who. */
export interface StoredStatus extends ItemStatus {
  /** Bumped by every recorded change; a button carries the version it was drawn for. */
  version: number;
  /** Person who made the last change; null for the system and imports. */
  updatedBy: number | null;
  /** Where the last change came from when no roster person made it: an import's file and `--as`. */
  updatedSource: ChangeSource | null;
}

/** An imported change's origin, kept with its audit event: the file's name and whom the import acted for. */
export interface ChangeSource {
  file: string;
  actor: string;
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
  /** An import's file and `--as`. */
  source?: ChangeSource | null;
}

/** An `item_statuses` row as SQLite returns it. */
interface Row {
  id: number;
  schedule_id: string;
  occurrence_key: string;
  subject_type: string;
  subject_id: number;
  status: string;
  planned_date: string | null;
  comment: string | null;
  snoozed_until: string | null;
  version: number;
  updated_at: string;
  updated_by: number | null;
  updated_source: string | null;
  updated_actor_name: string | null;
}

type Key = [scheduleId: string, occurrenceKey: string, subjectType: string, subjectId: number];

/**
 * The statements of the per-press path, prepared once per store: a button press is a handful of them, and
 * the query builder would cost ten times the SQLite work (measured in bench/roster-reads.bench.ts).
 */
interface Statements {
  find: Statement<Key, Row>;
  create: Statement<[...Key, string], Row>;
  change: Statement<
    {
      id: number;
      status: string;
      at: string;
      by: number | null;
      comment: string | null;
      plannedDate: string | null;
      source: string | null;
      actorName: string | null;
    },
    Row
  >;
  snooze: Statement<{ id: number; until: string | null }, Row>;
  event: Statement<{
    itemId: number;
    actorId: number | null;
    at: string;
    from: string;
    to: string;
    via: string;
    comment: string | null;
    plannedDate: string | null;
    source: string | null;
    actorName: string | null;
  }>;
}

const prepared = new WeakMap<Store, Statements>();

function statements(store: Store): Statements {
  const cached = prepared.get(store);
  if (cached) return cached;
  const db = store.sqlite;
  const made: Statements = {
    find: db.prepare<Key, Row>(
      'select * from item_statuses where schedule_id = ? and occurrence_key = ? and subject_type = ? and subject_id = ?',
    ),
    create: db.prepare<[...Key, string], Row>(
      `insert into item_statuses (schedule_id, occurrence_key, subject_type, subject_id, status, version, updated_at)
       values (?, ?, ?, ?, 'pending', 0, ?) returning *`,
    ),
    change: db.prepare(
      `update item_statuses set status = @status, version = version + 1, updated_at = @at, updated_by = @by,
         updated_source = @source, updated_actor_name = @actorName,
         comment = coalesce(@comment, comment), planned_date = coalesce(@plannedDate, planned_date)
       where id = @id returning *`,
    ),
    snooze: db.prepare('update item_statuses set snoozed_until = @until where id = @id returning *'),
    event: db.prepare(
      `insert into status_events (item_id, actor_id, at, from_status, to_status, via, comment, planned_date, source, actor_name)
       values (@itemId, @actorId, @at, @from, @to, @via, @comment, @plannedDate, @source, @actorName)`,
    ),
  };
  prepared.set(store, made);
  return made;
}

function keyOf(ref: ItemRef): Key {
  return [ref.scheduleId, ref.occurrenceKey, ref.subject.type, ref.subject.id];
}

function parseEnum<T extends string>(values: readonly T[], value: string, what: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`Corrupt ${what} "${value}" in the store`);
  return found;
}

function toStored(row: Row): StoredStatus {
  return {
    scheduleId: row.schedule_id,
    occurrenceKey: row.occurrence_key,
    subject: { type: parseEnum<Scope>(SCOPES, row.subject_type, 'subject type'), id: row.subject_id },
    status: parseEnum<StatusValue>(STATUS_VALUES, row.status, 'status'),
    plannedDate: row.planned_date,
    comment: row.comment,
    updatedAt: row.updated_at,
    snoozedUntil: row.snoozed_until,
    version: row.version,
    updatedBy: row.updated_by,
    updatedSource: sourceOf(row.updated_source, row.updated_actor_name),
  };
}

function sourceOf(file: string | null, actor: string | null): ChangeSource | null {
  return file === null ? null : { file, actor: actor ?? '' };
}

function fromDrizzle(row: typeof itemStatuses.$inferSelect): StoredStatus {
  return toStored({
    id: row.id,
    schedule_id: row.scheduleId,
    occurrence_key: row.occurrenceKey,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    status: row.status,
    planned_date: row.plannedDate,
    comment: row.comment,
    snoozed_until: row.snoozedUntil,
    version: row.version,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    updated_source: row.updatedSource,
    updated_actor_name: row.updatedActorName,
  });
}

function instant(now: DateTime): string {
  const iso = now.toUTC().toISO();
  if (iso === null) throw new RangeError(`Invalid instant: ${now.invalidExplanation ?? 'unknown'}`);
  return iso;
}

function checkDate(value: LocalDate, field: string): LocalDate {
  if (!isLocalDate(value)) {
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
  const { find, create } = statements(store);
  const row = find.get(...keyOf(ref)) ?? create.get(...keyOf(ref), at);
  if (!row) throw new Error(`Could not create the item_statuses row of ${ref.scheduleId}/${ref.occurrenceKey}`);
  return row;
}

/** Writes the change and its audit event; the caller holds the transaction. */
function record(
  store: Store,
  row: Row,
  change: {
    to: StatusValue;
    actorId: number | null;
    via: StatusVia;
    comment: string | null;
    plannedDate: string | null;
    source?: ChangeSource | null | undefined;
  },
  at: string,
): StoredStatus {
  const st = statements(store);
  const source = change.source?.file ?? null;
  const actorName = change.source?.actor ?? null;
  const updated = st.change.get({
    id: row.id,
    status: change.to,
    at,
    by: change.actorId,
    comment: change.comment,
    plannedDate: change.plannedDate,
    source,
    actorName,
  });
  if (!updated) throw new Error(`item_statuses row ${row.id} vanished inside its transaction`);
  st.event.run({
    itemId: row.id,
    actorId: change.actorId,
    at,
    from: row.status,
    to: change.to,
    via: change.via,
    comment: change.comment,
    plannedDate: change.plannedDate,
    source,
    actorName,
  });
  return toStored(updated);
}

/**
 * Moves one item to `to` and records who did it. Throws `InvalidTransitionError` when the state machine
 * refuses and `StaleStatusError` when `expectedVersion` no longer matches; in both cases nothing is written.
 */
export function applyTransition(store: Store, input: TransitionInput, now: DateTime): StoredStatus {
  const at = instant(now);
  const comment = storedComment(input.comment);
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
      return record(store, row, { to: input.to, actorId: input.actorId, via: input.via, comment, plannedDate, source: input.source }, at);
    })
    .immediate();
}

/** One step of `applySteps`. */
export interface TransitionStep {
  to: StatusValue;
  comment: string | null;
  plannedDate: LocalDate | null;
}

/**
 * Moves one item along several steps of the state machine in one transaction, each step its own audit event
 * (an import's pending → submitted → confirmed): the item's row is found once, which a national import of
 * tens of thousands of items needs. Refuses like `applyTransition`, writing nothing then.
 */
export function applySteps(
  store: Store,
  input: ItemRef & { steps: readonly TransitionStep[]; actorId: number | null; capacities: readonly Capacity[]; via: StatusVia; requiresConfirmation: boolean; source?: ChangeSource | null },
  now: DateTime,
): StoredStatus | null {
  const at = instant(now);
  return store.sqlite
    .transaction(() => {
      let row = rowFor(store, input, at);
      let stored: StoredStatus | null = null;
      for (const step of input.steps) {
        const comment = storedComment(step.comment);
        const plannedDate = step.plannedDate ? checkDate(step.plannedDate, 'plannedDate') : null;
        assertTransition(parseEnum<StatusValue>(STATUS_VALUES, row.status, 'status'), step.to, { requiresConfirmation: input.requiresConfirmation, capacities: input.capacities, comment });
        stored = record(store, row, { to: step.to, actorId: input.actorId, via: input.via, comment, plannedDate, source: input.source }, at);
        row = { ...row, status: step.to };
      }
      return stored;
    })
    .immediate();
}

/**
 * Moves one item back against the state machine (confirmed → in_progress), one audited event: only an
 * operator's import asked to (`status import --allow-reopen`) does this, so it takes no actor capacity.
 */
export function reopenItem(
  store: Store,
  input: ItemRef & { to: StatusValue; comment: string | null; plannedDate: LocalDate | null; source: ChangeSource | null },
  now: DateTime,
): StoredStatus {
  const at = instant(now);
  const plannedDate = input.plannedDate === null ? null : checkDate(input.plannedDate, 'plannedDate');
  return store.sqlite
    .transaction(() => {
      const row = rowFor(store, input, at);
      const change = { to: input.to, actorId: null, via: 'import' as const, comment: storedComment(input.comment), plannedDate, source: input.source };
      return record(store, row, change, at);
    })
    .immediate();
}

/** A note on an open item that leaves its status as it is (a promised date, a coordinator's problem). */
interface Annotation extends ItemRef {
  actorId: number | null;
  via: StatusVia;
  expectedVersion?: number;
  source?: ChangeSource | null;
}

/**
 * Writes `change` onto an open item as an audit event with the status unchanged, unless `same` says the
 * item already holds it. A closed item refuses with `InvalidTransitionError` (reason `no_such_transition`).
 */
function annotate(
  store: Store,
  input: Annotation,
  change: { comment: string | null; plannedDate: string | null },
  same: (current: StoredStatus) => boolean,
  now: DateTime,
): StoredStatus {
  const at = instant(now);
  return store.sqlite
    .transaction(() => {
      const row = rowFor(store, input, at);
      const current = toStored(row);
      if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) {
        throw new StaleStatusError(input.expectedVersion, current);
      }
      if (isClosed(current.status)) throw new InvalidTransitionError(current.status, current.status, 'no_such_transition');
      if (same(current)) return current;
      return record(store, row, { to: current.status, actorId: input.actorId, via: input.via, source: input.source, ...change }, at);
    })
    .immediate();
}

/**
 * Records a new promised date on an open item (an audit event with the status unchanged). Setting the same
 * date again changes nothing. A closed item refuses with `InvalidTransitionError` (reason `no_such_transition`).
 */
export function setPlannedDate(store: Store, input: Annotation & { plannedDate: LocalDate }, now: DateTime): StoredStatus {
  const plannedDate = checkDate(input.plannedDate, 'plannedDate');
  return annotate(store, input, { comment: null, plannedDate }, (current) => current.plannedDate === plannedDate, now);
}

/**
 * Records a comment on an open item (an audit event with the status unchanged), e.g. the reason a municipal
 * coordinator gives for «Проблема»; it becomes the item's comment. The same comment again changes nothing.
 * A blank comment is a `RangeError`; a closed item refuses with `InvalidTransitionError`.
 */
export function recordComment(store: Store, input: Annotation & { comment: string }, now: DateTime): StoredStatus {
  const comment = storedComment(input.comment);
  if (comment === null) throw new RangeError('comment must not be blank');
  return annotate(store, input, { comment, plannedDate: null }, (current) => current.comment === comment, now);
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
      const updated = statements(store).snooze.get({ id: row.id, until: snoozedUntil });
      if (!updated) throw new Error(`item_statuses row ${row.id} vanished inside its transaction`);
      return toStored(updated);
    })
    .immediate();
}

/** The stored status of one item, or null when nobody has touched it (it is pending). */
export function getStatus(store: Store, ref: ItemRef): StoredStatus | null {
  const row = statements(store).find.get(...keyOf(ref));
  return row ? toStored(row) : null;
}

/** Every stored status, or those of the given schedules. Items absent here are pending. */
export function loadStatuses(store: Store, scheduleIds?: readonly string[]): StoredStatus[] {
  const query = store.db.select().from(itemStatuses);
  const rows =
    scheduleIds === undefined ? query.all() : query.where(inArray(itemStatuses.scheduleId, [...scheduleIds])).all();
  return rows.map(fromDrizzle);
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
  /** An import's file and `--as`. */
  source: ChangeSource | null;
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
      source: sourceOf(event.source, event.actorName),
    }));
}
