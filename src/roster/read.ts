import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { type ColumnMap, mapHeaders, type RosterField } from './columns.js';
import { RosterError } from './issues.js';

/** One data row: its number as the spreadsheet shows it, and the value of each recognised column. */
export interface RosterRow {
  row: number;
  /** Trimmed, inner whitespace collapsed; '' for an empty cell or an absent column. */
  get(field: RosterField): string;
}

/** A roster file read and its header recognised. */
export interface RosterSheet {
  file: string;
  columns: ColumnMap;
  rows: RosterRow[];
}

/** Cells of one physical row, before headers are known. */
interface RawRow {
  row: number;
  cells: string[];
}

/**
 * Reads a roster: `.xlsx` (the first worksheet) or `.csv`/`.txt` (`;`, `,` or tab separated; UTF-8 with
 * or without BOM, or Windows-1251 as Russian Excel saves it). The first non-empty row is the header.
 * @throws RosterError when the file cannot be read or its header is not a roster's
 */
export async function readRosterFile(path: string): Promise<RosterSheet> {
  const file = basename(path);
  const extension = extname(path).toLowerCase();
  let raw: RawRow[];
  if (extension === '.xlsx') raw = await readXlsx(path, file);
  else if (extension === '.csv' || extension === '.txt') raw = readCsv(decodeText(await readBytes(path, file), file), file);
  else {
    const hint = extension === '.xls' ? 'the old binary .xls is not supported; ' : '';
    throw new RosterError(file, [{ message: `${hint}expected an .xlsx or .csv file` }]);
  }
  return recogniseHeader(raw, file);
}

function readBytes(path: string, file: string): Promise<Buffer> {
  return readFile(path).catch((error: unknown) => {
    throw new RosterError(file, [{ message: `cannot read ${path}: ${(error as Error).message}` }]);
  });
}

/** Text of a CSV file: a BOM says UTF-8, otherwise bytes that are not valid UTF-8 are Windows-1251. */
function decodeText(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new RosterError(file, [{ message: 'UTF-16 text is not supported: save as "CSV UTF-8" or plain CSV' }]);
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

function readCsv(text: string, file: string): RawRow[] {
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
    throw new RosterError(file, [
      { ...(line === undefined ? {} : { row: line }), message: `not valid CSV: ${(error as Error).message}` },
    ]);
  }
  // Excel shows each record, a quoted multi-line one included, as one row: row n is record n.
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) }));
}

async function readXlsx(path: string, file: string): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new RosterError(file, [{ message: `cannot read ${path} as an .xlsx workbook: ${(error as Error).message}` }]);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new RosterError(file, [{ message: 'the workbook has no rows' }]);
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

function recogniseHeader(raw: RawRow[], file: string): RosterSheet {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...data] = nonEmpty;
  if (!header) throw new RosterError(file, [{ message: 'the file is empty: expected a header row and one row per school' }]);
  const { columns, issues } = mapHeaders(header.cells, header.row, (i) => data.some((r) => (r.cells[i] ?? '') !== ''));
  if (issues.length > 0) throw new RosterError(file, issues);
  const rows = data.map(
    (r): RosterRow => ({
      row: r.row,
      get: (field) => {
        const index = columns.index.get(field);
        return index === undefined ? '' : (r.cells[index] ?? '');
      },
    }),
  );
  return { file, columns, rows };
}
