import mammoth from 'mammoth';
import type { RoadmapDocument } from './document.js';
import { htmlToDocument } from './html-tables.js';

/**
 * A Word (.docx) roadmap through mammoth: its HTML keeps tables with their merged cells, which is all
 * the drafter needs. Mammoth's warnings (unknown styles, images) do not matter for the text.
 */
export async function readDocx(bytes: Buffer): Promise<RoadmapDocument> {
  const { value } = await mammoth.convertToHtml({ buffer: bytes }, { transformDocument: writeListNumbers() });
  return htmlToDocument(value);
}

/** The parts of mammoth's document model this file touches (mammoth types it as `any`). */
interface DocElement {
  type: string;
  children?: DocElement[];
  value?: string;
  /** A paragraph's list level: the same object for every paragraph of one level of one list. */
  numbering?: { level: string; isOrdered: boolean } | null;
}

/**
 * Word numbers list paragraphs itself, so the numbers ("1.", "1.2.") are not in the text, and in a
 * table mammoth starts a new HTML list in every cell, which would number each row "1.". This writes
 * the numbers into the text in document order instead, as outline numbers ("2.3."), and the
 * paragraphs stop being list items; bullets become "–".
 *
 * Mammoth gives each paragraph only its list level (one object per level of a list), not the list
 * itself, so a deeper level is taken to belong to the list whose top level was last seen when it
 * first appeared: the row numbers of a roadmap (1., 1.1., 1.2., 2., …) stay one outline even where
 * cells hold short lists of their own ("1) …, 2) …"), which count on their own.
 */
function writeListNumbers(): (document: DocElement) => DocElement {
  const counts = new Map<object, number>();
  const placeOf = new Map<object, { root: object; depth: number }>();
  const outlines = new Map<object, number[]>();
  let lastRoot: object | null = null;
  const number = (level: object, depth: number): string => {
    const root = depth === 0 ? level : (placeOf.get(level)?.root ?? lastRoot ?? level);
    placeOf.set(level, { root, depth });
    if (depth === 0) lastRoot = level;
    const count = (counts.get(level) ?? 0) + 1;
    counts.set(level, count);
    for (const [other, place] of placeOf) if (place.root === root && place.depth > depth) counts.delete(other);
    const outline = outlines.get(root) ?? [];
    outlines.set(root, outline);
    outline[depth] = count;
    outline.length = depth + 1;
    return `${Array.from(outline, (n) => n ?? 1).join('.')}.`;
  };
  const visit = (element: DocElement): void => {
    if (element.type === 'paragraph' && element.numbering) {
      const level = element.numbering;
      const prefix = level.isOrdered ? number(level, Number(level.level) || 0) : '–';
      element.children = [{ type: 'run', children: [{ type: 'text', value: `${prefix} ` }] }, ...(element.children ?? [])];
      element.numbering = null;
    }
    element.children?.forEach(visit);
  };
  return (document) => {
    visit(document);
    return document;
  };
}
