import type { ColumnRole } from './columns.js';
import { flatten, ownText } from './document.js';
import type { RoadmapTable } from './find-tables.js';

/** One activity of the roadmap with its cells as written (whitespace collapsed). */
export interface Activity {
  /** Where it is in the roadmap: "п. 1.2", "row 5: 20.12.2021", "15.02.2024, «Точка роста»". */
  source: string;
  /** The row number as written ("1.2."), when the table numbers its rows. */
  number: string | null;
  title: string;
  /** The date cell verbatim; empty when the row has none. */
  when: string;
  executor: string | null;
  kpi: string | null;
  notes: string | null;
}

/** What the drafter writes, in the roadmap's order: section headings and activities. */
export type Entry = { type: 'section'; title: string } | { type: 'activity'; activity: Activity };

/** A row and the rows that continue it, as pieces of text per column. */
type Piece = string[][];

/** «1.», «1.2.», «2.10», «IV.», «3)»: the start of a numbered row. */
const ROW_NUMBER = /^([0-9]+|[IVXLC]+)([.)][0-9]+)*[.)]?$/;
/** «Отв. Иванова И.И.», «Ответственный: МОУО»: who answers for the activity above, in a matrix. */
const RESPONSIBLE = /^(отв\.|ответственн[а-яё]*\s*:?)/i;

export function tableEntries(table: RoadmapTable): Entry[] {
  const groups = groupRows(table);
  return table.layout === 'list' ? listEntries(table, groups) : matrixEntries(table, groups);
}

/**
 * Joins each row with the rows that continue it: a row starts anew where its key cell (the number,
 * or the date where there is no number column) holds its own text — in a numbered table, text that
 * reads as a row number, since a text export may put a wrapped piece there.
 */
function groupRows(table: RoadmapTable): Piece[] {
  const groups: Piece[] = [];
  const numbered = table.columns[table.key]?.role === 'number';
  for (const row of table.rows) {
    const texts = row.map((cell) => flatten(ownText(cell)));
    if (texts.every((text) => text === '')) continue;
    const key = texts[table.key] ?? '';
    const starts = numbered ? ROW_NUMBER.test(key) : key !== '';
    const current = groups.at(-1);
    if (starts || current === undefined) {
      groups.push(texts.map((text) => (text === '' ? [] : [text])));
    } else {
      texts.forEach((text, c) => {
        if (text !== '' && c !== table.key) (current[c] ??= []).push(text);
      });
    }
  }
  return groups;
}

function listEntries(table: RoadmapTable, groups: Piece[]): Entry[] {
  const joiner = table.continuation === 'wrap' ? ' ' : '; ';
  const field = (group: Piece, role: ColumnRole): string =>
    table.columns.flatMap((column, c) => (column.role === role ? [(group[c] ?? []).join(joiner)] : [])).filter((t) => t !== '').join('; ');
  const entries: Entry[] = [];
  let row = 0;
  for (const group of groups) {
    const number = field(group, 'number');
    // A wrapped date cell continues with a space even between sub-rows: it is one phrase.
    const when = flatten((group[table.date] ?? []).join(' '));
    const title = field(group, 'title');
    const executor = field(group, 'executor');
    const kpi = field(group, 'kpi');
    if (when === '' && executor === '' && kpi === '' && title !== '') {
      entries.push({ type: 'section', title: flatten(`${number} ${title}`) });
      continue;
    }
    row += 1;
    const source = number !== '' ? `п. ${number.replace(/[.)]$/, '')}` : `row ${row}${when === '' ? '' : `: ${when}`}`;
    entries.push({
      type: 'activity',
      activity: { source, number: number || null, title: title || field(group, 'notes') || source, when, executor: executor || null, kpi: kpi || null, notes: field(group, 'notes') || null },
    });
  }
  return entries;
}

/**
 * Each filled project cell of a dated row is an activity of that project; a continuing row that starts
 * with «Отв.» names who answers for the cell above it, any other continues the activity's text.
 */
function matrixEntries(table: RoadmapTable, groups: Piece[]): Entry[] {
  const entries: Entry[] = [];
  for (const group of groups) {
    const when = flatten((group[table.date] ?? []).join(' '));
    const activities: Entry[] = [];
    table.columns.forEach((column, c) => {
      if (column.role !== null || c === table.date) return;
      const pieces = group[c] ?? [];
      const executor = pieces.filter((piece) => RESPONSIBLE.test(piece)).join('; ');
      const text = pieces.filter((piece) => !RESPONSIBLE.test(piece)).join(' ');
      if (text === '') return;
      const executorColumn = table.columns.findIndex((other) => other.role === 'executor');
      activities.push({
        type: 'activity',
        activity: {
          source: `${when}, «${column.name}»`,
          number: null,
          title: `${column.name}: ${text}`,
          when,
          executor: executor || (group[executorColumn] ?? []).join('; ') || null,
          kpi: null,
          notes: null,
        },
      });
    });
    if (activities.length === 0 && when !== '') entries.push({ type: 'section', title: when });
    entries.push(...activities);
  }
  return entries;
}
