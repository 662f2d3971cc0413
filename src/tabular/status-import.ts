/**
 * `status import`: bring milestone statuses from a file into the store, all or nothing. Two shapes: the long
 * table (one row per item: schedule, occurrence, subject, status) and the coordinators' wide monitoring table
 * (one row per school, one column per item, cells in words: see `wide-table.ts` and `cell-words.ts`); the
 * header row tells them apart.
 *
 * Rules:
 * - every row is checked first (columns, schedule and occurrence, subject, status, dates) and every
 *   problem is reported with its row and column; one problem means nothing is written;
 * - a status is reached through the state machine from the item's current status along the shortest path,
 *   each step an audit event `via: 'import'` with the file's name and whom the import acts for (pending →
 *   confirmed is pending → submitted → confirmed); a status no item can reach (done on a milestone with
 *   confirm_by) is an error;
 * - a status reachable only backwards (confirmed → in_progress) is listed and not applied, unless
 *   `allowReopen`: then it is one audited reopening event;
 * - whether a milestone needs confirmation comes from its schedule (`confirm_by`);
 * - a row whose status the item already has changes nothing but a different planned date, so re-importing
 *   a file is a no-op; its comment is then ignored (comments belong to changes);
 * - the same item twice in a file is an error unless the rows agree.
 */
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { findRegion, namedSubjects } from '../db/roster.js';
import { applyBulk, type BulkChange, type ChangeSource, getStatus } from '../db/statuses.js';
import { tableSchools } from '../db/status-table.js';
import type { LocalDate } from '../domain/local-date.js';
import { type Scope, SCOPES } from '../domain/roles.js';
import { assertTransition, type Capacity, findPath, findRule, InvalidTransitionError } from '../domain/status-machine.js';
import type { ItemRef } from '../domain/status.js';
import { STATUS_VALUES, statusKey, type StatusValue } from '../domain/status.js';
import { isLocalDate } from '../schedule/day-number.js';
import { type Occurrence, occurrenceByKey } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { CellReader, CellWordError, statusOf } from './cell-words.js';
import { csvTable, nonEmptyRows, type RawRow, readTable, type Table } from './read-table.js';
import { FileNotImportedError, type RowIssue } from './row-issues.js';
import { SchoolMatcher } from './school-match.js';
import { infoField, type InfoField, type ItemColumn, itemColumns, matchHeader, normaliseHeader as normaliseWideHeader } from './wide-table.js';

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
export function readStatusFile(path: string, options: { sheet?: string } = {}): Promise<Table> {
  // a coordinator's workbook may keep a pivot sheet beside the data: which one to read is theirs to say
  return readTable(path, failWith, { ...options, onlySheet: true });
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
  /** The item's column: the wide table's header, or `schedule/occurrence` of a long row. */
  column: string;
  ref: ItemRef;
  /** The subject as the file names it. */
  subject: string;
  from: StatusValue;
  /** Statuses passed through, the last one reported; empty when only the planned date changes. */
  path: readonly StatusValue[];
  plannedDate: LocalDate | null;
  /** A backward move taken with `allowReopen`: one reopening event to the last status of `path`. */
  reopen: boolean;
}

/** A row asking an item to move backwards (confirmed → in_progress), left as it is without `allowReopen`. */
export interface StatusImportRefusal {
  row: number;
  column: string;
  ref: ItemRef;
  subject: string;
  from: StatusValue;
  to: StatusValue;
}

export interface StatusImportResult {
  /** Which table the file was: one row per item, or one row per school. */
  shape: 'long' | 'wide';
  rows: number;
  changes: StatusImportChange[];
  /** Items (cells of the wide table) already as reported. */
  unchanged: number;
  /** Backward moves not applied (none with `allowReopen`). */
  backwards: StatusImportRefusal[];
}

/** What the import is asked to do. */
export interface StatusImportOptions {
  schedules: readonly Schedule[];
  now: DateTime;
  dryRun: boolean;
  /** Recorded with every change: the file's name and whom the import acts for. */
  source?: ChangeSource;
  /** Apply backward moves (confirmed → pending) as reopening events instead of listing them. */
  allowReopen?: boolean;
}

/** One item a row asks for, its subject found: what both shapes come to before the store is asked. */
interface WantedItem {
  row: number;
  /** The item's column, for the dry-run summary and the messages. */
  column: string;
  statusColumn: string;
  commentColumn: string;
  ref: ItemRef;
  subject: string;
  status: StatusValue;
  plannedDate: LocalDate | null;
  comment: string | null;
  /** The day the item was done, when the file says it («выполнено 28.05»). */
  doneOn: LocalDate | null;
  requiresConfirmation: boolean;
  /** The status of an item nobody touched: done when the roadmap marks the milestone «(исполнено)». */
  assumed: StatusValue;
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
  assumed: StatusValue;
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

/** Whether a header row is the long table's: it names a schedule or an occurrence column. */
function isLongHeader(header: RawRow): boolean {
  return header.cells.some((cell) => HEADERS.schedule.includes(normaliseHeader(cell)) || HEADERS.occurrence.includes(normaliseHeader(cell)));
}

/** Reads and checks the rows of a long table that need no database: columns, schedule, occurrence, values. */
function parseRows(header: RawRow, body: readonly RawRow[], schedules: readonly Schedule[], issues: RowIssue[]): ParsedRow[] {
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
    const named = schedule && get('occurrence') !== '' ? occurrenceOf(schedule, get('occurrence')) : null;
    if (schedule && get('occurrence') !== '' && !named) {
      problem('occurrence', `schedule "${schedule.id}" has no occurrence "${get('occurrence')}" (a milestone id, or id@YYYY-MM-DD for a dated one)`);
    }
    // a `same_as` milestone's row is about the milestone it names: one item, one status
    const alias = named?.milestone.sameAs ?? null;
    const target = alias === null ? schedule : byId.get(alias.scheduleId);
    const occurrence = alias === null || !named || !target ? named : occurrenceOf(target, named.key.replace(/^[^@]+/, alias.milestoneId));
    if (named && !occurrence) problem('occurrence', `"${get('occurrence')}" is the same as ${alias?.scheduleId ?? ''}/${alias?.milestoneId ?? ''}, which is not loaded`);
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
    if (issues.length > before || !target || !occurrence || !subjectType || !status) return;
    parsed.push({
      row,
      scheduleId: target.id,
      occurrenceKey: occurrence.key,
      subjectType,
      subject: get('subject'),
      status,
      plannedDate,
      comment: get('comment') || null,
      region: get('region') || null,
      requiresConfirmation: occurrence.milestone.confirmBy !== null,
      assumed: occurrence.milestone.done ? 'done' : 'pending',
    });
  });
  return parsed;
}

const column = (f: Field) => HEADERS[f][0] ?? f;

/** The item a long row is about, or null (with an issue) when its subject cannot be told. */
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

/** A long row as the item it asks for. */
function wantedFromLong(r: ParsedRow, ref: ItemRef): WantedItem {
  return {
    row: r.row,
    column: `${r.scheduleId}/${r.occurrenceKey}`,
    statusColumn: column('status'),
    commentColumn: column('comment'),
    ref,
    subject: r.subject,
    status: r.status,
    plannedDate: r.plannedDate,
    comment: r.comment,
    doneOn: null,
    requiresConfirmation: r.requiresConfirmation,
    assumed: r.assumed,
  };
}

/** The long table's items, each once (a repeated item is an error unless the rows agree). */
function longItems(store: Store, header: RawRow, body: readonly RawRow[], schedules: readonly Schedule[], issues: RowIssue[]): WantedItem[] {
  const rows = parseRows(header, body, schedules, issues);
  const resolver = new SubjectResolver(store);
  const seen = new Map<string, ParsedRow>();
  const wanted: WantedItem[] = [];
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
    wanted.push(wantedFromLong(r, ref));
  }
  return wanted;
}

/** A wide table's header: which column is which school field, and which item each other column is. */
interface WideHeader {
  info: Map<Exclude<InfoField, 'ignored'>, number>;
  items: { index: number; header: string; column: ItemColumn }[];
}

function readWideHeader(header: RawRow, columns: readonly ItemColumn[], issues: RowIssue[]): WideHeader {
  const info = new Map<Exclude<InfoField, 'ignored'>, number>();
  const items: WideHeader['items'] = [];
  const itemHeader = new Map<string, string>();
  header.cells.forEach((cell, index) => {
    if (cell === '') return;
    const field = infoField(cell);
    if (field === 'ignored') return;
    if (field !== null) {
      if (info.has(field)) issues.push({ row: header.row, column: cell, message: `the same column as "${header.cells[info.get(field) ?? 0] ?? ''}"` });
      else info.set(field, index);
      return;
    }
    const match = matchHeader(cell, columns);
    if ('problem' in match) {
      issues.push({ row: header.row, column: cell, message: match.problem });
      return;
    }
    const key = `${match.column.item.scheduleId}/${match.column.item.occurrenceKey}`;
    const twin = itemHeader.get(key);
    if (twin !== undefined) {
      issues.push({ row: header.row, column: cell, message: `the same item as column "${twin}" (${match.column.header})` });
      return;
    }
    itemHeader.set(key, cell);
    items.push({ index, header: cell, column: match.column });
  });
  if (!info.has('code') && !info.has('name')) {
    issues.push({ row: header.row, message: 'no column names the school: expected "Код ОО" or "Наименование ОО"' });
  }
  if (items.length === 0 && issues.length === 0) {
    issues.push({ row: header.row, message: `no column names a tracked item; items: ${columns.slice(0, 12).map((c) => `"${c.header}"`).join(', ')}` });
  }
  return { info, items };
}

/** The row of totals an exported table ends with: not a school. */
function isTotalsRow(row: RawRow): boolean {
  const first = row.cells.find((c) => c !== '') ?? '';
  return normaliseWideHeader(first).startsWith('итого');
}

/** The wide table's cells as items: each row's school found, each cell's words read. */
function wideItems(store: Store, header: RawRow, body: readonly RawRow[], schedules: readonly Schedule[], issues: RowIssue[]): WantedItem[] {
  const { info, items } = readWideHeader(header, itemColumns(schedules), issues);
  if (issues.length > 0) return [];
  const schools = tableSchools(store);
  const matcher = new SchoolMatcher(schools);
  const regionCodes = new Map(schools.map((s) => [s.regionId, s.regionCode]));
  const resolver = new SubjectResolver(store);
  const headerOf = (field: Exclude<InfoField, 'ignored'>) => header.cells[info.get(field) ?? -1] ?? field;
  const seenSchools = new Map<number, number>();
  const readers = new Map<Schedule, CellReader>();
  const readerOf = (schedule: Schedule) => {
    let reader = readers.get(schedule);
    if (reader === undefined) readers.set(schedule, (reader = new CellReader(schedule.year)));
    return reader;
  };
  const wanted: WantedItem[] = [];
  for (const r of body) {
    if (isTotalsRow(r)) continue;
    const get = (field: Exclude<InfoField, 'ignored'>) => {
      const at = info.get(field);
      return at === undefined ? '' : (r.cells[at] ?? '');
    };
    let regionId: number | null = null;
    if (get('region') !== '') {
      regionId = resolver.regionId(get('region'));
      if (regionId === null) {
        issues.push({ row: r.row, column: headerOf('region'), message: `no region "${get('region')}" on the roster` });
        continue;
      }
    }
    if (get('code') === '' && get('name') === '') {
      issues.push({ row: r.row, column: headerOf(info.has('code') ? 'code' : 'name'), message: 'empty; the school\'s code or name is required' });
      continue;
    }
    const found = matcher.match(get('code'), get('name'), regionId);
    if ('problem' in found) {
      issues.push({ row: r.row, column: headerOf(get('code') !== '' || !info.has('name') ? 'code' : 'name'), message: found.problem });
      continue;
    }
    const school = found.school;
    const twin = seenSchools.get(school.id);
    if (twin !== undefined) {
      issues.push({ row: r.row, message: `the same school as row ${twin} (${school.code} ${school.name})` });
      continue;
    }
    seenSchools.set(school.id, r.row);
    // one subject for the row's items: a national table has tens of thousands of them
    const subject = { type: 'school', id: school.id } as const;
    const regionCode = regionCodes.get(school.regionId) ?? '';
    for (const item of items) {
      const cell = r.cells[item.index] ?? '';
      if (cell === '') continue;
      const { schedule, occurrence } = item.column;
      let statement;
      try {
        statement = readerOf(schedule).read(cell);
      } catch (error) {
        if (!(error instanceof CellWordError)) throw error;
        issues.push({ row: r.row, column: item.header, message: error.message });
        continue;
      }
      const requiresConfirmation = occurrence.milestone.confirmBy !== null;
      const status = statusOf(statement, requiresConfirmation);
      if (status === null) continue;
      if (schedule.regions !== undefined && !schedule.regions.includes(regionCode)) {
        issues.push({ row: r.row, column: item.header, message: `schedule "${schedule.id}" does not concern ${regionCode}: leave the cell empty` });
        continue;
      }
      wanted.push({
        row: r.row,
        column: item.header,
        statusColumn: item.header,
        commentColumn: item.header,
        ref: { ...item.column.item, subject },
        subject: school.code,
        status,
        plannedDate: statement.kind === 'in_progress' ? statement.plannedDate : null,
        comment: statement.kind === 'returned' || statement.kind === 'not_applicable' ? statement.comment : null,
        doneOn: statement.kind === 'complete' ? statement.date : null,
        requiresConfirmation,
        assumed: occurrence.milestone.done ? 'done' : 'pending',
      });
    }
  }
  return wanted;
}

type Planned = { change: StatusImportChange } | { backwards: StatusImportRefusal } | 'unchanged' | 'invalid';

/** `findPath` of each pair of statuses, worked out once: an import asks for one per item. */
const paths = new Map<number, readonly StatusValue[] | null>();

function shortestPath(from: StatusValue, to: StatusValue, requiresConfirmation: boolean): readonly StatusValue[] | null {
  const key = (STATUS_VALUES.indexOf(from) * STATUS_VALUES.length + STATUS_VALUES.indexOf(to)) * 2 + (requiresConfirmation ? 1 : 0);
  let path = paths.get(key);
  if (path === undefined) paths.set(key, (path = findPath(from, to, requiresConfirmation)));
  return path;
}

const SYSTEM: readonly Capacity[] = ['system'];

/** What one item asks of its current state. */
function planItem(store: Store, w: WantedItem, allowReopen: boolean, issues: RowIssue[]): Planned {
  const current = getStatus(store, w.ref);
  const from = current?.status ?? w.assumed;
  let path = shortestPath(from, w.status, w.requiresConfirmation);
  let reopen = false;
  if (path === null) {
    const kind = w.requiresConfirmation ? 'with' : 'without';
    if (w.status !== 'pending' && shortestPath('pending', w.status, w.requiresConfirmation) === null) {
      issues.push({ row: w.row, column: w.statusColumn, message: `cannot go from ${from} to ${w.status} (a milestone ${kind} confirm_by)` });
      return 'invalid';
    }
    if (!allowReopen) return { backwards: { row: w.row, column: w.column, ref: w.ref, subject: w.subject, from, to: w.status } };
    path = [w.status];
    reopen = true;
  }
  let step = from;
  for (const to of reopen ? [] : path) {
    try {
      assertTransition(step, to, { requiresConfirmation: w.requiresConfirmation, capacities: SYSTEM, comment: w.comment });
    } catch (error) {
      if (!(error instanceof InvalidTransitionError) || error.reason !== 'comment_required') throw error;
      issues.push({ row: w.row, column: w.commentColumn, message: `${to} needs a comment (the reason)` });
      return 'invalid';
    }
    step = to;
  }
  if (reopen && (w.status === 'returned' || w.status === 'not_applicable') && !w.comment) {
    issues.push({ row: w.row, column: w.commentColumn, message: `${w.status} needs a comment (the reason)` });
    return 'invalid';
  }
  const newDate = w.plannedDate !== null && w.plannedDate !== (current?.plannedDate ?? null);
  if (path.length === 0 && !newDate) return 'unchanged';
  return { change: { row: w.row, column: w.column, ref: w.ref, subject: w.subject, from, path, plannedDate: newDate ? w.plannedDate : null, reopen } };
}

/**
 * Checks the whole file against the schedules and the store, then (unless `dryRun`) applies every change
 * in one IMMEDIATE transaction.
 * @throws StatusImportError listing every problem; nothing is written then
 */
export function importStatuses(store: Store, input: Table, options: StatusImportOptions): StatusImportResult {
  return store.sqlite
    .transaction((): StatusImportResult => {
      const issues: RowIssue[] = [];
      const [header, ...body] = nonEmptyRows(input);
      if (!header) throw new StatusImportError(input.file, [{ message: 'the file is empty: expected a header row and a row per school or item' }]);
      if (body.length === 0) throw new StatusImportError(input.file, [{ row: header.row, message: 'only a header: expected a row per school or item under it' }]);
      const shape = isLongHeader(header) ? 'long' : 'wide';
      const wanted = shape === 'long' ? longItems(store, header, body, options.schedules, issues) : wideItems(store, header, body, options.schedules, issues);
      const changes: { change: StatusImportChange; item: WantedItem }[] = [];
      const backwards: StatusImportRefusal[] = [];
      let unchanged = 0;
      for (const item of wanted) {
        const planned = planItem(store, item, options.allowReopen ?? false, issues);
        if (planned === 'unchanged') unchanged += 1;
        else if (planned === 'invalid') continue;
        else if ('change' in planned) changes.push({ change: planned.change, item });
        else backwards.push(planned.backwards);
      }
      if (issues.length > 0) throw new StatusImportError(input.file, issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
      if (!options.dryRun) {
        const source = options.source ?? null;
        applyBulk(store, changes.map((c) => bulkChange(c.change, c.item)), { actorId: null, capacities: SYSTEM, via: 'import', source }, options.now);
      }
      const rows = shape === 'long' ? wanted.length : body.filter((r) => !isTotalsRow(r)).length;
      return { shape, rows, changes: changes.map((c) => c.change), unchanged, backwards };
    })
    .immediate();
}

/** A planned change as the store's bulk write takes it: the steps of its path, with the comment where one belongs. */
function bulkChange(change: StatusImportChange, item: WantedItem): BulkChange {
  const target = change.path.at(-1);
  const doneOn = target === 'done' || target === 'confirmed' ? item.doneOn : null;
  if (change.reopen && target !== undefined) {
    return { ...change.ref, kind: 'reopen', step: { to: target, comment: item.comment, plannedDate: change.plannedDate, doneOn } };
  }
  if (target === undefined) {
    // planItem makes a change without steps only for a new promised date
    if (change.plannedDate === null) throw new Error(`row ${change.row}: a change with neither a status nor a date`);
    return { ...change.ref, kind: 'planned_date', plannedDate: change.plannedDate };
  }
  let from = change.from;
  const steps = change.path.map((to, i) => {
    const last = i === change.path.length - 1;
    const needsComment = findRule(from, to, item.requiresConfirmation)?.commentRequired ?? false;
    from = to;
    return { to, comment: last || needsComment ? item.comment : null, plannedDate: last ? change.plannedDate : null, doneOn: last ? doneOn : null };
  });
  return { ...change.ref, kind: 'steps', steps, requiresConfirmation: item.requiresConfirmation };
}

/** A human line per change, for the CLI. */
export function describeChange(change: StatusImportChange): string {
  const where = statusKey(change.ref.scheduleId, change.ref.occurrenceKey, change.ref.subject);
  const moved = change.path.length === 0 ? `planned date ${change.plannedDate ?? ''}` : [change.from, ...change.path].join(' → ');
  const steps = change.reopen ? `${moved} (reopened)` : moved;
  return `row ${change.row}: ${where} (${change.subject}): ${steps}`;
}
