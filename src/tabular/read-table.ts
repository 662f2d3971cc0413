/**
 * Reading the files coordinators send, once for every import: `.xlsx` (the first worksheet with rows) or
 * `.csv`/`.txt` (`;`, `,` or tab separated; UTF-8 with or without BOM, or Windows-1251 as Russian Excel
 * saves it), as rows of trimmed cell texts numbered as the spreadsheet shows them. Files over
 * `MAX_TABLE_BYTES` are refused unread, and an .xlsx is streamed within `XLSX_LIMITS` (see xlsx-grid).
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MissingSheetError, readXlsxGrid, SeveralSheetsError, XlsxLimitError, type XlsxGrid } from '../schedule/xlsx-grid.js';
import { UnpackedSizeError } from '../schedule/unpacked-size.js';
import type { RowIssue } from './row-issues.js';

/** How an importer reports a file it cannot read: its own all-or-nothing error. */
export type FailWith = (file: string, issues: RowIssue[]) => Error;

/** A file read: its name and its rows, blank rows included (as `cells: []` or empty strings). */
export interface Table {
  file: string;
  rows: RawRow[];
}

/** How to read a table file. */
export interface ReadTableOptions {
  /** The worksheet of an `.xlsx` to read, by name (default: the first with rows); ignored for CSV. */
  sheet?: string;
  /** Without `sheet`, refuse an .xlsx where several sheets hold rows (a pivot sheet beside the data) instead of reading the first. */
  onlySheet?: boolean;
}

/**
 * Reads a table file by its extension.
 * @throws what `fail` makes, when the file cannot be read or is not a table, or has no sheet `options.sheet`
 */
export async function readTable(path: string, fail: FailWith, options: ReadTableOptions = {}): Promise<Table> {
  const file = basename(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx' || extension === '.csv' || extension === '.txt') await checkSize(path, file, fail);
  if (extension === '.xlsx') return { file, rows: await readXlsx(path, file, fail, options) };
  if (extension === '.csv' || extension === '.txt') return { file, rows: readCsv(decodeText(await readBytes(path, file, fail), file, fail), file, fail) };
  const hint = extension === '.xls' ? 'the old binary .xls is not supported; ' : '';
  throw fail(file, [{ message: `${hint}expected an .xlsx or .csv file` }]);
}

/** A table from CSV text already in memory (a test, a generated file). */
export function csvTable(file: string, text: string, fail: FailWith): Table {
  return { file, rows: readCsv(text.replace(/^\uFEFF/, ''), file, fail) };
}

/** The rows that hold any value: the first of them is the header. */
export function nonEmptyRows(table: Table): RawRow[] {
  return table.rows.filter((r) => r.cells.some((c) => c !== ''));
}

/** Cells of one physical row, before headers are known. */
export interface RawRow {
  row: number;
  cells: string[];
}

/** Larger files are refused before they are read: a national roster is a few megabytes. */
export const MAX_TABLE_BYTES = 50 * 1024 * 1024;

async function checkSize(path: string, file: string, fail: FailWith): Promise<void> {
  const size = await stat(path).then(
    (s) => s.size,
    (error: unknown) => {
      throw fail(file, [{ message: `cannot read ${path}: ${(error as Error).message}` }]);
    },
  );
  if (size > MAX_TABLE_BYTES) {
    throw fail(file, [{ message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, more than an import takes (${MAX_TABLE_BYTES / 1024 / 1024} MB): split it by region` }]);
  }
}

function readBytes(path: string, file: string, fail: FailWith): Promise<Buffer> {
  return readFile(path).catch((error: unknown) => {
    throw fail(file, [{ message: `cannot read ${path}: ${(error as Error).message}` }]);
  });
}

/** Text of a CSV file: a BOM says UTF-8, otherwise bytes that are not valid UTF-8 are Windows-1251. */
function decodeText(bytes: Buffer, file: string, fail: FailWith): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fail(file, [{ message: 'UTF-16 text is not supported: save as "CSV UTF-8" or plain CSV' }]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return iconv.decode(bytes, 'win1251');
  }
}

/** The separator used most in the first non-empty line, outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const candidates = [';', ',', '\t'];
  const counts = candidates.map((c) => unquoted.split(c).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return candidates[best] ?? ';';
}

function readCsv(text: string, file: string, fail: FailWith): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fail(file, [
      { ...(line === undefined ? {} : { row: line }), message: `not valid CSV: ${(error as Error).message}` },
    ]);
  }
  // Excel shows each record, a quoted multi-line one included, as one row: row n is record n.
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) }));
}

async function readXlsx(path: string, file: string, fail: FailWith, options: ReadTableOptions): Promise<RawRow[]> {
  const sheetName = options.sheet;
  let grid: XlsxGrid | null;
  try {
    grid = await readXlsxGrid(path, options);
  } catch (error) {
    if (error instanceof SeveralSheetsError) {
      const names = error.sheets.map((name) => `"${name}"`).join(', ');
      throw fail(file, [{ message: `${error.sheets.length} sheets hold rows (${names}) and none was named: give the one to read with --sheet` }]);
    }
    if (error instanceof MissingSheetError) {
      const names = error.sheets.map((name) => `"${name}"`).join(', ');
      throw fail(file, [{ message: `no sheet "${sheetName ?? ''}" in the workbook; its sheets: ${names}` }]);
    }
    if (error instanceof XlsxLimitError) throw fail(file, [{ row: error.row, column: error.column, message: error.message }]);
    if (error instanceof UnpackedSizeError) throw fail(file, [{ message: error.message }]);
    throw fail(file, [{ message: `cannot read ${path} as an .xlsx workbook: ${(error as Error).message}` }]);
  }
  if (grid === null) throw fail(file, [{ message: sheetName === undefined ? 'the workbook has no rows' : `the sheet "${sheetName}" has no rows` }]);
  return grid.rows.map((r) => {
    const cells = r.cells.map(cleanCell);
    const covered = new Set(r.covered);
    // a row whose only values spill over from cells merged above is a blank row
    const own = cells.some((text, i) => text !== '' && !covered.has(i));
    return { row: r.row, cells: own ? cells : [] };
  });
}

/** Anything `cleanCell` would change: a space at either end, two in a row, or any other kind of space. */
const UNCLEAN = /^\s|\s$|\s\s|[^\S ]|[\u200b\ufeff]/;

function cleanCell(value: string): string {
  // a clean cell stays the very string read, so the cells of an xlsx share its one copy of each shared string
  // (a national roster repeats its regions, municipalities and people on every row)
  if (!UNCLEAN.test(value)) return value;
  return value.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
