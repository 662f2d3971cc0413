/**
 * The one Excel (.xlsx) reader: schedule drafts here and the imports of src/tabular/ above build on it.
 * It streams the worksheet's rows (exceljs's WorkbookReader) instead of building exceljs's whole model, keeps
 * only the used range (the cells that hold a value), and refuses a sheet past `XLSX_LIMITS` as soon as
 * it meets the first value beyond them: a stray value at column XFD or a million-row sheet is one clear
 * error after a moment, not minutes of work or a process out of memory.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkUnpackedSizes, XLSX_UNPACK_LIMITS } from './unpacked-size.js';

/** How far a table may reach: far beyond a roster (a few thousand rows, 25 columns) or a status import. */
export const XLSX_LIMITS = { rows: 300_000, columns: 256 } as const;

/**
 * A row that holds a value or lies under a merged cell, numbered as Excel shows it; `cells[0]` is column A,
 * every row as wide as the used range. A merged cell's text fills every position it covers; `covered` lists
 * the positions (0-based) that only repeat it, so a row of nothing but those is blank in its own right.
 */
export interface GridRow {
  row: number;
  cells: string[];
  covered: number[];
}

/** The used range of one worksheet: its rows (in order, gaps left out) and its width, the last column with a value. */
export interface XlsxGrid {
  sheet: string;
  rows: GridRow[];
  width: number;
}

/** There is no sheet of that name; `sheets` are the ones there are. */
export class MissingSheetError extends Error {
  override name = 'MissingSheetError';
  constructor(
    readonly sheetName: string,
    readonly sheets: string[],
  ) {
    super(`there is no sheet "${sheetName}" (the sheets are ${sheets.map((s) => `"${s}"`).join(', ')})`);
  }
}

/** Several sheets hold values and none was named (`onlySheet`); `sheets` are their names, in the workbook's order. */
export class SeveralSheetsError extends Error {
  override name = 'SeveralSheetsError';
  constructor(readonly sheets: string[]) {
    super(`${sheets.length} sheets hold values (${sheets.map((s) => `"${s}"`).join(', ')}) and none was named`);
  }
}

/** The sheet reaches past `XLSX_LIMITS`; `row` and `column` (a letter, e.g. "XFD") say where. */
export class XlsxLimitError extends Error {
  override name = 'XlsxLimitError';
  constructor(
    message: string,
    readonly row: number,
    readonly column: string,
  ) {
    super(message);
  }
}

/**
 * Reads the named worksheet, else the first that holds a value (with `onlySheet`: the only one, so a pivot
 * sheet before the data is never read for it), of an .xlsx file (a path) or its bytes.
 * Returns null when no sheet holds a value.
 * @throws MissingSheetError when `sheet` is named and absent; SeveralSheetsError with `onlySheet` and no
 *   `sheet` when more than one holds a value; XlsxLimitError past the limits; UnpackedSizeError for a workbook
 *   that unpacks past `XLSX_UNPACK_LIMITS`; whatever exceljs throws for a
 *   file that is not a workbook
 */
export async function readXlsxGrid(input: string | Buffer, options: { sheet?: string; onlySheet?: boolean } = {}): Promise<XlsxGrid | null> {
  await checkUnpackedSizes(input, XLSX_UNPACK_LIMITS);
  const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([input]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // styles tell a date from a number
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  // with onlySheet: the first sheet holding values, and the names of all that do
  let first: XlsxGrid | null = null;
  const filled: string[] = [];
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as StreamedSheet;
      names.push(sheet.name);
      if (options.sheet !== undefined && sheet.name !== options.sheet) continue;
      const grid = await readSheet(sheet);
      if (options.sheet !== undefined) return grid;
      if (grid === null) continue;
      if (options.onlySheet !== true) return grid;
      first ??= grid;
      filled.push(grid.sheet);
    }
  } finally {
    stream.destroy();
  }
  if (options.sheet !== undefined) throw new MissingSheetError(options.sheet, names);
  if (filled.length > 1) throw new SeveralSheetsError(filled);
  return first;
}

/** What exceljs's streamed worksheet offers beyond its declared type: its name and the XML chunks it parses. */
interface StreamedSheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
  iterator: AsyncIterable<Buffer>;
}

async function readSheet(sheet: StreamedSheet): Promise<XlsxGrid | null> {
  const merges: string[] = [];
  // exceljs's streaming reader skips <mergeCells> (they follow the rows), so its input is watched for them
  sheet.iterator = watchMerges(sheet.iterator, merges);
  const rows: GridRow[] = [];
  let width = 0;
  for await (const row of sheet) {
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      const text = cellText(valueOf(cell));
      if (text === '') return;
      if (row.number > XLSX_LIMITS.rows) {
        throw new XlsxLimitError(
          `a value at row ${row.number}, past the ${XLSX_LIMITS.rows.toLocaleString('en')}-row limit: ` +
            'delete the rows below the table',
          row.number,
          columnLetter(column),
        );
      }
      if (column > XLSX_LIMITS.columns) {
        throw new XlsxLimitError(
          `a value at column ${columnLetter(column)} (${column}), past the ${XLSX_LIMITS.columns}-column limit ` +
            `(${columnLetter(XLSX_LIMITS.columns)}): delete the cells right of the table`,
          row.number,
          columnLetter(column),
        );
      }
      cells[column - 1] = text;
      if (column > width) width = column;
    });
    if (cells.length > 0) rows.push({ row: row.number, cells, covered: [] });
  }
  if (rows.length === 0) return null;
  return { sheet: sheet.name, rows: fillMerges(rows, merges, width), width };
}

/** Every row padded to the width (in place); each merged range's text copied into the positions it covers (within the used range). */
function fillMerges(rows: GridRow[], merges: readonly string[], width: number): GridRow[] {
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  const lastRow = rows[rows.length - 1]?.row ?? 0;
  for (const ref of merges) {
    const range = parseRange(ref);
    if (range === null) continue;
    const text = byNumber.get(range.top)?.cells[range.left - 1] ?? '';
    if (text === '') continue;
    for (let r = range.top; r <= Math.min(range.bottom, lastRow); r += 1) {
      let row = byNumber.get(r);
      if (row === undefined) {
        row = { row: r, cells: [], covered: [] };
        byNumber.set(r, row);
      }
      for (let c = range.left; c <= Math.min(range.right, width); c += 1) {
        if (r === range.top && c === range.left) continue;
        row.cells[c - 1] = text;
        row.covered.push(c - 1);
      }
    }
  }
  const filled = [...byNumber.values()].sort((a, b) => a.row - b.row);
  for (const row of filled) {
    // holes (never-written positions) become '' so every row is dense and as wide as the range
    for (let i = 0; i < width; i += 1) row.cells[i] ??= '';
  }
  return filled;
}

const SHEET_DATA_END = Buffer.from('</sheetData>');

/**
 * Passes a worksheet's XML through unchanged and collects the `ref` of every `<mergeCell>`. They come after
 * `</sheetData>`, so only the bytes after it are decoded.
 */
async function* watchMerges(chunks: AsyncIterable<Buffer>, into: string[]): AsyncGenerator<Buffer> {
  let tail = Buffer.alloc(0);
  let after: string | null = null;
  for await (const chunk of chunks) {
    yield chunk;
    if (after !== null) {
      after += chunk.toString('utf8');
      continue;
    }
    const window = Buffer.concat([tail, chunk]);
    const at = window.indexOf(SHEET_DATA_END);
    if (at === -1) tail = window.subarray(Math.max(0, window.length - SHEET_DATA_END.length));
    else after = window.subarray(at).toString('utf8');
  }
  for (const match of (after ?? '').matchAll(/<mergeCell\s[^>]*ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) {
    if (match[1] !== undefined) into.push(match[1]);
  }
}

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [from = '', to = from] = ref.split(':');
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (a === null || b === null) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
}

function parseAddress(address: string): { row: number; column: number } | null {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (!match?.[1] || !match[2]) return null;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

/** Excel's name of a column: 1 → A, 27 → AA, 16384 → XFD. */
export function columnLetter(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell's value; a formula's with its result from the model, as exceljs's `value` drops a result of 0 or NaN. */
function valueOf(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const { result } = cell.model as { result?: ExcelJS.CellFormulaValue['result'] };
  return { formula: '', result };
}

/** What Excel shows for a formula whose result is an error: the streaming reader keeps only "not a number". */
export const FORMULA_ERROR_TEXT = '#ERROR!';

/**
 * The text Excel shows for a cell value: a formula's result, a hyperlink's text, rich text joined, an error
 * as its code (#REF!), and a date as a Russian date, DD.MM.YYYY (with HH:mm when it has a time of day).
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number') return Number.isNaN(value) ? FORMULA_ERROR_TEXT : String(value);
  if (typeof value !== 'object') return String(value);
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('text' in value) return cellText(value.text);
  return '';
}

function dateText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
  const minutes = date.getUTCHours() * 60 + date.getUTCMinutes();
  return minutes === 0 ? day : `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}
