import { type ColumnRole, columnRole, normaliseHeader } from './columns.js';
import { type Cell, flatten, type RoadmapDocument, type Row, type Table } from './document.js';

export interface Column {
  /** The header as written; the texts of a header over several rows joined with " / ". */
  header: string;
  /** The bottom-most header text: in a matrix, the project under a merged «Направления» header. */
  name: string;
  role: ColumnRole | null;
}

/** A roadmap table found in the document, its pieces over several pages joined into one. */
export interface RoadmapTable {
  /**
   * `list`: one activity per row (numbered rows, or a date per row as in the ФИОКО roadmap).
   * `matrix`: a «Дата» column, then one column per project, each filled cell an activity.
   */
  layout: 'list' | 'matrix';
  columns: Column[];
  /** The column whose empty cell means "this row continues the one above": the number, else the date. */
  key: number;
  date: number;
  /** Data rows in order, without the headers repeated at page breaks. */
  rows: Row[];
  continuation: Table['continuation'];
  /** Text above the header in the same grid (an Excel sheet's title rows). */
  preamble: string[];
}

/**
 * Every roadmap table of the document: a table whose header row (a row with a date header and at
 * least one other) is followed by data. A header that goes on over further rows, as a merged
 * «Дата» cell over a project header split in two, is read as one. A table with the same header as the
 * table before it, or with no header but as many columns, continues that table (Word repeats the
 * header on each page, or a page break splits the table in two).
 */
export function findRoadmapTables(document: RoadmapDocument): RoadmapTable[] {
  const found: RoadmapTable[] = [];
  for (const table of document.tables) {
    const previous = found.at(-1);
    const headed = readHeader(table);
    if (headed === null) {
      if (previous !== undefined && table.rows[0]?.length === previous.columns.length) {
        previous.rows.push(...dataRows(table.rows, previous.date));
      }
      continue;
    }
    if (previous !== undefined && signature(previous.columns) === signature(headed.columns)) {
      previous.rows.push(...headed.rows);
    } else {
      found.push(headed);
    }
  }
  return found;
}

function readHeader(table: Table): RoadmapTable | null {
  const start = table.rows.findIndex(isHeaderRow);
  if (start < 0) return null;
  const first = table.rows[start] ?? [];
  const date = first.findIndex((cell) => columnRole(cell.text) === 'date');
  let end = start + 1;
  while (end < table.rows.length && isDateHeader(table.rows[end]?.[date], false)) end += 1;
  const headerRows = table.rows.slice(start, end);
  const columns = first.map((_, c) => readColumn(headerRows.map((row) => row[c])));
  const number = columns.findIndex((column) => column.role === 'number');
  const hasTitle = columns.some((column) => column.role === 'title');
  const projects = columns.filter((column) => column.role === null && column.name !== '');
  if (!hasTitle && projects.length === 0) return null;
  return {
    layout: hasTitle ? 'list' : 'matrix',
    columns,
    key: number >= 0 ? number : date,
    date,
    rows: dataRows(table.rows.slice(end), date),
    continuation: table.continuation,
    preamble: table.rows.slice(0, start).map((row) => flatten(distinctTexts(row).join(' '))).filter((text) => text !== ''),
  };
}

/** A row naming a date column and at least one more: «№ п/п | Мероприятие | Срок …», «Дата | …». */
function isHeaderRow(row: Row): boolean {
  const filled = distinctTexts(row);
  return filled.length >= 2 && row.some((cell) => isDateHeader(cell, true));
}

/**
 * A date column's header cell: its own (`own`), or the same cell merged down over the next header
 * row. A cell merged from the left (a section title spanning the row) is neither.
 */
function isDateHeader(cell: Cell | undefined, own: boolean): boolean {
  return cell !== undefined && cell.own === own && columnRole(cell.text) === 'date';
}

function readColumn(cells: (Cell | undefined)[]): Column {
  const texts = [...new Set(cells.map((cell) => flatten(cell?.text ?? '')).filter((text) => text !== ''))];
  const role = texts.map(columnRole).find((r) => r !== null) ?? null;
  return { header: texts.join(' / '), name: texts.at(-1) ?? '', role };
}

/** The rows after a header, without a header repeated at a page break (and its merged second row). */
function dataRows(rows: Row[], date: number): Row[] {
  const data: Row[] = [];
  for (const row of rows) {
    if (!isDateHeader(row[date], true) && !isDateHeader(row[date], false)) data.push(row);
  }
  return data;
}

function distinctTexts(row: Row): string[] {
  return row.filter((cell) => cell.own && flatten(cell.text) !== '').map((cell) => cell.text);
}

function signature(columns: Column[]): string {
  return columns.map((column) => column.role ?? normaliseHeader(column.header)).join('|');
}
