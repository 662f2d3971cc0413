import { readXlsxGrid } from '../xlsx-grid.js';
import type { Cell, RoadmapDocument } from './document.js';

export { MissingSheetError } from '../xlsx-grid.js';

/**
 * An Excel (.xlsx) roadmap: the named sheet, else the first with a value, as one grid of its used range
 * from row 1 (the rows above the roadmap table, such as its title, are found as the table's preamble). A
 * merged range fills every cell it covers; a date typed as a date reads as Excel shows a Russian date,
 * DD.MM.YYYY. The sheet is streamed within `XLSX_LIMITS`.
 * @throws MissingSheetError when `sheetName` is not a sheet of the workbook; XlsxLimitError past the limits
 */
export async function readXlsx(bytes: Buffer, sheetName?: string): Promise<RoadmapDocument> {
  const grid = await readXlsxGrid(bytes, sheetName === undefined ? {} : { sheet: sheetName });
  if (grid === null) return { paragraphs: [], tables: [] };
  const rows: Cell[][] = [];
  const last = grid.rows[grid.rows.length - 1]?.row ?? 0;
  const byNumber = new Map(grid.rows.map((r) => [r.row, r]));
  for (let r = 1; r <= last; r += 1) {
    const row = byNumber.get(r);
    const covered = new Set(row?.covered);
    rows.push(Array.from({ length: grid.width }, (_, i) => ({ text: row?.cells[i]?.trim() ?? '', own: !covered.has(i) })));
  }
  return { paragraphs: [], tables: [{ rows, continuation: 'subrow' }] };
}
