import { readFileSync } from 'node:fs';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

/**
 * The seed roadmaps (test/fixtures/seeds, Word's text export) rebuilt as the Word documents they were
 * exported from, with the docx package: title paragraphs, then the table with a bold header row;
 * a cell the export wrapped over several lines is one cell again, each line a paragraph of it.
 * The Saratov roadmap is built as Word holds it: one table per page, each repeating the header; its
 * row numbers are Word's automatic outline numbering (1., 1.1., …), not text; a section heading
 * spans the row; an item with a second executor (section 4) is two rows under vertically merged
 * number, title and date cells.
 */

const SEEDS = new URL('../../fixtures/seeds/', import.meta.url);

export const FEDERAL_SEED = '000_c3fd9c603407d983.txt';
export const SARATOV_SEED = '001_1b81b76936d4f3cb.txt';

function seedLines(file: string): string[] {
  return readFileSync(new URL(file, SEEDS), 'utf8').split('\n');
}

const clean = (text: string) => text.replace(/<\/?b>|\*\*/g, '').trim();

/** A row under construction: per column, its paragraphs; `merged` for a sub-row under merged cells. */
interface RowDraft {
  cells: string[][];
  kind: 'header' | 'section' | 'item' | 'subrow';
}

function paragraphs(texts: string[], bold = false): Paragraph[] {
  const lines = texts.length === 0 ? [''] : texts;
  return lines.map((text) => new Paragraph({ children: [new TextRun({ text, bold })] }));
}

function cellsOf(line: string): string[] {
  return line.split('\t').map(clean);
}

function appendWrapped(row: RowDraft, cells: string[]): void {
  cells.forEach((text, c) => {
    if (text !== '') (row.cells[c] ??= []).push(text);
  });
}

/** The federal roadmap (seed 000): title paragraphs, then one table of dated rows. */
export async function federalDocx(): Promise<Buffer> {
  const lines = seedLines(FEDERAL_SEED);
  const titles = lines.filter((line) => line.trim() !== '' && !line.includes('\t'));
  const rows: RowDraft[] = [];
  for (const line of lines.filter((l) => l.includes('\t') && /[\p{L}\p{N}]/u.test(l))) {
    if (line.startsWith('Дата\t')) rows.push({ cells: cellsOf(line).map((t) => [t]), kind: 'header' });
    else if (/^\d\d\.\d\d\.\d{4}/.test(line)) rows.push({ cells: cellsOf(line).map((t) => (t === '' ? [] : [t])), kind: 'item' });
    else appendWrapped(rows.at(-1) as RowDraft, cellsOf(line));
  }
  const table = new Table({
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.kind === 'header',
          children: row.cells.map((texts) => new TableCell({ children: paragraphs(texts, row.kind === 'header') })),
        }),
    ),
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [...titles.map((t) => new Paragraph(clean(t))), table] }] }));
}

/** Repairs of the text export, so the document holds what the printed roadmap shows. */
function repairSaratov(rows: RowDraft[]): void {
  // Item 1.5's date reads "(в соответствии)" on one page and "с графиком посещения)" on the next.
  for (const row of rows) {
    const date = row.cells[2] ?? [];
    if (date.join(' ') === '14.02.2022 – до конца года (в соответствии) с графиком посещения)') {
      row.cells[2] = ['14.02.2022 – до конца года (в соответствии с графиком посещения)'];
    }
  }
}

/** The Saratov roadmap (seed 001): the approval block and title, then the table page by page. */
export async function saratovDocx(): Promise<Buffer> {
  const lines = seedLines(SARATOV_SEED);
  const titles = lines.filter((line) => line.trim() !== '' && !line.includes('\t'));
  const pages: RowDraft[][] = [];
  let header: string[] = [];
  // A page starts at the first item after a repeated header: a row the page break cut (its wrapped
  // cells, its sub-rows) stays one row of the page it started on, as in Word.
  let pageBreak = false;
  let last: RowDraft | undefined;
  const startRow = (row: RowDraft) => {
    if (pageBreak || pages.length === 0) pages.push([{ cells: header.map((t) => [t]), kind: 'header' }]);
    pageBreak = false;
    pages.at(-1)?.push(row);
    last = row;
  };
  for (const line of lines.filter((l) => l.includes('\t'))) {
    const cells = cellsOf(line);
    const filled = (t: string) => (t === '' ? [] : [t]);
    if (line.startsWith('№ п/п')) {
      if (header.length === 0) header = cells;
      pageBreak = true;
    } else if (/^(<b>)?\d+\.(<\/b>)?\t/.test(line)) {
      startRow({ cells: [[cells[0] ?? ''], [cells[1] ?? '']], kind: 'section' });
    } else if (/^\d+\.\d+\.\t/.test(line)) {
      startRow({ cells: cells.map(filled), kind: 'item' });
    } else if (/^[^\t]/.test(line)) {
      // The export moved this sub-row of 4.1 (a task and its indicator) four cells to the left.
      pages.at(-1)?.push({ cells: [[], [], [], [], [cells[0] ?? ''], [cells[4] ?? '']], kind: 'subrow' });
    } else if ((cells[3] ?? '') !== '' && (last?.cells[3]?.length ?? 0) > 0 && /^[А-ЯЁ]/.test(cells[3] ?? '')) {
      const subrow: RowDraft = { cells: cells.map(filled), kind: 'subrow' };
      pages.at(-1)?.push(subrow);
      last = subrow;
    } else if (last !== undefined) {
      appendWrapped(last, cells);
    }
  }
  pages.forEach(repairSaratov);
  const width = header.length;
  const tables = pages.map(
    (page) =>
      new Table({
        rows: page.map((row, r) => {
          if (row.kind === 'header') {
            return new TableRow({ tableHeader: true, children: row.cells.map((texts) => new TableCell({ children: paragraphs(texts, true) })) });
          }
          if (row.kind === 'section') {
            return new TableRow({
              children: [
                new TableCell({ children: [numbered(0)] }),
                new TableCell({ columnSpan: width - 1, children: paragraphs(row.cells[1] ?? [], true) }),
              ],
            });
          }
          // An item spans its sub-rows in the number, title and date columns: Word's vertical merge.
          const subrows = page.slice(r + 1).findIndex((next) => next.kind !== 'subrow');
          const span = subrows < 0 ? page.length - r : subrows + 1;
          if (row.kind === 'subrow') {
            return new TableRow({ children: row.cells.slice(3).map((texts) => new TableCell({ children: paragraphs(texts) })) });
          }
          return new TableRow({
            children: row.cells.map(
              (texts, c) =>
                new TableCell({ rowSpan: c < 3 ? span : 1, children: c === 0 ? [numbered(1)] : paragraphs(texts) }),
            ),
          });
        }),
      }),
  );
  const children = [...titles.map((t) => new Paragraph(clean(t))), ...tables.flatMap((table) => [table, new Paragraph({ text: '', pageBreakBefore: true })])];
  return Packer.toBuffer(new Document({ numbering: { config: [OUTLINE] }, sections: [{ children }] }));
}

/** Word's "1." / "1.1." outline list, as roadmaps number their sections and items. */
const OUTLINE = {
  reference: 'roadmap-rows',
  levels: [
    { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
    { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', alignment: AlignmentType.START },
  ],
};

function numbered(level: 0 | 1): Paragraph {
  return new Paragraph({ numbering: { reference: OUTLINE.reference, level } });
}
