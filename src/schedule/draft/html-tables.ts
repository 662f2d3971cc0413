import type { Cell, RoadmapDocument, Row, Table } from './document.js';

/**
 * Reads the HTML mammoth makes of a Word document: `<p>`/`<h1>`… outside tables are paragraphs; each
 * top-level `<table>` becomes a grid, its `colspan`/`rowspan` cells filling every position they cover
 * (see {@link Cell}). Paragraphs and line breaks inside a cell become "\n"; a table nested in a cell
 * is read as text of that cell. Mammoth's HTML is regular (no comments, scripts or unquoted
 * attributes), so a tag scanner suffices.
 */
export function htmlToDocument(html: string): RoadmapDocument {
  const paragraphs: string[] = [];
  const tables: Table[] = [];
  let depth = 0;
  let grid: GridBuilder | null = null;
  let text = '';
  // The spans of the cell being read, needed when it closes.
  let cellAttributes = '';
  for (const match of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    const [, closing, rawName, attributes, chars] = match;
    if (chars !== undefined) {
      text += decodeEntities(chars);
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    if (name === 'table') {
      if (closing === '' && depth === 0) {
        pushParagraph(paragraphs, text);
        text = '';
        grid = new GridBuilder();
      }
      depth += closing === '' ? 1 : -1;
      if (closing === '/' && depth === 0 && grid !== null) {
        tables.push({ rows: grid.rows(), continuation: 'subrow' });
        grid = null;
      }
    } else if (depth === 1 && grid !== null && name === 'tr' && closing === '') {
      grid.startRow();
    } else if (depth === 1 && grid !== null && (name === 'td' || name === 'th')) {
      if (closing === '') {
        cellAttributes = attributes ?? '';
      } else {
        const span = (attr: string) => Number(new RegExp(`${attr}="(\\d+)"`).exec(cellAttributes)?.[1] ?? '1');
        grid.addCell(text.trim(), span('rowspan'), span('colspan'));
      }
      text = '';
    } else if (BREAKS.has(name) && (closing === '/' || name === 'br')) {
      if (depth === 0) {
        pushParagraph(paragraphs, text);
        text = '';
      } else {
        text += '\n';
      }
    }
  }
  pushParagraph(paragraphs, text);
  return { paragraphs, tables };
}

/** Tags whose end starts a new line of text. */
const BREAKS = new Set(['p', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th']);

function pushParagraph(paragraphs: string[], text: string): void {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed !== '') paragraphs.push(trimmed);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Places cells on a grid the way a browser lays out rowspan and colspan. */
class GridBuilder {
  private readonly grid: (Cell | undefined)[][] = [];
  private row = -1;

  startRow(): void {
    this.row += 1;
    this.grid[this.row] ??= [];
  }

  addCell(text: string, rowSpan: number, colSpan: number): void {
    const line = this.grid[this.row] ?? [];
    let col = 0;
    while (line[col] !== undefined) col += 1;
    for (let r = 0; r < Math.max(rowSpan, 1); r += 1) {
      const target = (this.grid[this.row + r] ??= []);
      for (let c = 0; c < Math.max(colSpan, 1); c += 1) target[col + c] = { text, own: r === 0 && c === 0 };
    }
  }

  rows(): Row[] {
    const used = this.grid.slice(0, this.row + 1);
    const width = Math.max(0, ...used.map((line) => line.length));
    return used.map((line) => Array.from({ length: width }, (_, c) => line[c] ?? { text: '', own: true }));
  }
}
