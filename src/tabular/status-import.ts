/**
 * `status import`: bring milestone statuses from a CSV (what a coordinator reports, or the demo's
 * statuses) into the store, all or nothing.
 *
 * Rules:
 * - every row is checked first (columns, schedule and occurrence, subject, status, dates) and every
 *   problem is reported with its row and column; one problem means nothing is written;
 * - a status is reached through the state machine from the item's current status along the shortest path,
 *   each step an audit event `via: 'import'` (pending → confirmed is pending → submitted → confirmed); a
 *   status that cannot be reached (confirmed → submitted, done on a milestone with confirm_by) is an error;
 * - whether a milestone needs confirmation comes from its schedule (`confirm_by`);
 * - a row whose status the item already has changes nothing but a different planned date, so re-importing
 *   a file is a no-op; its comment is then ignored (comments belong to changes);
 * - the same item twice in a file is an error unless the rows agree.
 */
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { findRegion, namedSubjects } from '../db/roster.js';
import { applyTransition, getStatus, setPlannedDate } from '../db/statuses.js';
import type { LocalDate } from '../domain/local-date.js';
import { type Scope, SCOPES } from '../domain/roles.js';
import { assertTransition, findPath, findRule, InvalidTransitionError } from '../domain/status-machine.js';
import type { ItemRef } from '../domain/status.js';
import { STATUS_VALUES, statusKey, type StatusValue } from '../domain/status.js';
import { isLocalDate } from '../schedule/day-number.js';
import { type Occurrence, occurrenceByKey } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { csvTable, nonEmptyRows, readTable, type Table } from './read-table.js';
import { FileNotImportedError, type RowIssue } from './row-issues.js';

/** A status file that was not imported; `issues` lists every problem found. */
export class StatusImportError extends FileNotImportedError {
  override name = 'StatusImportError';
  constructor(file: string, issues: RowIssue[]) {
    super('Statuses', file, issues);
  }
}

const failWith = (file: string, issues: RowIssue[]) => new StatusImportError(file, issues);

/**
 * Reads a status file: the same formats as the roster (`.xlsx`, CSV in UTF-8 or Windows-1251, `;`, `,` or tab).
 * @throws StatusImportError when it cannot be read
 */
export function readStatusFile(path: string): Promise<Table> {
  return readTable(path, failWith);
}

/** A status table from CSV text in memory. */
export function statusTable(file: string, text: string): Table {
  return csvTable(file, text, failWith);
}

type Field = 'schedule' | 'occurrence' | 'subjectType' | 'subject' | 'status' | 'plannedDate' | 'comment' | 'region';

/** Accepted headers (compared lower-case with `_` and runs of spaces as one space). */
const HEADERS: Record<Field, readonly string[]> = {
  schedule: ['schedule', 'график', 'дорожная карта'],
  occurrence: ['occurrence', 'occurrence key', 'мероприятие', 'этап'],
  subjectType: ['subject type', 'тип субъекта', 'тип'],
  subject: ['subject', 'субъект'],
  status: ['status', 'статус'],
  plannedDate: ['planned date', 'плановая дата', 'плановый срок'],
  comment: ['comment', 'комментарий'],
  region: ['region', 'регион'],
};
const REQUIRED: readonly Field[] = ['schedule', 'occurrence', 'subjectType', 'subject', 'status'];

/** What the import did (or, dry, would do) to one item. */
export interface StatusImportChange {
  row: number;
  ref: ItemRef;
  /** The subject as the file names it. */
  subject: string;
  from: StatusValue;
  /** Statuses passed through, the last one reported; empty when only the planned date changes. */
  path: StatusValue[];
  plannedDate: LocalDate | null;
}

export interface StatusImportResult {
  rows: number;
  changes: StatusImportChange[];
  /** Rows whose item already was as reported. */
  unchanged: number;
}

interface ParsedRow {
  row: number;
  scheduleId: string;
  occurrenceKey: string;
  subjectType: Scope;
  subject: string;
  status: StatusValue;
  plannedDate: LocalDate | null;
  comment: string | null;
  region: string | null;
  requiresConfirmation: boolean;
}

function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[_\s]+/g, ' ').trim();
}

/** `DD.MM.YYYY` or `YYYY-MM-DD` to `YYYY-MM-DD`; null when it is neither or no such day. */
function parseDate(value: string): LocalDate | null {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : value;
  return isLocalDate(iso) ? iso : null;
}

const lower = (s: string) => s.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();

interface Candidate {
  id: number;
  regionId: number;
}

/** Groups candidates by the name the file uses for them. */
function byName<T extends Candidate>(rows: T[], name: (row: T) => string): Map<string, Candidate[]> {
  const map = new Map<string, Candidate[]>();
  for (const row of rows) {
    const key = name(row);
    map.set(key, [...(map.get(key) ?? []), { id: row.id, regionId: row.regionId }]);
  }
  return map;
}

/**
 * Resolves the file's subject names to store ids, with the region column to tell namesakes apart. Each
 * table is read once, so a national file of tens of thousands of rows resolves in memory.
 */
class SubjectResolver {
  private readonly regionCache = new Map<string, number | null>();
  private readonly tables = new Map<Exclude<Scope, 'region'>, Map<string, Candidate[]>>();
  constructor(private readonly store: Store) {}

  regionId(nameOrCode: string): number | null {
    const cached = this.regionCache.get(nameOrCode);
    if (cached !== undefined) return cached;
    const id = findRegion(this.store, nameOrCode)?.id ?? null;
    this.regionCache.set(nameOrCode, id);
    return id;
  }

  private table(type: Exclude<Scope, 'region'>): Map<string, Candidate[]> {
    const cached = this.tables.get(type);
    if (cached) return cached;
    // a school is named by its code, a curator or municipality by its name
    const table = byName(namedSubjects(this.store, type), (s) => (type === 'school' ? s.name : lower(s.name)));
    this.tables.set(type, table);
    return table;
  }

  /** The subject's id, or a message saying why it cannot be told. */
  resolve(type: Scope, subject: string, regionId: number | null): number | string {
    if (type === 'region') return this.regionId(subject) ?? `no region "${subject}" on the roster`;
    const what = type === 'school' ? 'school with code' : type;
    const all = this.table(type).get(type === 'school' ? subject : lower(subject)) ?? [];
    const found = regionId === null ? all : all.filter((c) => c.regionId === regionId);
    if (found.length === 1 && found[0]) return found[0].id;
    if (found.length === 0) return `no ${what} "${subject}"${regionId === null ? '' : ' in that region'} on the roster`;
    return `${found.length} matches for ${what} "${subject}" in different regions: add a region column to tell them apart`;
  }
}

/** Reads and checks the rows that need no database: columns, schedule, occurrence, values. */
function parseRows(table: Table, schedules: readonly Schedule[], issues: RowIssue[]): ParsedRow[] {
  const [header, ...body] = nonEmptyRows(table);
  if (!header) {
    issues.push({ message: 'the file is empty: expected a header row and one row per item' });
    return [];
  }
  const index = new Map<Field, number>();
  const title = new Map<Field, string>();
  header.cells.forEach((cell, i) => {
    const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(normaliseHeader(cell)));
    if (field === undefined) {
      issues.push({ row: header.row, column: cell, message: `unknown column; expected ${Object.values(HEADERS).map((h) => h[0]).join(', ')}` });
    } else if (index.has(field)) {
      issues.push({ row: header.row, column: cell, message: `the same column as "${title.get(field)}"` });
    } else {
      index.set(field, i);
      title.set(field, cell);
    }
  });
  const missing = REQUIRED.filter((f) => !index.has(f));
  if (missing.length > 0) {
    issues.push({ row: header.row, message: `missing column(s): ${missing.map((f) => HEADERS[f][0]).join(', ')}` });
    return [];
  }

  const byId = new Map(schedules.map((s) => [s.id, s]));
  // a national file names the same few occurrences thousands of times
  const occurrences = new Map<string, Occurrence | null>();
  const occurrenceOf = (schedule: Schedule, key: string): Occurrence | null => {
    const cacheKey = `${schedule.id}\n${key}`;
    if (!occurrences.has(cacheKey)) occurrences.set(cacheKey, occurrenceByKey(schedule, key, schedule.timeZone));
    return occurrences.get(cacheKey) ?? null;
  };
  const parsed: ParsedRow[] = [];
  body.forEach(({ row, cells }) => {
    const get = (f: Field) => {
      const at = index.get(f);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const problem = (f: Field, message: string) => issues.push({ row, column: title.get(f) ?? HEADERS[f][0] ?? f, message });
    const before = issues.length;
    for (const f of REQUIRED) if (get(f) === '') problem(f, 'empty; a value is required');

    const schedule = byId.get(get('schedule'));
    if (get('schedule') !== '' && !schedule) {
      problem('schedule', `no schedule "${get('schedule')}"; known: ${[...byId.keys()].join(', ') || 'none'}`);
    }
    const occurrence = schedule && get('occurrence') !== '' ? occurrenceOf(schedule, get('occurrence')) : null;
    if (schedule && get('occurrence') !== '' && !occurrence) {
      problem('occurrence', `schedule "${schedule.id}" has no occurrence "${get('occurrence')}" (a milestone id, or id@YYYY-MM-DD for a dated one)`);
    }
    const subjectType = SCOPES.find((s) => s === get('subjectType').toLowerCase());
    if (get('subjectType') !== '' && !subjectType) problem('subjectType', `"${get('subjectType')}": expected ${SCOPES.join(', ')}`);
    if (occurrence && subjectType && occurrence.milestone.scope !== subjectType) {
      problem('subjectType', `milestone "${occurrence.milestone.id}" is tracked per ${occurrence.milestone.scope}, not per ${subjectType}`);
    }
    const status = STATUS_VALUES.find((s) => s === get('status').toLowerCase());
    if (get('status') !== '' && !status) problem('status', `"${get('status')}": expected ${STATUS_VALUES.join(', ')}`);
    const plannedDate = get('plannedDate') === '' ? null : parseDate(get('plannedDate'));
    if (get('plannedDate') !== '' && plannedDate === null) {
      problem('plannedDate', `"${get('plannedDate')}": expected a date DD.MM.YYYY or YYYY-MM-DD`);
    }
    if (issues.length > before || !schedule || !occurrence || !subjectType || !status) return;
    parsed.push({
      row,
      scheduleId: schedule.id,
      occurrenceKey: occurrence.key,
      subjectType,
      subject: get('subject'),
      status,
      plannedDate,
      comment: get('comment') || null,
      region: get('region') || null,
      requiresConfirmation: occurrence.milestone.confirmBy !== null,
    });
  });
  return parsed;
}

const column = (f: Field) => HEADERS[f][0] ?? f;

/** The item a row is about, or null (with an issue) when its subject cannot be told. */
function resolveRef(resolver: SubjectResolver, r: ParsedRow, issues: RowIssue[]): ItemRef | null {
  let regionId: number | null = null;
  if (r.region !== null) {
    regionId = resolver.regionId(r.region);
    if (regionId === null) {
      issues.push({ row: r.row, column: column('region'), message: `no region "${r.region}" on the roster` });
      return null;
    }
  }
  const id = resolver.resolve(r.subjectType, r.subject, regionId);
  if (typeof id === 'string') {
    issues.push({ row: r.row, column: column('subject'), message: id });
    return null;
  }
  return { scheduleId: r.scheduleId, occurrenceKey: r.occurrenceKey, subject: { type: r.subjectType, id } };
}

/**
 * The change one row asks of its item's current state: null when the item already is as reported,
 * 'invalid' (with an issue) when the status cannot be reached.
 */
function planRow(store: Store, ref: ItemRef, r: ParsedRow, issues: RowIssue[]): StatusImportChange | null | 'invalid' {
  const current = getStatus(store, ref);
  const from = current?.status ?? 'pending';
  const path = findPath(from, r.status, r.requiresConfirmation);
  if (path === null) {
    const kind = r.requiresConfirmation ? 'with' : 'without';
    issues.push({ row: r.row, column: column('status'), message: `cannot go from ${from} to ${r.status} (a milestone ${kind} confirm_by)` });
    return 'invalid';
  }
  let step = from;
  for (const to of path) {
    try {
      assertTransition(step, to, { requiresConfirmation: r.requiresConfirmation, capacities: ['system'], comment: r.comment });
    } catch (error) {
      if (!(error instanceof InvalidTransitionError) || error.reason !== 'comment_required') throw error;
      issues.push({ row: r.row, column: column('comment'), message: `${to} needs a comment (the reason)` });
      return 'invalid';
    }
    step = to;
  }
  const newDate = r.plannedDate !== null && r.plannedDate !== (current?.plannedDate ?? null);
  if (path.length === 0 && !newDate) return null;
  return { row: r.row, ref, subject: r.subject, from, path, plannedDate: newDate ? r.plannedDate : null };
}

/**
 * Checks the whole file against the schedules and the store, then (unless `dryRun`) applies every change
 * in one IMMEDIATE transaction.
 * @throws StatusImportError listing every problem; nothing is written then
 */
export function importStatuses(
  store: Store,
  input: Table,
  options: { schedules: readonly Schedule[]; now: DateTime; dryRun: boolean },
): StatusImportResult {
  return store.sqlite
    .transaction((): StatusImportResult => {
      const issues: RowIssue[] = [];
      const rows = parseRows(input, options.schedules, issues);
      const resolver = new SubjectResolver(store);
      const seen = new Map<string, ParsedRow>();
      const planned: { change: StatusImportChange; row: ParsedRow }[] = [];
      let unchanged = 0;
      for (const r of rows) {
        const ref = resolveRef(resolver, r, issues);
        if (ref === null) continue;
        const key = statusKey(ref.scheduleId, ref.occurrenceKey, ref.subject);
        const twin = seen.get(key);
        if (twin) {
          const same = twin.status === r.status && twin.plannedDate === r.plannedDate && twin.comment === r.comment;
          if (!same) issues.push({ row: r.row, message: `the same item as row ${twin.row}, with a different status, date or comment` });
          continue;
        }
        seen.set(key, r);
        const change = planRow(store, ref, r, issues);
        if (change === null) unchanged += 1;
        else if (change !== 'invalid') planned.push({ change, row: r });
      }
      if (issues.length > 0) throw new StatusImportError(input.file, issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
      if (!options.dryRun) for (const p of planned) applyChange(store, p.change, p.row, options.now);
      return { rows: rows.length, changes: planned.map((p) => p.change), unchanged };
    })
    .immediate();
}

function applyChange(store: Store, change: StatusImportChange, row: ParsedRow, now: DateTime): void {
  const base = { ...change.ref, actorId: null, via: 'import' as const };
  if (change.path.length === 0 && change.plannedDate !== null) {
    setPlannedDate(store, { ...base, plannedDate: change.plannedDate }, now);
    return;
  }
  let from = change.from;
  change.path.forEach((to, i) => {
    const last = i === change.path.length - 1;
    const needsComment = findRule(from, to, row.requiresConfirmation)?.commentRequired ?? false;
    applyTransition(
      store,
      {
        ...base,
        to,
        capacities: ['system'],
        requiresConfirmation: row.requiresConfirmation,
        comment: last || needsComment ? row.comment : null,
        plannedDate: last ? change.plannedDate : null,
      },
      now,
    );
    from = to;
  });
}

/** A human line per change, for the CLI. */
export function describeChange(change: StatusImportChange): string {
  const where = statusKey(change.ref.scheduleId, change.ref.occurrenceKey, change.ref.subject);
  const steps = change.path.length === 0 ? `planned date ${change.plannedDate ?? ''}` : [change.from, ...change.path].join(' → ');
  return `row ${change.row}: ${where} (${change.subject}): ${steps}`;
}
