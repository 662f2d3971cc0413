/**
 * The status table as an Excel workbook: one row per school × milestone occurrence, for coordinators who
 * filter and pivot it themselves. Headers and status names come from the templates.
 */
import ExcelJS from 'exceljs';
import { setXlsxText } from '../tabular/cell-text.js';
import { nameWithCode, type Say } from './item-view.js';
import type { SchoolItem } from './overview.js';

const COLUMNS = ['school-code', 'school', 'municipality', 'milestone', 'due', 'status', 'planned', 'comment', 'updated'] as const;

/** Builds the workbook in memory and returns its bytes. */
export async function buildStatusWorkbook(say: Say, items: readonly SchoolItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(say('bot-xlsx-sheet'));
  sheet.columns = COLUMNS.map((key) => ({ header: say(`bot-xlsx-${key}`), key, width: key === 'milestone' || key === 'school' || key === 'comment' ? 50 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const item of items) {
    const row = sheet.addRow([]);
    const values: Record<(typeof COLUMNS)[number], string> = {
      'school-code': item.schoolCode,
      // the code column is beside it, but a name read or filtered alone must still say which school
      school: nameWithCode(say, item.schoolName, item.schoolNameCode),
      municipality: item.municipality,
      milestone: item.title,
      due: item.due,
      status: say('bot-status-name', { status: item.status }),
      planned: item.plannedDate ?? '',
      comment: item.comment ?? '',
      updated: item.updatedAt ?? '',
    };
    // names and comments are what people typed: a `=HYPERLINK(...)` among them must stay text in Excel
    COLUMNS.forEach((key, i) => setXlsxText(row.getCell(i + 1), values[key]));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
