import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XLSX_LIMITS } from '../../src/schedule/xlsx-grid.js';
import { MAX_TABLE_BYTES, readTable } from '../../src/tabular/read-table.js';
import { FileNotImportedError, type RowIssue } from '../../src/tabular/row-issues.js';

const fail = (file: string, issues: RowIssue[]) => new FileNotImportedError('Table', file, issues);

async function issuesOf(path: string): Promise<RowIssue[]> {
  const error = await readTable(path, fail).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileNotImportedError);
  return (error as FileNotImportedError).issues;
}

describe('readTable within its limits', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-table-limits-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A 2,000-row roster-like sheet (about 110 KB), with `stray` done to it. */
  async function sheetWith(stray: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Roster');
    sheet.addRow(['Регион', 'Муниципалитет', 'Код ОО', 'Наименование ОО']);
    for (let i = 1; i <= 2000; i += 1) sheet.addRow(['RU-SAR', `Район ${i % 40}`, `s${i}`, `МОУ СОШ № ${i}`]);
    stray(sheet);
    const path = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it('refuses a value at column XFD at once, saying where it is', async () => {
    const path = await sheetWith((sheet) => {
      sheet.getCell('XFD7').value = 'x';
    });
    expect(await issuesOf(path)).toEqual([
      { row: 7, column: 'XFD', message: `a value at column XFD (16384), past the ${XLSX_LIMITS.columns}-column limit (IV): delete the cells right of the table` },
    ]);
  });

  it('reads only the used range when a formatted but empty cell sits at column XFD', async () => {
    const path = await sheetWith((sheet) => {
      sheet.getCell('XFD7').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    });
    const table = await readTable(path, fail);
    expect(table.rows).toHaveLength(2001);
    expect(table.rows[6]).toEqual({ row: 7, cells: ['RU-SAR', 'Район 6', 's6', 'МОУ СОШ № 6'] });
  });

  it('refuses a value below the row limit without reading the sheet into memory', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Roster');
    sheet.addRow(['Регион', 'Код ОО']);
    sheet.getCell(XLSX_LIMITS.rows + 1, 2).value = 'x';
    const path = join(dir, 'tall.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await issuesOf(path)).toEqual([
      { row: XLSX_LIMITS.rows + 1, column: 'B', message: `a value at row ${XLSX_LIMITS.rows + 1}, past the 300,000-row limit: delete the rows below the table` },
    ]);
  });

  it.each(['big.xlsx', 'big.csv'])('refuses %s over the size limit before reading it', async (name) => {
    const path = join(dir, name);
    writeFileSync(path, '');
    truncateSync(path, MAX_TABLE_BYTES + 1);
    expect(await issuesOf(path)).toEqual([{ message: 'the file is 50.0 MB, more than an import takes (50 MB): split it by region' }]);
  });

  it('says a file named .xlsx that is not a workbook cannot be read', async () => {
    const path = join(dir, 'renamed.xlsx');
    writeFileSync(path, 'Регион;Код ОО\nRU-SAR;s1\n');
    expect(await issuesOf(path)).toEqual([{ message: expect.stringMatching(/^cannot read .*renamed\.xlsx as an \.xlsx workbook: /) as unknown }]);
  });

  it('reads error values by their code, dates as DD.MM.YYYY, formulas by their result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Roster');
    sheet.addRow(['a', 'b', 'c', 'd', 'e', 'f']);
    sheet.addRow([{ error: '#REF!' }, new Date(Date.UTC(2022, 2, 30)), { formula: 'F2*2', result: 4 }, { formula: 'A2', result: { error: '#N/A' } }, { richText: [{ text: 'СОШ ' }, { text: '№ 1' }] }, { formula: 'C2*0', result: 0 }]);
    const path = join(dir, 'values.xlsx');
    await workbook.xlsx.writeFile(path);
    const table = await readTable(path, fail);
    // a formula's error result reaches the streaming reader only as "not a number"
    expect(table.rows[1]).toEqual({ row: 2, cells: ['#REF!', '30.03.2022', '4', '#ERROR!', 'СОШ № 1', '0'] });
  });
});
