import ExcelJS from 'exceljs';
import type { Cell, RoadmapDocument } from './document.js';

/** There is no sheet of that name: the message lists the sheets there are. */
export class MissingSheetError extends Error {
  override name = 'MissingSheetError';
}

/**
 * An Excel (.xlsx) roadmap: the named sheet, else the first, as one grid (the rows above the roadmap
 * table, such as its title, are found as the table's preamble). A merged range fills every cell it
 * covers; a date typed as a date reads as Excel shows a Russian date, DD.MM.YYYY.
 */
export async function readXlsx(bytes: Buffer, sheetName?: string): Promise<RoadmapDocument> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer); it reads Node's Buffer, which it was written for.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (sheet === undefined) {
    const names = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw new MissingSheetError(`there is no sheet "${sheetName ?? ''}" (the sheets are ${names})`);
  }
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const cell = row.getCell(c);
      const master = cell.master;
      cells.push({ text: cellText(master), own: master.address === cell.address });
    }
    rows.push(cells);
  }
  return { paragraphs: [], tables: [{ rows, continuation: 'subrow' }] };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  return cell.text.trim();
}
