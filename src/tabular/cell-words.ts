/**
 * The words coordinators write in a monitoring table's cells («да», «+», «размещено 28.05», «на доработке:
 * нет подписи», «обещают 15.06», a date), read into what they say about one item. This is the one table of
 * those words: the wide status import reads every cell through it, and the export's words (the templates'
 * `status-cell-*`) are among them, so an exported table reads back as it was.
 *
 * Words are compared in lower case with ё as е, at the start of the cell and as whole words; what follows
 * them must be empty or a date, except after a return or «не требуется», where it is the comment.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { StatusValue } from '../domain/status.js';
import { isLocalDate } from '../schedule/day-number.js';

/** What one cell says about its item. */
export type CellStatement =
  /** An empty cell says nothing: the item stays as it is. */
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'in_progress'; plannedDate: LocalDate | null }
  /** Handed in: submitted on a milestone with confirm_by, else done. */
  | { kind: 'submitted' }
  /** Finished (on `date`, when the cell gives one): confirmed on a milestone with confirm_by, else done. */
  | { kind: 'complete'; date: LocalDate | null }
  | { kind: 'returned'; comment: string | null }
  | { kind: 'not_applicable'; comment: string | null };

type Kind = Exclude<CellStatement['kind'], 'none'>;

/** What may follow the words: nothing or a date, a date that must be there, or the comment. */
type Rest = 'optional-date' | 'date' | 'comment';

interface Words {
  kind: Kind;
  rest: Rest;
  phrases: readonly string[];
}

/** Every accepted phrase, by what it means. Keep the export's `status-cell-*` templates among them. */
export const CELL_WORDS: readonly Words[] = [
  {
    kind: 'complete',
    rest: 'optional-date',
    phrases: ['да', '+', '✓', '✔', 'v', 'выполнено', 'выполнен', 'выполнена', 'сделано', 'исполнено', 'готово', 'есть',
      'проведено', 'подтверждено', 'подтвержден', 'принято', 'done', 'confirmed', 'yes'],
  },
  {
    kind: 'submitted',
    rest: 'optional-date',
    phrases: ['размещено', 'размещен', 'размещены', 'загружено', 'отправлено', 'сдано', 'на проверке', 'submitted'],
  },
  // «ждёт куратора», «ждёт регионального координатора»: whoever it waits for, it is handed in
  { kind: 'submitted', rest: 'comment', phrases: ['ждет'] },
  { kind: 'in_progress', rest: 'optional-date', phrases: ['в работе', 'в процессе', 'начато', 'частично', 'in progress'] },
  { kind: 'in_progress', rest: 'date', phrases: ['обещают', 'обещают к', 'в работе до', 'до', 'срок', 'план'] },
  { kind: 'returned', rest: 'comment', phrases: ['на доработке', 'на доработку', 'возвращено на доработку', 'возвращено', 'доработать', 'returned'] },
  { kind: 'not_applicable', rest: 'comment', phrases: ['не требуется', 'не применимо', 'неприменимо', 'н/п', 'не участвует', 'n/a', 'not applicable'] },
  { kind: 'pending', rest: 'optional-date', phrases: ['нет', 'не начато', 'не выполнено', '-', '—', '0', 'pending'] },
];

/** Longest phrase first, so «на доработке» is not read as «на…» and «в работе до» wins over «в работе». */
const PHRASES = CELL_WORDS.flatMap((w) => w.phrases.map((phrase) => ({ phrase, words: w })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** A cell the table has no words for, or whose date is no day. */
export class CellWordError extends Error {
  override name = 'CellWordError';
}

const norm = (text: string) => text.toLowerCase().replaceAll('ё', 'е');

/** A phrase ends where a letter or digit does not follow (so «нет» is not the start of «нетто»). */
function endsWord(text: string, at: number): boolean {
  return at >= text.length || !/[\p{L}\p{N}]/u.test(text.charAt(at)) || !/[\p{L}\p{N}]$/u.test(text.slice(0, at));
}

/**
 * A date as coordinators write it: `28.05`, `28.05.22`, `28.05.2022` or `2022-05-28` (a cell Excel keeps as a date
 * comes out of the reader as `28.05.2022`); a day without a year is in `year`. Null when it is no date at all.
 * @throws CellWordError for a date that is no day (31.06)
 */
export function readDayMonth(text: string, year: number): LocalDate | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dotted = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?\.?$/.exec(text);
  if (!iso && !dotted) return null;
  const date = iso
    ? text
    : `${dotted?.[3] === undefined ? year : dotted[3].length === 2 ? `20${dotted[3]}` : dotted[3]}-${(dotted?.[2] ?? '').padStart(2, '0')}-${(dotted?.[1] ?? '').padStart(2, '0')}`;
  if (!isLocalDate(date)) throw new CellWordError(`"${text}" is not a date (no such day)`);
  return date;
}

function restDate(rest: string, year: number): LocalDate | null | undefined {
  const stripped = rest.replace(/^(?:к|до|с|от)\s+/u, '');
  return stripped === '' ? null : (readDayMonth(stripped, year) ?? undefined);
}

const EXPECTED = 'expected a status word (да, +, выполнено, размещено, ждёт куратора, в работе, обещают 15.06, на доработке: …, не требуется: …, нет) or a date';

/**
 * What a cell says. `year` completes a date written without one (the schedule's year).
 * @throws CellWordError naming the cell's text and what was expected
 */
export function readCell(text: string, year: number): CellStatement {
  const cell = text.replace(/\s+/g, ' ').trim();
  if (cell === '') return { kind: 'none' };
  const lower = norm(cell);
  const alone = readDayMonth(lower.replace(/[.!]+$/, '').trim(), year);
  if (alone !== null) return { kind: 'complete', date: alone };
  const found = PHRASES.find(({ phrase }) => lower.startsWith(phrase) && endsWord(lower, phrase.length));
  if (!found) throw new CellWordError(`"${clip(cell)}": ${EXPECTED}`);
  const { kind, rest: restKind } = found.words;
  // the rest of the cell as written (lower-casing keeps the length of Russian and Latin text)
  const rest = (lower.length === cell.length ? cell : lower).slice(found.phrase.length).replace(/^[\s:;,.\-–—()]+/u, '').replace(/[\s)]+$/u, '');
  if (restKind === 'comment') {
    const comment = rest === '' ? null : rest;
    if (kind === 'submitted') return { kind };
    return kind === 'returned' ? { kind, comment } : { kind: 'not_applicable', comment };
  }
  const date = restDate(norm(rest).replace(/[.!]+$/, '').trim(), year);
  if (date === undefined) throw new CellWordError(`"${clip(cell)}": after "${found.phrase}" only a date may follow`);
  if (restKind === 'date' && date === null) throw new CellWordError(`"${clip(cell)}": "${found.phrase}" needs a date, e.g. "${found.phrase} 15.06"`);
  switch (kind) {
    case 'complete':
      return { kind, date };
    case 'in_progress':
      return { kind, plannedDate: date };
    case 'submitted':
    case 'pending':
      return { kind };
    case 'returned':
    case 'not_applicable':
      return { kind, comment: null };
  }
}

/** How many distinct texts a `CellReader` remembers: far more than a table's words, far fewer than its comments could be. */
const REMEMBERED_TEXTS = 10_000;

/**
 * Reads cells like `readCell` for one year, remembering what each distinct text says: a national table
 * repeats a few dozen words over tens of thousands of cells, and each is read once.
 */
export class CellReader {
  private readonly seen = new Map<string, CellStatement | CellWordError>();
  constructor(private readonly year: number) {}

  /** @throws CellWordError as `readCell` does */
  read(text: string): CellStatement {
    let said = this.seen.get(text);
    if (said === undefined) {
      try {
        said = readCell(text, this.year);
      } catch (error) {
        if (!(error instanceof CellWordError)) throw error;
        said = error;
      }
      if (this.seen.size < REMEMBERED_TEXTS) this.seen.set(text, said);
    }
    if (said instanceof CellWordError) throw said;
    return said;
  }
}

/** A long cell quoted in an error message: its start, so one bad cell of 10,000 characters stays one line. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The status a statement asks of an item of a milestone with (or without) confirm_by; null for an empty cell. */
export function statusOf(statement: CellStatement, requiresConfirmation: boolean): StatusValue | null {
  switch (statement.kind) {
    case 'none':
      return null;
    case 'complete':
      return requiresConfirmation ? 'confirmed' : 'done';
    case 'submitted':
      return requiresConfirmation ? 'submitted' : 'done';
    default:
      return statement.kind;
  }
}
