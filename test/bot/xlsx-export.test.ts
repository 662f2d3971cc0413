import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SchoolItem } from '../../src/bot/overview.js';
import { buildStatusWorkbook } from '../../src/bot/xlsx-export.js';
import { createRenderer } from '../../src/delivery/render.js';

const item: SchoolItem = {
  schoolId: 1,
  schoolCode: '640001',
  schoolName: '=HYPERLINK("http://x.example/","СОШ № 1")',
  schoolNameCode: null,
  municipality: 'Балаковский район',
  scheduleId: '500plus-saratov-2022',
  occurrenceKey: 'concept-docs',
  title: 'Размещение концептуальных документов',
  due: '2022-03-30',
  status: 'returned',
  plannedDate: null,
  comment: "+7-1+cmd|' /C calc'!A0",
  updatedAt: null,
  updatedBy: null,
  updatedSource: null,
};

describe('buildStatusWorkbook', () => {
  it('writes school names and comments that look like formulas as text cells', async () => {
    const renderer = createRenderer();
    const bytes = await buildStatusWorkbook((id, args) => renderer.format(id, args), [item]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const row = workbook.worksheets[0]?.getRow(2);
    const cells = [row?.getCell(2), row?.getCell(8)];
    expect(cells.map((c) => [c?.type, c?.value, c?.numFmt])).toEqual([
      [ExcelJS.ValueType.String, item.schoolName, '@'],
      [ExcelJS.ValueType.String, item.comment, '@'],
    ]);
    expect(row?.getCell(1).value).toBe('640001');
    expect(workbook.worksheets[0]?.getRow(1).getCell(2).value).toBe('Школа');
  });

  it('names a school with its code where another school of its region bears the same name', async () => {
    const renderer = createRenderer();
    const twins: SchoolItem[] = [
      { ...item, schoolId: 39, schoolCode: 'sch640039', schoolName: 'МОУ «СОШ с. Дмитриевка Озинского района»', schoolNameCode: 'sch640039' },
      { ...item, schoolId: 40, schoolCode: 'sch640040', schoolName: 'МОУ «СОШ с. Дмитриевка Озинского района»', schoolNameCode: 'sch640040' },
      { ...item, schoolId: 41, schoolCode: 'sch640041', schoolName: 'МОУ «СОШ № 1 р.п. Озинки»' },
    ];
    const bytes = await buildStatusWorkbook((id, args) => renderer.format(id, args), twins);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const names = [2, 3, 4].map((r) => workbook.worksheets[0]?.getRow(r).getCell(2).value);
    expect(names).toEqual([
      'МОУ «СОШ с. Дмитриевка Озинского района» (код sch640039)',
      'МОУ «СОШ с. Дмитриевка Озинского района» (код sch640040)',
      'МОУ «СОШ № 1 р.п. Озинки»',
    ]);
  });
});
