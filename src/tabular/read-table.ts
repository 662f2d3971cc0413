/**
 * Reading the files coordinators send, once for every import: `.xlsx` (the first worksheet with rows) or
 * `.csv`/`.txt` (`;`, `,` or tab separated; UTF-8 with or without BOM, or Windows-1251 as Russian Excel
 * saves it), as rows of trimmed cell texts numbered as the spreadsheet shows them.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
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
}

/**
 * Reads a table file by its extension.
 * @throws what `fail` makes, when the file cannot be read or is not a table, or has no sheet `options.sheet`
 */
export async function readTable(path: string, fail: FailWith, options: ReadTableOptions = {}): Promise<Table> {
  const file = basename(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return { file, rows: await readXlsx(path, file, fail, options.sheet) };
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

async function readXlsx(path: string, file: string, fail: FailWith, sheetName?: string): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw fail(file, [{ message: `cannot read ${path} as an .xlsx workbook: ${(error as Error).message}` }]);
  }
  const sheet = sheetName === undefined ? workbook.worksheets.find((ws) => ws.actualRowCount > 0) : workbook.getWorksheet(sheetName);
  if (!sheet && sheetName !== undefined) {
    const names = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw fail(file, [{ message: `no sheet "${sheetName}" in the workbook; its sheets: ${names}` }]);
  }
  if (!sheet) throw fail(file, [{ message: 'the workbook has no rows' }]);
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    let own = false;
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const cell = row.getCell(c);
      // `text` is what Excel displays: formula results, hyperlink text, a merged cell's value in every cell.
      const text = cleanCell(cell.text);
      cells.push(text);
      if (text !== '' && cell.master === cell) own = true;
    }
    // a row whose only values spill over from cells merged above is a blank row
    rows.push({ row: rowNumber, cells: own ? cells : [] });
  });
  return rows;
}

function cleanCell(value: string): string {
  return value.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
