/**
 * `status export`: the coordinators' monitoring table, one row per school (region, municipality, code, name,
 * curator), one column per tracked item (`wide-table.ts`), cells in plain words from the templates
 * (`status-cell-*`, all of them words `cell-words.ts` reads back), an «Итого» row with the digest's
 * «N из M (P %)» per column. XLSX: header frozen with the school columns, autofilter, widths, overdue open
 * cells filled red, the full title and due date in each item header's note and who set a status in each
 * cell's note. CSV: `;`, UTF-8 with a BOM, for Russian Excel. Text that starts like a formula stays text.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { personNames, type TableSchool, type TableSchoolFilter, tableSchools } from '../db/status-table.js';
import { loadStatuses, type StoredStatus } from '../db/statuses.js';
import type { Params } from '../domain/notification.js';
import { CLOSED_STATUSES, statusKey, type StatusValue } from '../domain/status.js';
import type { Schedule } from '../schedule/types.js';
import { csvField, setXlsxText } from './cell-text.js';
import { INFO_COLUMNS, type ItemColumn, itemColumns } from './wide-table.js';

/** A message of the templates by id (the renderer's `format`). */
export type Say = (id: string, params?: Params) => string;

/** One item cell. */
export interface ExportCell {
  text: string;
  /** Open and past its due date in the school's zone. */
  overdue: boolean;
  /** Who set the status and when; null when nobody has. */
  setBy: string | null;
}

/** The table before it becomes a file. */
export interface StatusTable {
  /** The header row: the school columns, then one per item. */
  header: string[];
  columns: ItemColumn[];
  rows: { school: TableSchool; cells: (ExportCell | null)[] }[];
  /** The «Итого» row's item cells. */
  totals: string[];
}

/** Which part of the roster and which schedules. */
export interface StatusTableQuery {
  schedules: readonly Schedule[];
  filter?: TableSchoolFilter;
  now: DateTime;
}

/** Who set a stored status: a person by name, or an import's file and actor; null for the system. */
export function setByText(say: Say, status: Pick<StoredStatus, 'updatedBy' | 'updatedSource' | 'updatedAt'>, names: ReadonlyMap<number, string>, zone: string): string | null {
  const at = DateTime.fromISO(status.updatedAt).setZone(zone).toISODate() ?? status.updatedAt.slice(0, 10);
  if (status.updatedBy !== null) return say('status-set-by-person', { who: names.get(status.updatedBy) ?? `#${status.updatedBy}`, at });
  if (status.updatedSource !== null) return say('status-set-by-import', { file: status.updatedSource.file, actor: status.updatedSource.actor, at });
  return null;
}

function cellText(say: Say, status: StatusValue, stored: StoredStatus | undefined, column: ItemColumn, zone: string): string {
  // the day it was done as someone said («выполнено 28.05» imported on 01.06), else the day it was set
  const date = stored ? (stored.doneOn ?? DateTime.fromISO(stored.updatedAt).setZone(zone).toISODate()) : null;
  const comment = stored?.comment ?? null;
  switch (status) {
    case 'pending':
      return '';
    case 'in_progress':
      return stored?.plannedDate ? say('status-cell-promised', { planned: stored.plannedDate }) : say('status-cell-in-progress');
    case 'submitted':
      return say('status-cell-submitted', { confirmer: column.occurrence.milestone.confirmBy ?? 'other' });
    case 'returned':
      return comment === null ? say('status-cell-returned') : say('status-cell-returned-comment', { comment });
    case 'done':
      return date ? say('status-cell-done', { date }) : say('status-cell-done-undated');
    case 'confirmed':
      return date ? say('status-cell-confirmed', { date }) : say('status-cell-done-undated');
    case 'not_applicable':
      return comment === null ? say('status-cell-not-applicable') : say('status-cell-not-applicable-comment', { comment });
  }
}

/** Reads the store into the table: schools of the filter, items of the schedules that concern them. */
export function buildStatusTable(store: Store, say: Say, query: StatusTableQuery): StatusTable {
  const schools = tableSchools(store, query.filter);
  const regionCodes = new Set(schools.map((s) => s.regionCode));
  const concerns = (schedule: Schedule, code: string) => schedule.regions === undefined || schedule.regions.includes(code);
  const schedules = query.schedules.filter((s) => [...regionCodes].some((code) => concerns(s, code)));
  // a `same_as` column only when the table lacks the named item's own column: one item, one column
  const all = itemColumns(schedules);
  const own = new Set(all.filter((c) => !c.alias).map((c) => `${c.item.scheduleId}/${c.item.occurrenceKey}`));
  const columns = all.filter((c) => !c.alias || !own.has(`${c.item.scheduleId}/${c.item.occurrenceKey}`));
  const statuses = loadStatuses(store, [...new Set(columns.map((c) => c.item.scheduleId))]);
  const byKey = new Map(statuses.map((s) => [statusKey(s.scheduleId, s.occurrenceKey, s.subject), s]));
  const names = personNames(store, statuses.flatMap((s) => (s.updatedBy === null ? [] : [s.updatedBy])));
  const counts = columns.map(() => ({ done: 0, total: 0 }));
  const rows = schools.map((school) => {
    const today = query.now.setZone(school.timeZone).toISODate() ?? '';
    const cells = columns.map((column, i): ExportCell | null => {
      if (!concerns(column.schedule, school.regionCode)) return null;
      const stored = byKey.get(statusKey(column.item.scheduleId, column.item.occurrenceKey, { type: 'school', id: school.id }));
      const status = stored?.status ?? (column.occurrence.milestone.done ? 'done' : 'pending');
      const count = counts[i];
      if (count && status !== 'not_applicable') {
        count.total += 1;
        if (status === 'done' || status === 'confirmed') count.done += 1;
      }
      return {
        text: cellText(say, status, stored, column, school.timeZone),
        overdue: !CLOSED_STATUSES.has(status) && (column.occurrence.dueDate ?? '') < today,
        setBy: stored ? setByText(say, stored, names, school.timeZone) : null,
      };
    });
    return { school, cells };
  });
  return {
    header: [...INFO_COLUMNS.map((f) => say(`status-table-${f}`)), ...columns.map((c) => c.header)],
    columns,
    rows,
    totals: counts.map((c) => (c.total === 0 ? '' : say('status-table-total', { done: c.done, total: c.total, percent: Math.round((c.done * 100) / c.total) }))),
  };
}

function infoCells(school: TableSchool): string[] {
  return [school.regionName, school.municipality, school.code, school.name, school.curator ?? ''];
}

/** The table as CSV for Russian Excel: `;`, CRLF, UTF-8 with a BOM. */
export function statusTableCsv(say: Say, table: StatusTable): Buffer {
  const line = (cells: readonly string[]) => cells.map((c) => csvField(c)).join(';');
  const lines = [
    line(table.header),
    ...table.rows.map((r) => line([...infoCells(r.school), ...r.cells.map((c) => c?.text ?? '')])),
    line([say('status-table-totals'), '', '', '', '', ...table.totals]),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const INFO_WIDTHS = [24, 26, 10, 44, 30];
const ITEM_WIDTH = 20;

/** The table as an XLSX workbook. */
export async function statusTableXlsx(say: Say, table: StatusTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(say('status-table-sheet'), { views: [{ state: 'frozen', xSplit: INFO_COLUMNS.length, ySplit: 1 }] });
  sheet.columns = table.header.map((_, i) => ({ width: INFO_WIDTHS[i] ?? ITEM_WIDTH }));
  const header = sheet.getRow(1);
  table.header.forEach((text, i) => setXlsxText(header.getCell(i + 1), text));
  table.columns.forEach((column, i) => {
    const { title } = column.occurrence.milestone;
    header.getCell(INFO_COLUMNS.length + i + 1).note = say('status-table-item-note', { title, due: column.occurrence.dueDate ?? '' });
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  table.rows.forEach((r, index) => {
    const row = sheet.getRow(index + 2);
    infoCells(r.school).forEach((text, i) => setXlsxText(row.getCell(i + 1), text));
    r.cells.forEach((cell, i) => {
      if (cell === null) return;
      const target = row.getCell(INFO_COLUMNS.length + i + 1);
      setXlsxText(target, cell.text);
      if (cell.overdue) target.fill = OVERDUE_FILL;
      if (cell.setBy !== null) target.note = cell.setBy;
    });
  });
  const totals = sheet.getRow(table.rows.length + 2);
  setXlsxText(totals.getCell(1), say('status-table-totals'));
  table.totals.forEach((text, i) => setXlsxText(totals.getCell(INFO_COLUMNS.length + i + 1), text));
  totals.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
