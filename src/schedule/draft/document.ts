/**
 * A roadmap document as the readers hand it to the drafter: its paragraphs outside tables (title,
 * approval block) and its tables as grids of cells. Every reader (Word, Excel, Word's text export)
 * produces this, so finding the roadmap table and drafting it is one pure function of it.
 */

/**
 * One grid position. A merged cell fills every position it covers: the first holds it (`own`), the
 * others repeat its text with `own: false`, so a header spanning three columns names all three and a
 * number cell spanning three sub-rows marks them as one item.
 */
export interface Cell {
  /** Paragraphs joined by "\n"; the master's text for a position covered by a merged cell. */
  text: string;
  own: boolean;
}

export type Row = Cell[];

export interface Table {
  rows: Row[];
  /**
   * How a row with an empty number (or date) cell continues the one above. `wrap`: a text export broke
   * a long cell onto the next line or page, so its pieces join with a space. `subrow`: a real table row
   * of its own (a second executor with its own indicator), joined with "; ".
   */
  continuation: 'wrap' | 'subrow';
}

export interface RoadmapDocument {
  /** Text outside tables, in order; the title and the approval block are among the first. */
  paragraphs: string[];
  tables: Table[];
}

/** The text a cell contributes in its own right: empty where it only repeats a merged neighbour. */
export function ownText(cell: Cell | undefined): string {
  return cell?.own === true ? cell.text : '';
}

/** Whitespace, line breaks and non-breaking spaces collapsed to single spaces. */
export function flatten(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
