/**
 * Milestone statuses in the store. Every change runs in one IMMEDIATE transaction that reads the current
 * row, checks the state machine, writes the row and its audit event, so two people pressing at once (in
 * two processes sharing the file) are serialized and neither change is lost.
 */
import type { Statement } from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
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
  done_on: string | null;
}

type Key = [scheduleId: string, occurrenceKey: string, subjectType: string, subjectId: number];

/** What a change writes onto an item's row, the status and who and when included. */
interface RowState {
  status: string;
  at: string;
  by: number | null;
  comment: string | null;
  plannedDate: string | null;
  source: string | null;
  actorName: string | null;
  doneOn: string | null;
}

/**
 * The statements of the per-press path, prepared once per store: a button press is a handful of them, and
 * the query builder would cost ten times the SQLite work (measured in bench/roster-reads.bench.ts).
 */
interface Statements {
  find: Statement<Key, Row>;
  create: Statement<[...Key, string], Row>;
  change: Statement<RowState & { id: number }, Row>;
  snooze: Statement<{ id: number; until: string | null }, Row>;
  event: Statement<
    Omit<RowState, 'status' | 'by'> & { itemId: number; actorId: number | null; from: string; to: string; via: string }
  >;
  /** The bulk path (`applyBulk`): an untouched item's row written once with its final state. */
  insert: Statement<RowState & { scheduleId: string; occurrenceKey: string; subjectType: string; subjectId: number; version: number }>;
  /** The bulk path: a touched item's row written once, however many steps it took. */
  update: Statement<RowState & { id: number; steps: number }>;
  /**
   * The reads of whole sets (`loadStatuses`, `loadItemStatuses`), lists passed as JSON arrays so one
   * statement serves any length: the bot reads a region's statuses on a reply, where drizzle's mapping of
   * each row was most of its time.
   */
  all: Statement<[], ListedRow>;
  ofSchedules: Statement<[scheduleIds: string], ListedRow>;
  ofItems: Statement<ItemsQuery, ListedRow>;
  statesOfItems: Statement<ItemsQuery, { occurrence_key: string; subject_id: number; status: string }>;
}

/** One schedule's occurrences × subjects of one type, the lists as JSON arrays. */
type ItemsQuery = { schedule: string; keys: string; type: string; ids: string };

/** `ItemsQuery`'s condition: every column of the item index is bound, so SQLite walks it for exactly those items. */
const OF_ITEMS = `where s.schedule_id = @schedule and s.occurrence_key in (select value from json_each(@keys))
  and s.subject_type = @type and s.subject_id in (select value from json_each(@ids))`;

/** A row of a set read, with whether its last change was returned → submitted (1) while it is submitted. */
type ListedRow = Row & { resubmitted: number | null };

/** `ListedRow`'s select: the last event is looked up only for a submitted item (through status_events_item). */
const LISTED = `select s.*, case when s.status = 'submitted' then (
    select e.from_status = 'returned' and e.to_status = 'submitted' from status_events e where e.item_id = s.id order by e.id desc limit 1
  ) end as resubmitted from item_statuses s`;

const prepared = new WeakMap<Store, Statements>();

/** A done day said with a change is kept while the item stays done or confirmed, and goes when it leaves them. */
const DONE_ON = `done_on = case when @status in ('done', 'confirmed') then coalesce(@doneOn, done_on) end`;

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
         comment = coalesce(@comment, comment), planned_date = coalesce(@plannedDate, planned_date), ${DONE_ON}
       where id = @id returning *`,
    ),
    snooze: db.prepare('update item_statuses set snoozed_until = @until where id = @id returning *'),
    event: db.prepare(
      `insert into status_events (item_id, actor_id, at, from_status, to_status, via, comment, planned_date, source, actor_name, done_on)
       values (@itemId, @actorId, @at, @from, @to, @via, @comment, @plannedDate, @source, @actorName, @doneOn)`,
    ),
    insert: db.prepare(
      `insert into item_statuses (schedule_id, occurrence_key, subject_type, subject_id, status, version, updated_at, updated_by,
         updated_source, updated_actor_name, comment, planned_date, done_on)
       values (@scheduleId, @occurrenceKey, @subjectType, @subjectId, @status, @version, @at, @by, @source, @actorName,
         @comment, @plannedDate, @doneOn)`,
    ),
    update: db.prepare(
      `update item_statuses set status = @status, version = version + @steps, updated_at = @at, updated_by = @by,
         updated_source = @source, updated_actor_name = @actorName,
         comment = coalesce(@comment, comment), planned_date = coalesce(@plannedDate, planned_date), ${DONE_ON}
       where id = @id`,
    ),
    all: db.prepare<[], ListedRow>(LISTED),
    ofSchedules: db.prepare<[string], ListedRow>(`${LISTED} where s.schedule_id in (select value from json_each(?))`),
    ofItems: db.prepare(`${LISTED} ${OF_ITEMS}`),
    statesOfItems: db.prepare(`select s.occurrence_key, s.subject_id, s.status from item_statuses s ${OF_ITEMS}`),
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
    doneOn: row.done_on,
  };
}

function sourceOf(file: string | null, actor: string | null): ChangeSource | null {
  return file === null ? null : { file, actor: actor ?? '' };
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
    doneOn?: string | null;
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
    doneOn: change.doneOn ?? null,
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
    doneOn: change.doneOn ?? null,
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

/** One step of a bulk change: the status it moves to and what comes with it. */
export interface TransitionStep {
  to: StatusValue;
  comment: string | null;
  plannedDate: LocalDate | null;
  /** The day the item was done (a step to done or confirmed only). */
  doneOn?: LocalDate | null;
}

/**
 * One item's part of `applyBulk`: steps along the state machine from its current status (pending → submitted
 * → confirmed), a reopening against it (one event, only an operator's `--allow-reopen` asks for it, so no
 * capacity is checked), or a new promised date on an open item (an event with the status unchanged).
 */
export type BulkChange = ItemRef &
  (
    | { kind: 'steps'; steps: readonly TransitionStep[]; requiresConfirmation: boolean }
    | { kind: 'reopen'; step: TransitionStep }
    | { kind: 'planned_date'; plannedDate: LocalDate }
  );

/** Who makes every change of a bulk write, and where from. */
export interface BulkOrigin {
  actorId: number | null;
  /** The actor's capacities; imports pass `['system']`. */
  capacities: readonly Capacity[];
  via: StatusVia;
  source: ChangeSource | null;
}

/** A step checked and cleaned as it is stored. */
interface CleanStep {
  to: StatusValue;
  comment: string | null;
  plannedDate: string | null;
  doneOn: string | null;
}

function cleanStep(step: TransitionStep): CleanStep {
  return {
    to: step.to,
    comment: storedComment(step.comment),
    plannedDate: step.plannedDate === null ? null : checkDate(step.plannedDate, 'plannedDate'),
    doneOn: step.doneOn === undefined || step.doneOn === null ? null : checkDate(step.doneOn, 'doneOn'),
  };
}

/**
 * Writes many items' changes in one transaction, the path of a national import (tens of thousands of items):
 * each item's row is read once and written once (inserted with its final state when nobody touched it yet),
 * and each step is its own audit event with the same content `applyTransition` would record, every step
 * checked by the state machine from the stored status. A refused step throws `InvalidTransitionError`
 * (a closed item's new promised date too) and nothing of the whole write stays.
 * @returns how many audit events were written
 */
export function applyBulk(store: Store, changes: readonly BulkChange[], origin: BulkOrigin, now: DateTime): number {
  const at = instant(now);
  const st = statements(store);
  const source = origin.source?.file ?? null;
  const actorName = origin.source?.actor ?? null;
  const by = origin.actorId;
  return store.sqlite
    .transaction(() => {
      let events = 0;
      for (const change of changes) {
        const { scheduleId, occurrenceKey } = change;
        const row = st.find.get(scheduleId, occurrenceKey, change.subject.type, change.subject.id) ?? null;
        const from = row === null ? 'pending' : parseEnum<StatusValue>(STATUS_VALUES, row.status, 'status');
        const steps = bulkSteps(change, from, origin.capacities);
        if (steps.length === 0) continue;
        // the row's final state: the last step's status, and the last comment and dates any step brought
        const last = steps[steps.length - 1] as CleanStep;
        let comment: string | null = null;
        let plannedDate: string | null = null;
        let doneOn: string | null = null;
        for (const step of steps) {
          comment = step.comment ?? comment;
          plannedDate = step.plannedDate ?? plannedDate;
          doneOn = step.doneOn ?? doneOn;
        }
        const status = last.to;
        let itemId: number;
        if (row === null) {
          const { type: subjectType, id: subjectId } = change.subject;
          const version = steps.length;
          const inserted = st.insert.run({ scheduleId, occurrenceKey, subjectType, subjectId, status, version, at, by, comment, plannedDate, source, actorName, doneOn });
          itemId = Number(inserted.lastInsertRowid);
        } else {
          itemId = row.id;
          st.update.run({ id: itemId, status, steps: steps.length, at, by, comment, plannedDate, source, actorName, doneOn });
        }
        let before = from;
        for (const step of steps) {
          st.event.run({ itemId, actorId: by, at, from: before, to: step.to, via: origin.via, comment: step.comment, plannedDate: step.plannedDate, source, actorName, doneOn: step.doneOn });
          before = step.to;
        }
        events += steps.length;
      }
      return events;
    })
    .immediate();
}

/** The steps one bulk change takes from the stored status `from`, checked; none when it changes nothing. */
function bulkSteps(change: BulkChange, from: StatusValue, capacities: readonly Capacity[]): CleanStep[] {
  switch (change.kind) {
    case 'reopen':
      return [cleanStep(change.step)];
    case 'planned_date':
      if (isClosed(from)) throw new InvalidTransitionError(from, from, 'no_such_transition');
      return [cleanStep({ to: from, comment: null, plannedDate: change.plannedDate })];
    case 'steps': {
      let current = from;
      return change.steps.map((step) => {
        const clean = cleanStep(step);
        assertTransition(current, clean.to, { requiresConfirmation: change.requiresConfirmation, capacities, comment: clean.comment });
        current = clean.to;
        return clean;
      });
    }
  }
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
  const st = statements(store);
  return (scheduleIds === undefined ? st.all.all() : st.ofSchedules.all(JSON.stringify(scheduleIds))).map(listed);
}

/**
 * The stored statuses of the items of one schedule's occurrences × subjects of one type: what a reply about a
 * person's or a region's items needs, not the whole table. Items absent here are pending.
 */
export function loadItemStatuses(
  store: Store,
  scheduleId: string,
  occurrenceKeys: readonly string[],
  type: Scope,
  subjectIds: readonly number[],
): StoredStatus[] {
  if (occurrenceKeys.length === 0 || subjectIds.length === 0) return [];
  return statements(store).ofItems.all(itemsQuery(scheduleId, occurrenceKeys, type, subjectIds)).map(listed);
}

/** A stored item's status alone. */
export interface ItemState {
  occurrenceKey: string;
  subjectId: number;
  status: StatusValue;
}

/**
 * Only the status of each stored item of `loadItemStatuses`'s set: a region's lagging schools are counted from
 * thousands of items, and each further column read costs as much as the status itself.
 */
export function loadItemStates(
  store: Store,
  scheduleId: string,
  occurrenceKeys: readonly string[],
  type: Scope,
  subjectIds: readonly number[],
): ItemState[] {
  if (occurrenceKeys.length === 0 || subjectIds.length === 0) return [];
  return statements(store)
    .statesOfItems.all(itemsQuery(scheduleId, occurrenceKeys, type, subjectIds))
    .map((row) => ({ occurrenceKey: row.occurrence_key, subjectId: row.subject_id, status: parseEnum<StatusValue>(STATUS_VALUES, row.status, 'status') }));
}

function itemsQuery(scheduleId: string, occurrenceKeys: readonly string[], type: Scope, subjectIds: readonly number[]): ItemsQuery {
  return { schedule: scheduleId, keys: JSON.stringify(occurrenceKeys), type, ids: JSON.stringify(subjectIds) };
}

/** Items now submitted whose last change was returned → submitted: the planner hands them over the same day. */
function listed(row: ListedRow): StoredStatus {
  const status = toStored(row);
  if (row.resubmitted === 1) status.resubmitted = true;
  return status;
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
  /** The day the item was done, when the change said so. */
  doneOn: LocalDate | null;
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
      doneOn: event.doneOn,
    }));
}
