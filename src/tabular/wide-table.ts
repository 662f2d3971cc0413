/**
 * The coordinators' monitoring table: one row per school, one column per tracked item. This file says which
 * items get a column (school-scope occurrences tracked to completion, with a due date), what each column's
 * header is («4.2 Концептуальные документы», the roadmap's number and a short title), how a header someone
 * else wrote finds its item (source number, milestone id or title prefix), and which other columns a table
 * may have. The export writes these headers and the import reads them, so both agree by construction.
 */
import type { Occurrence } from '../schedule/occurrences.js';
import { expandOccurrences, occurrenceByKey } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';

/** One tracked item of the table. */
export interface ItemColumn {
  schedule: Schedule;
  occurrence: Occurrence;
  /**
   * The item whose status the column holds: the occurrence's own, or for a `same_as` milestone the one it
   * names (one item, one status, whichever table it is read from).
   */
  item: { scheduleId: string; occurrenceKey: string };
  /** A `same_as` milestone's column: an export that has the named item's own column leaves it out. */
  alias: boolean;
  /** The roadmap's row number from `source` («001 п. 4.2» → «4.2»), or null. */
  number: string | null;
  /** The header the export writes. */
  header: string;
}

/** The columns that describe the school rather than an item, by the headers they go by. */
export type InfoField = 'region' | 'municipality' | 'code' | 'name' | 'curator' | 'ignored';

const INFO_HEADERS: Record<InfoField, readonly string[]> = {
  region: ['регион', 'субъект рф', 'субъект', 'region'],
  municipality: ['муниципалитет', 'муниципальное образование', 'муниципальный район', 'мо', 'municipality'],
  code: ['код оо', 'код школы', 'код', 'school code', 'code'],
  name: ['наименование оо', 'наименование', 'школа', 'оо', 'образовательная организация', 'school', 'school name', 'name'],
  curator: ['куратор', 'curator'],
  ignored: ['№', '№ п п', 'п п', 'примечание', 'контактное лицо оо', 'контактное лицо', 'телефон', 'e mail', 'email', 'директор', 'notes'],
};

/** The form headers are compared in: lower case, ё as е, punctuation and runs of spaces as one space. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"“”„'`.,;:()\-–—/\\_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The informational field a header names, or null. */
export function infoField(header: string): InfoField | null {
  const wanted = normaliseHeader(header);
  return (Object.keys(INFO_HEADERS) as InfoField[]).find((f) => INFO_HEADERS[f].includes(wanted)) ?? null;
}

/** The first header of each informational column, as the export writes them. */
export const INFO_COLUMNS = ['region', 'municipality', 'code', 'name', 'curator'] as const;

const SOURCE_NUMBER = /(?:^|\s)п\.?\s*(\d+(?:\.\d+)*)/u;

/** The roadmap's row number of a milestone («001 п. 4.2» → «4.2»), or null when `source` has none. */
export function sourceNumber(source: string | null): string | null {
  return source === null ? null : (SOURCE_NUMBER.exec(source)?.[1] ?? null);
}

/** A title cut to a few words for a header; the whole title goes into the header's note. */
function shortTitle(title: string): string {
  const words = title.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    if (kept.length >= 2 && [...kept, word].join(' ').length > 32) break;
    kept.push(word);
  }
  // «Размещение документов в» reads as cut off: a trailing preposition goes
  while (kept.length > 1 && (kept.at(-1)?.length ?? 0) <= 2) kept.pop();
  return kept.join(' ');
}

const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/** Whether an occurrence gets a column: a school's item tracked to completion, with a due date. */
function tracked(o: Occurrence): boolean {
  return o.milestone.scope === 'school' && o.milestone.track === 'completion' && !o.continuous && o.dueDate !== null;
}

/**
 * The item columns of the schedules, in schedule order and by due date within each. A header two items
 * would share takes the schedule id in front, so every header names one item.
 */
export function itemColumns(schedules: readonly Schedule[]): ItemColumn[] {
  const columns = schedules.flatMap((schedule) => {
    // a `same_as` milestone has no occurrences of its own, but coordinators' tables still name it by its number
    const aliases = schedule.milestones.flatMap((m) => (m.sameAs === null ? [] : [occurrenceByKey(schedule, m.id, schedule.timeZone)]));
    return [...expandOccurrences(schedule, `${schedule.year}-01-01`, `${schedule.year}-12-31`, schedule.timeZone), ...aliases]
      .filter((o): o is Occurrence => o !== null && tracked(o))
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.key.localeCompare(b.key))
      .map((occurrence): ItemColumn => {
        const number = sourceNumber(occurrence.milestone.source);
        const dated = occurrence.key.includes('@') && occurrence.dueDate !== null ? ` (${dayMonth(occurrence.dueDate)})` : '';
        const same = occurrence.milestone.sameAs;
        const item =
          same === null
            ? { scheduleId: schedule.id, occurrenceKey: occurrence.key }
            : { scheduleId: same.scheduleId, occurrenceKey: occurrence.key.replace(/^[^@]+/, same.milestoneId) };
        return { schedule, occurrence, item, alias: same !== null, number, header: `${number ?? occurrence.milestone.id} ${shortTitle(occurrence.milestone.indicator)}${dated}` };
      });
  });
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.header, (counts.get(c.header) ?? 0) + 1);
  return columns.map((c) => ((counts.get(c.header) ?? 0) > 1 ? { ...c, header: `${c.schedule.id}/${c.header}` } : c));
}

/** The item a header names, or why it names none (with the candidates to choose from). */
export type HeaderMatch = { column: ItemColumn } | { problem: string };

const DATE_SUFFIX = /\s*\((\d{2})\.(\d{2})\)\s*$/;

/**
 * The column a header names: by the roadmap number it starts with («4.2», «п. 4.2»), else by a milestone id
 * or occurrence key (optionally `schedule/` in front), else by the title (the header a prefix of the title,
 * or the title of the header, compared normalised); a trailing «(DD.MM)» picks one date of a series.
 */
export function matchHeader(header: string, columns: readonly ItemColumn[]): HeaderMatch {
  const raw = header.trim();
  const dateMatch = DATE_SUFFIX.exec(raw);
  const body = dateMatch ? raw.slice(0, dateMatch.index) : raw;
  const onDate = (list: readonly ItemColumn[]) =>
    dateMatch ? list.filter((c) => c.occurrence.dueDate?.slice(5) === `${dateMatch[2]}-${dateMatch[1]}`) : list;

  const [first = '', ...rest] = body.split(/\s+/);
  const slash = first.indexOf('/');
  const scheduleId = slash === -1 ? null : first.slice(0, slash);
  const token = slash === -1 ? first : first.slice(slash + 1);
  const inSchedule = columns.filter((c) => scheduleId === null || c.schedule.id === scheduleId);

  const number = /^(?:п\.?)?(\d+(?:\.\d+)*)\.?$/u.exec(token)?.[1] ?? (token.toLowerCase() === 'п.' ? /^(\d+(?:\.\d+)*)/.exec(rest[0] ?? '')?.[1] : undefined);
  const byNumber = number === undefined ? [] : onDate(inSchedule.filter((c) => c.number === number));
  const byId = onDate(inSchedule.filter((c) => c.occurrence.key === token || c.occurrence.milestone.id === token));
  const title = normaliseHeader(number !== undefined || byId.length > 0 ? rest.join(' ') : body);
  const byTitle =
    title.length < 4
      ? []
      : onDate(inSchedule.filter((c) => {
          const { title: full, indicator } = c.occurrence.milestone;
          return [full, indicator].map(normaliseHeader).some((name) => name.startsWith(title) || title.startsWith(name));
        }));

  for (const found of [byNumber, byId, number === undefined && byId.length === 0 ? byTitle : []]) {
    if (found.length === 1 && found[0]) return { column: found[0] };
    if (found.length > 1) {
      // a number used by several items: the title after it may still tell them apart
      const narrowed = title === '' ? [] : found.filter((c) => byTitle.includes(c));
      if (narrowed.length === 1 && narrowed[0]) return { column: narrowed[0] };
      return { problem: `names ${found.length} items: ${list(found)}; write the header as one of them` };
    }
  }
  return { problem: `matches no tracked item and is no known column (${INFO_COLUMNS.map((f) => INFO_HEADERS[f][0]).join(', ')}); items: ${list(columns)}` };
}

/** Candidate headers for an error message, at most a dozen. */
function list(columns: readonly ItemColumn[]): string {
  const shown = columns.slice(0, 12).map((c) => `"${c.header}"`);
  return columns.length > 12 ? `${shown.join(', ')} and ${columns.length - 12} more` : shown.join(', ');
}
