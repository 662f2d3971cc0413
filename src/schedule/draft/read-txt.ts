import type { RoadmapDocument, Row, Table } from './document.js';

/**
 * Word's plain-text export of a roadmap (as in ../shared/seeds): a table row per line, its cells
 * separated by tabs; a long cell wraps onto a following line whose leading tabs skip the cells it does
 * not continue. Blank lines and the header repeated at a page break may fall inside a table; any other
 * line without a tab is a paragraph and ends the table. The export keeps bold as `<b>…</b>` and the
 * title's emphasis as `**`, which are dropped.
 */
export function readTxt(text: string): RoadmapDocument {
  const paragraphs: string[] = [];
  const tables: Table[] = [];
  let rows: Row[] | null = null;
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    if (line.includes('\t')) {
      // A ruler such as "--\t--\t-----" draws the table's bottom edge: it holds no text.
      if (!/[\p{L}\p{N}]/u.test(line)) continue;
      if (rows === null) {
        rows = [];
        tables.push({ rows, continuation: 'wrap' });
      }
      rows.push(line.split('\t').map((cell) => ({ text: stripMarkup(cell).trim(), own: true })));
    } else if (line.trim() !== '') {
      rows = null;
      paragraphs.push(stripMarkup(line).trim());
    }
  }
  return { paragraphs, tables };
}

function stripMarkup(text: string): string {
  return text.replace(/<\/?(b|i|u|strong|em)>/gi, '').replace(/\*\*/g, '');
}
