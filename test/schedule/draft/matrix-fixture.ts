import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';

/**
 * A date-first matrix roadmap of our own: a «Дата» column merged over a two-row header whose
 * «Направления» cell spans three project columns; under each row of activities an «Отв.» row names who
 * answers for each; a month heading spans the row. Built both as Word and as Excel from one grid.
 */

export const MATRIX_TITLE = 'План мероприятий по реализации проектов на 2024 год';

interface GridCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

/** Each row lists only the cells that start there; positions covered by a merge above are skipped. */
export const MATRIX_ROWS: GridCell[][] = [
  [{ text: 'Дата', rowSpan: 2 }, { text: 'Направления', colSpan: 3 }],
  [{ text: 'Точка роста' }, { text: '500+' }, { text: 'Цифровая образовательная среда' }],
  [{ text: '30.11.2023', rowSpan: 2 }, { text: 'Совещание руководителей' }, { text: 'Совещание руководителей' }, { text: 'Анкетирование учителей' }],
  [{ text: 'Отв. Петрова А.А., ИРО' }, { text: 'Отв. муниципальные координаторы' }, { text: 'Отв. руководители ОО' }],
  [{ text: 'Январь', colSpan: 4 }],
  [{ text: 'до 25 января' }, { text: 'Посещение школ кураторами' }, { text: '' }, { text: 'Вебинар «Цифровые сервисы в работе учителя»' }],
  [{ text: '' }, { text: 'Отв. кураторы' }, { text: '' }, { text: 'Отв. ЦОКО' }],
  [{ text: '31 февраля' }, { text: 'Мониторинг посещаемости' }, { text: '' }, { text: '' }],
  [{ text: '15.03.2024' }, { text: '' }, { text: 'Экспертиза программ развития школ' }, { text: '' }],
];

export async function matrixDocx(): Promise<Buffer> {
  const table = new Table({
    rows: MATRIX_ROWS.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            (cell) => new TableCell({ rowSpan: cell.rowSpan ?? 1, columnSpan: cell.colSpan ?? 1, children: [new Paragraph(cell.text)] }),
          ),
        }),
    ),
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(MATRIX_TITLE), table] }] }));
}

/** The same grid on the sheet «План», under a title row merged across the table. */
export async function matrixXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Пояснения').getCell('A1').value = 'Лист без таблицы';
  const sheet = workbook.addWorksheet('План');
  sheet.getCell('A1').value = MATRIX_TITLE;
  sheet.mergeCells(1, 1, 1, 4);
  const covered = new Set<string>();
  MATRIX_ROWS.forEach((cells, r) => {
    const row = r + 2;
    let col = 1;
    for (const cell of cells) {
      while (covered.has(`${row}:${col}`)) col += 1;
      sheet.getCell(row, col).value = cell.text;
      const [rows, cols] = [cell.rowSpan ?? 1, cell.colSpan ?? 1];
      for (let dr = 0; dr < rows; dr += 1) for (let dc = 0; dc < cols; dc += 1) covered.add(`${row + dr}:${col + dc}`);
      if (rows > 1 || cols > 1) sheet.mergeCells(row, col, row + rows - 1, col + cols - 1);
      col += cols;
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
