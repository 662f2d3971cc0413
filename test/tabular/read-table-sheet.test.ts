import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTable } from '../../src/tabular/read-table.js';
import { FileNotImportedError, type RowIssue } from '../../src/tabular/row-issues.js';

const fail = (file: string, issues: RowIssue[]) => new FileNotImportedError('table', file, issues);

describe('readTable with a sheet name', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-table-sheet-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function twoSheets(): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Сводка').addRow(['итого', 53]);
    workbook.addWorksheet('Мониторинг').addRows([
      ['Код ОО', '4.2'],
      ['640001', 'да'],
    ]);
    const path = join(dir, 'monitoring.xlsx');
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it('reads the named worksheet instead of the first one with rows', async () => {
    const table = await readTable(await twoSheets(), fail, { sheet: 'Мониторинг' });
    expect(table.rows).toEqual([
      { row: 1, cells: ['Код ОО', '4.2'] },
      { row: 2, cells: ['640001', 'да'] },
    ]);
  });

  it('reads the first worksheet with rows when no sheet is named', async () => {
    const table = await readTable(await twoSheets(), fail);
    expect(table.rows).toEqual([{ row: 1, cells: ['итого', '53'] }]);
  });

  it('refuses a sheet name the workbook lacks, listing the sheets it has', async () => {
    await expect(readTable(await twoSheets(), fail, { sheet: 'Лист1' })).rejects.toThrow(
      'monitoring.xlsx: no sheet "Лист1" in the workbook; its sheets: "Сводка", "Мониторинг"',
    );
  });
});
