import type { LocalDate } from '../domain/local-date.js';
import { DatePhraseError } from './date-phrase-error.js';
import { calendarDateProblem, formatDotted, lastDayOfMonth, localDate } from './local-date.js';
import { recurrenceDates } from './recurrence-dates.js';
import { normalizeText, type Token, tokenize } from './ru-date-tokens.js';
import {
  DONE_WORDS,
  EVERY_WORDS,
  FREQUENCIES,
  type Frequency,
  HALF_YEAR_WORDS,
  MONTHS,
  ORDINALS,
  QUARTER_WORDS,
  ROMAN,
  WEEKDAYS,
  WEEKDAYS_PLURAL,
  YEAR_WORDS,
} from './ru-date-words.js';
import type { DateSpan, ParsedWhen, Recurrence, Weekday } from './types.js';

/**
 * Reads the "Срок" / "Дата" cell of a Russian roadmap, verbatim, into what a person reads from it.
 *
 * Readings (the year of the schedule, `options.year`, stands in wherever a phrase has none):
 * - a day: "20 сентября 2022 года", "01.03.2022", "31 января", "2022-03-01" → due that day; the
 *   prefixes "до", "не позднее", "к", "по" say the same ("до 1 марта 2022 года", "до 20.08.21").
 * - a month: "март 2022 года", "в марте", "03.2022" → due on the last day of the month, the month kept
 *   as the `period` (a meeting in March is held within it, not on its last day).
 *   "до конца марта", "до конца года", "до конца I квартала" → due on the last day of that period.
 *   "до марта" is refused as ambiguous (the first of March or its end?).
 * - a quarter, half-year or year: "I квартал 2022 года", "II полугодие", "в 2022 году" → a window
 *   over the whole period (01.01–31.03; 01.07–31.12; 01.01–31.12).
 * - a window: "14.02.2022 – 30.03.2022" (any dash, any spacing), "с 1 по 15 марта", "февраль -
 *   апрель 2022 года" (01.02–30.04), "14.02.2022 – до конца года" (to 31.12 of the start's year),
 *   "с 1 марта 2022" (to 31.12 of that year), "в течение марта" (the month). A side written without
 *   a year borrows the other side's ("09.06 – 17.07.21"), moving a year back or forth when that is
 *   the only way the window can start before it ends ("15.12 – 15.01.2023").
 * - several days in one cell, "01.03.2022, 15.03.2022", "16 и 23 марта" → kind "dates". Several
 *   windows in one cell are refused: they are separate milestones.
 * - a series: "еженедельно по вторникам с 08.02.2022 по 05.07.2022, с 30.08.2022 по 20.12.2022",
 *   "каждую среду", "с марта 2022 года ежемесячно (в последний вторник месяца)", "ежемесячно до 5
 *   числа" (a day past a short month's end falls on its last day). A series runs over each window of
 *   the cell ("с марта" runs to 31.12; "до 05.07" runs from 01.01) or, with none, over the year. A
 *   series with no date at all in its windows is refused.
 * - continuous, no deadline: "постоянно", "в течение года", "еженедельно", "ежемесячно",
 *   "ежедневно", "ежеквартально" (without a weekday or day), spanning their window or the year;
 *   "ежегодно" spans no particular year (span null) and takes no dates.
 * - a time of day anywhere: "в 10:00", "10:00", "в 10.00", or a bare "10.00" that cannot be a date
 *   → `time` "10:00". "в 10.03" is a time too: dates are not written with "в" and digits.
 * - two-digit years are 20yy; four-digit years must lie in 2000–2099.
 * - "(исполнено)" or "исполнено" → done, and kept as a note. Any other parenthesis that is not part
 *   of the date ("(в соответствии с графиком посещения)", "* (Мониторинг готовится к ...)") is kept
 *   verbatim as the note; footnote stars and stray dots are dropped. An unclosed "(" runs to the end.
 *
 * Anything else throws a {@link DatePhraseError} quoting the phrase and saying what was expected;
 * no input throws anything else, and every input is read in linear time.
 */
export function parseWhen(phrase: string, options: ParseWhenOptions): ParsedWhen {
  return new PhraseReader(phrase, options.year).read();
}

export interface ParseWhenOptions {
  /** The schedule's year: used for dates and periods written without one. */
  year: number;
}

/** Longer cells are not date cells; the cap also bounds the work on hostile input. */
const MAX_PHRASE_LENGTH = 1000;
/** The years a schedule's dates may fall in, in phrases and in structured `when`s alike. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

const UNTIL_WORDS = new Set(['до', 'к', 'по']);
const FROM_WORDS = new Set(['с', 'со', 'от']);
const IN_WORDS = new Set(['в', 'во']);
const YEAR_ADJECTIVES = new Set(['текущего', 'текущий', 'этого', 'календарного', 'всего']);

const EXPECTED =
  'expected a date such as 01.03.2022, "до 1 марта 2022 года", "март 2022 года", "14.02.2022 – 30.03.2022" ' +
  'or "еженедельно по вторникам с 08.02.2022 по 05.07.2022"';

type YearSource = 'explicit' | 'right' | 'left' | 'default';

/** A day or period as written, before missing months and years are filled in from its neighbours. */
type Part = { text: string; year: number | null; yearFrom: YearSource } & (
  | { kind: 'day'; day: number; month: number | null }
  | { kind: 'month'; month: number }
  | { kind: 'quarter'; quarter: number }
  | { kind: 'half'; half: number }
  | { kind: 'year' }
);

type Term =
  | { type: 'single'; at: Part }
  | { type: 'range'; from: Part; to: Part }
  | { type: 'until'; at: Part; endOf: boolean }
  | { type: 'from'; at: Part }
  | { type: 'during'; at: Part };

interface Markers {
  frequency: Frequency | null;
  weekdays: Weekday[];
  nth: { nth: 1 | 2 | 3 | 4 | 5 | -1; weekday: Weekday } | null;
  dayOfMonth: number | null;
  time: string | null;
  done: boolean;
  /** Tokens that are not markers: the dates and windows. */
  rest: Token[];
}

function wordOf(token: Token | undefined): string | null {
  return token?.type === 'word' ? token.word : null;
}

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "последний вторник", "первую среду" starting at `at`. */
function nthWeekdayAt(tokens: Token[], at: number): Markers['nth'] {
  const nth = ORDINALS.get(wordOf(tokens[at]) ?? '');
  const weekday = WEEKDAYS.get(wordOf(tokens[at + 1]) ?? '');
  return nth !== undefined && weekday !== undefined ? { nth, weekday } : null;
}

/**
 * The time of day a token writes: "10:00", or "10.00" after "в" or when it cannot be a date (month
 * 00 or past 12); null otherwise.
 */
function timeOf(token: Token | undefined, afterIn: boolean): string | null {
  if (token?.type === 'time') return hhmm(token.hour, token.minute);
  if (token?.type !== 'date' || token.year !== null || !token.twoDigitMinutes) return null;
  const hour = token.day;
  const minute = token.month;
  const notADate = minute === 0 || minute > 12;
  return (afterIn || notADate) && hour <= 23 && minute <= 59 ? hhmm(hour, minute) : null;
}

class PhraseReader {
  private readonly parts: Part[] = [];

  constructor(
    private readonly phrase: string,
    private readonly defaultYear: number,
  ) {}

  private fail(reason: string): never {
    throw new DatePhraseError(this.phrase, reason);
  }

  read(): ParsedWhen {
    if (this.phrase.length > MAX_PHRASE_LENGTH) {
      this.fail(`${this.phrase.length} characters is too long for a date cell (at most ${MAX_PHRASE_LENGTH})`);
    }
    const { core, groups } = this.splitAnnotations();
    const notes: string[] = [];
    let done = false;
    const qualifiers: Token[] = [];
    for (const group of groups) {
      const text = group.replace(/\s+/g, ' ').trim();
      const normalized = normalizeText(text).replace(/\.$/, '');
      if (normalized === '') continue;
      if (DONE_WORDS.has(normalized)) {
        done = true;
        notes.push(text);
        continue;
      }
      const tokenized = tokenize(normalized);
      if (tokenized.ok && this.isQualifier(tokenized.tokens)) qualifiers.push(...tokenized.tokens);
      else notes.push(text);
    }
    const tokenized = tokenize(normalizeText(core));
    if (!tokenized.ok) this.fail(`${tokenized.reason}; ${EXPECTED}`);
    const markers = this.extractMarkers([...tokenized.tokens, ...qualifiers]);
    const terms = this.parseTerms(markers.rest);
    this.fillMonthsAndYears();
    const common = { note: notes.length > 0 ? notes.join('; ') : null, done: done || markers.done, time: markers.time };
    return { ...common, ...this.interpret(markers, terms) };
  }

  /** The text outside parentheses, and each top-level parenthesis's content. */
  private splitAnnotations(): { core: string; groups: string[] } {
    let core = '';
    const groups: string[] = [];
    let depth = 0;
    let group = '';
    for (const char of this.phrase) {
      if (char === '(') {
        // The parenthesis separates what surrounds it: "01.03(…)2022" is not "01.032022".
        if (depth === 0) core += ' ';
        else group += char;
        depth += 1;
      } else if (char === ')') {
        if (depth === 0) this.fail('")" without a matching "("');
        depth -= 1;
        if (depth > 0) group += char;
        else {
          groups.push(group);
          group = '';
        }
      } else if (depth > 0) group += char;
      else core += char;
    }
    if (depth > 0) groups.push(group);
    return { core, groups };
  }

  /** A parenthesis such as "(в последний вторник месяца)" or "(в 10:00)" belongs to the date. */
  private isQualifier(tokens: Token[]): boolean {
    let markers: Markers;
    try {
      markers = this.extractMarkers(tokens);
    } catch (error) {
      // A remark that merely mentions contradictory frequencies is a note, not a broken date.
      if (error instanceof DatePhraseError) return false;
      throw error;
    }
    const found =
      markers.frequency !== null ||
      markers.nth !== null ||
      markers.weekdays.length > 0 ||
      markers.dayOfMonth !== null ||
      markers.time !== null;
    return found && markers.rest.every((token) => token.type === 'comma');
  }

  private extractMarkers(tokens: Token[]): Markers {
    const markers: Markers = { frequency: null, weekdays: [], nth: null, dayOfMonth: null, time: null, done: false, rest: [] };
    const setFrequency = (frequency: Frequency, text: string): void => {
      if (markers.frequency !== null && markers.frequency !== frequency) {
        this.fail(`"${text}" contradicts the frequency said before it`);
      }
      markers.frequency = frequency;
    };
    const setTime = (time: string): void => {
      if (markers.time !== null && markers.time !== time) this.fail(`two times of day, ${markers.time} and ${time}`);
      markers.time = time;
    };
    const setNth = (nth: NonNullable<Markers['nth']>): void => {
      if (markers.nth !== null) this.fail('two monthly weekdays in one cell');
      markers.nth = nth;
    };
    /** Reads "вторникам и четвергам" / "вторник, среду" from `at`; returns the index after it. */
    const readWeekdays = (at: number, names: ReadonlyMap<string, Weekday>): number => {
      let index = at;
      for (;;) {
        const weekday = names.get(wordOf(tokens[index]) ?? '');
        if (weekday === undefined) return index;
        if (!markers.weekdays.includes(weekday)) markers.weekdays.push(weekday);
        index += 1;
        const separator = tokens[index];
        const joined = separator?.type === 'comma' || wordOf(separator) === 'и';
        if (!joined || !names.has(wordOf(tokens[index + 1]) ?? '')) return index;
        index += 1;
      }
    };
    /** Skips "месяца" / "каждого месяца" after a monthly day. */
    const skipOfMonth = (at: number): number => {
      if (wordOf(tokens[at]) === 'месяца') return at + 1;
      if (EVERY_WORDS.has(wordOf(tokens[at]) ?? '') && wordOf(tokens[at + 1]) === 'месяца') return at + 2;
      return at;
    };

    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token === undefined) break;
      const word = wordOf(token);
      const next = wordOf(tokens[i + 1]);
      const frequency = FREQUENCIES.get(word ?? '');
      const timeAfterIn = word !== null && IN_WORDS.has(word) ? timeOf(tokens[i + 1], true) : null;
      const bareTime = timeOf(token, false);
      const nthAfterIn = word !== null && (IN_WORDS.has(word) || EVERY_WORDS.has(word)) ? nthWeekdayAt(tokens, i + 1) : null;
      const nth = nthWeekdayAt(tokens, i);
      if (frequency !== undefined) {
        setFrequency(frequency, token.text);
        i += 1;
      } else if (word !== null && DONE_WORDS.has(word)) {
        markers.done = true;
        i += 1;
      } else if (word === 'по' && WEEKDAYS_PLURAL.has(next ?? '')) {
        i = readWeekdays(i + 1, WEEKDAYS_PLURAL);
      } else if (word !== null && EVERY_WORDS.has(word) && next === 'неделю') {
        setFrequency('weekly', `${token.text} ${next}`);
        i += 2;
      } else if (word !== null && EVERY_WORDS.has(word) && next === 'месяц') {
        setFrequency('monthly', `${token.text} ${next}`);
        i += 2;
      } else if (word !== null && EVERY_WORDS.has(word) && WEEKDAYS.has(next ?? '')) {
        i = readWeekdays(i + 1, WEEKDAYS);
      } else if (nthAfterIn !== null) {
        setNth(nthAfterIn);
        i = skipOfMonth(i + 3);
      } else if (nth !== null) {
        setNth(nth);
        i = skipOfMonth(i + 2);
      } else if (this.isDayOfMonth(tokens, i)) {
        const at = word === 'до' ? i + 1 : i;
        const day = tokens[at];
        if (day?.type !== 'number' || day.value < 1 || day.value > 31) this.fail(`"${day?.text ?? ''} числа" is not a day of a month`);
        if (markers.dayOfMonth !== null) this.fail('two days of the month in one cell');
        markers.dayOfMonth = day.value;
        i = skipOfMonth(at + 2);
      } else if (timeAfterIn !== null) {
        setTime(timeAfterIn);
        i += 2;
      } else if (bareTime !== null) {
        setTime(bareTime);
        i += 1;
      } else {
        markers.rest.push(token);
        i += 1;
      }
    }
    return markers;
  }

  /** "5 числа", "до 5 числа", "5-го числа". */
  private isDayOfMonth(tokens: Token[], at: number): boolean {
    const start = wordOf(tokens[at]) === 'до' ? at + 1 : at;
    return tokens[start]?.type === 'number' && wordOf(tokens[start + 1]) === 'числа';
  }

  private parseTerms(tokens: Token[]): Term[] {
    const terms: Term[] = [];
    const cursor = new Cursor(tokens);
    for (;;) {
      while (cursor.peek()?.type === 'comma' || cursor.peekWord() === 'и') cursor.next();
      if (cursor.atEnd()) return terms;
      terms.push(this.parseTerm(cursor));
    }
  }

  private parseTerm(cursor: Cursor): Term {
    const word = cursor.peekWord();
    if (word !== null && IN_WORDS.has(word) && cursor.peekWord(1) === 'течение') {
      cursor.next();
      cursor.next();
      return { type: 'during', at: this.parsePart(cursor, true) };
    }
    if (word === 'не' && (cursor.peekWord(1) === 'позднее' || cursor.peekWord(1) === 'позже')) {
      cursor.next();
      cursor.next();
      return this.parseUntil(cursor);
    }
    if (word !== null && UNTIL_WORDS.has(word)) {
      cursor.next();
      return this.parseUntil(cursor);
    }
    const isFrom = (word !== null && FROM_WORDS.has(word)) || (word === 'не' && cursor.peekWord(1) === 'ранее');
    if (isFrom) {
      if (word === 'не') cursor.next();
      cursor.next();
    } else if (word !== null && IN_WORDS.has(word)) {
      cursor.next();
    }
    const at = this.parsePart(cursor, false);
    const afterDash = cursor.peek()?.type === 'dash';
    if (afterDash) cursor.next();
    const joiner = cursor.peekWord();
    if (joiner === 'по' || joiner === 'до') cursor.next();
    else if (!afterDash) return isFrom ? { type: 'from', at } : { type: 'single', at };
    if (cursor.peekWord() === 'конца') {
      cursor.next();
      return { type: 'range', from: at, to: this.parseEndOf(cursor) };
    }
    return { type: 'range', from: at, to: this.parsePart(cursor, false) };
  }

  private parseUntil(cursor: Cursor): Term {
    if (cursor.peekWord() === 'конца') {
      cursor.next();
      return { type: 'until', at: this.parseEndOf(cursor), endOf: true };
    }
    return { type: 'until', at: this.parsePart(cursor, false), endOf: false };
  }

  /** After "конца": "года", "2022 года", "марта", "I квартала". */
  private parseEndOf(cursor: Cursor): Part {
    const part = this.parsePart(cursor, true);
    if (part.kind === 'day') this.fail(`"до конца" needs a month, quarter, half-year or year, not the day "${part.text}"`);
    return part;
  }

  /** One day or period; `bareYear` admits "года" alone ("в течение года", "до конца года"). */
  private parsePart(cursor: Cursor, bareYear: boolean): Part {
    const token = cursor.next();
    if (token === undefined) this.fail(`the phrase ends where a date was expected; ${EXPECTED}`);
    const part = this.partFrom(token, cursor, bareYear);
    this.parts.push(part);
    return part;
  }

  private partFrom(token: Token, cursor: Cursor, bareYear: boolean): Part {
    const text = token.text;
    if (token.type === 'date') {
      const year = token.year ?? this.optionalYear(cursor);
      if (token.year !== null) this.skipYearWords(cursor);
      return { kind: 'day', day: token.day, month: token.month, ...this.yearOf(year), text };
    }
    if (token.type === 'month') {
      this.skipYearWords(cursor);
      return { kind: 'month', month: token.month, ...this.yearOf(token.year), text };
    }
    if (token.type === 'number') {
      const next = cursor.peekWord() ?? '';
      const month = MONTHS.get(next);
      if (month !== undefined) {
        cursor.next();
        return { kind: 'day', day: token.value, month, ...this.yearOf(this.optionalYear(cursor)), text: `${text} ${next}` };
      }
      const period = this.periodOf(token.value, cursor, text);
      if (period !== null) return period;
      if (token.text.length === 4) {
        this.skipYearWords(cursor);
        return { kind: 'year', ...this.yearOf(token.value), text };
      }
      if (token.text.length <= 2 && this.startsAnotherDay(cursor)) {
        return { kind: 'day', day: token.value, month: null, year: null, yearFrom: 'default', text };
      }
      this.fail(`"${text}" is neither a day with its month nor a year; ${EXPECTED}`);
    }
    if (token.type === 'word') {
      const month = MONTHS.get(token.word);
      if (month !== undefined) return { kind: 'month', month, ...this.yearOf(this.optionalYear(cursor)), text };
      const ordinal = ROMAN.get(token.word) ?? ORDINALS.get(token.word);
      if (ordinal !== undefined) {
        const period = this.periodOf(ordinal, cursor, text);
        if (period !== null) return period;
      }
      if (bareYear && YEAR_ADJECTIVES.has(token.word) && YEAR_WORDS.has(cursor.peekWord() ?? '')) {
        cursor.next();
        return { kind: 'year', year: null, yearFrom: 'default', text };
      }
      if (bareYear && YEAR_WORDS.has(token.word)) return { kind: 'year', year: null, yearFrom: 'default', text };
    }
    this.fail(`${EXPECTED}; found "${text}"`);
  }

  /** "I квартал", "2 полугодие", "первый квартал" after their number has been read. */
  private periodOf(number: number, cursor: Cursor, text: string): Part | null {
    const word = cursor.peekWord() ?? '';
    if (QUARTER_WORDS.has(word)) {
      cursor.next();
      if (number < 1 || number > 4) this.fail(`there is no quarter ${number}`);
      return { kind: 'quarter', quarter: number, ...this.yearOf(this.optionalYear(cursor)), text: `${text} ${word}` };
    }
    if (HALF_YEAR_WORDS.has(word)) {
      cursor.next();
      if (number < 1 || number > 2) this.fail(`there is no half-year ${number}`);
      return { kind: 'half', half: number, ...this.yearOf(this.optionalYear(cursor)), text: `${text} ${word}` };
    }
    return null;
  }

  /** A day number alone ("1" of "1 – 15 марта", "16" of "16 и 23 марта") takes its month from what follows. */
  private startsAnotherDay(cursor: Cursor): boolean {
    const next = cursor.peek();
    return next?.type === 'dash' || next?.type === 'comma' || ['и', 'по', 'до'].includes(cursor.peekWord() ?? '');
  }

  private optionalYear(cursor: Cursor): number | null {
    const next = cursor.peek();
    if (next?.type !== 'number' || next.text.length !== 4) return null;
    cursor.next();
    this.skipYearWords(cursor);
    return next.value;
  }

  private skipYearWords(cursor: Cursor): void {
    while (YEAR_WORDS.has(cursor.peekWord() ?? '')) cursor.next();
  }

  private yearOf(year: number | null): { year: number | null; yearFrom: YearSource } {
    if (year === null) return { year: null, yearFrom: 'default' };
    if (year < MIN_YEAR || year > MAX_YEAR) this.fail(`the year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
    return { year, yearFrom: 'explicit' };
  }

  /**
   * A part without a year takes the nearest explicit year after it ("16 и 23 марта 2022", "09.06 –
   * 17.07.21"), else before it, else the schedule's; a day without a month takes the nearest month
   * after it ("1 – 15 марта").
   */
  private fillMonthsAndYears(): void {
    const explicit = this.parts.filter((part) => part.yearFrom === 'explicit');
    this.parts.forEach((part, index) => {
      if (part.year !== null) return;
      const right = this.parts.slice(index + 1).find((other) => explicit.includes(other));
      const left = this.parts.slice(0, index).reverse().find((other) => explicit.includes(other));
      const source = right ?? left;
      part.year = source?.year ?? this.defaultYear;
      part.yearFrom = right ? 'right' : left ? 'left' : 'default';
    });
    this.parts.forEach((part, index) => {
      if (part.kind !== 'day' || part.month !== null) return;
      const hasMonth = (other: Part): boolean => other.kind === 'day' && other.month !== null;
      const source = this.parts.slice(index + 1).find(hasMonth) ?? this.parts.slice(0, index).reverse().find(hasMonth);
      if (source?.kind !== 'day') this.fail(`the day "${part.text}" has no month`);
      part.month = source.month;
    });
  }

  private span(part: Part): DateSpan {
    const year = part.year ?? this.defaultYear;
    switch (part.kind) {
      case 'day': {
        const month = part.month ?? 1;
        const problem = calendarDateProblem(year, month, part.day);
        if (problem !== null) this.fail(problem);
        const date = localDate(year, month, part.day);
        return { start: date, end: date };
      }
      case 'month':
        if (part.month < 1 || part.month > 12) this.fail(`there is no month ${part.month}`);
        return { start: localDate(year, part.month, 1), end: lastDayOfMonth(year, part.month) };
      case 'quarter':
        return { start: localDate(year, part.quarter * 3 - 2, 1), end: lastDayOfMonth(year, part.quarter * 3) };
      case 'half':
        return { start: localDate(year, part.half * 6 - 5, 1), end: lastDayOfMonth(year, part.half * 6) };
      case 'year':
        return { start: localDate(year, 1, 1), end: localDate(year, 12, 31) };
    }
  }

  private yearSpan(year: number): DateSpan {
    return { start: localDate(year, 1, 1), end: localDate(year, 12, 31) };
  }

  /**
   * A window. When it would end in an earlier month than it starts ("15.12 – 15.01.2023"), it spans
   * New Year: the side whose year was borrowed moves by one.
   */
  private rangeSpan(from: Part, to: Part): DateSpan {
    let start = this.span(from).start;
    let end = this.span(to).end;
    const wraps = start.slice(5, 7) > end.slice(5, 7);
    if (wraps && start > end && from.yearFrom === 'right' && from.year !== null) {
      from.year -= 1;
      start = this.span(from).start;
    } else if (wraps && start > end && to.yearFrom === 'left' && to.year !== null) {
      to.year += 1;
      end = this.span(to).end;
    }
    return this.ordered(start, end);
  }

  private ordered(start: LocalDate, end: LocalDate): DateSpan {
    if (start > end) this.fail(`it starts on ${formatDotted(start)}, after it ends on ${formatDotted(end)}`);
    return { start, end };
  }

  /** The stretch of days a term covers, for the windows of a series or a continuous item. */
  private termSpan(term: Term): DateSpan {
    switch (term.type) {
      case 'range':
        return this.rangeSpan(term.from, term.to);
      case 'from': {
        const start = this.span(term.at).start;
        return this.ordered(start, this.yearSpan(Number(start.slice(0, 4))).end);
      }
      case 'until': {
        const end = this.untilDate(term);
        return this.ordered(this.yearSpan(Number(end.slice(0, 4))).start, end);
      }
      case 'during':
        return this.span(term.at);
      case 'single':
        if (term.at.kind === 'day') this.fail(`a repeating item needs a span of dates, not the one day "${term.at.text}"`);
        return this.span(term.at);
    }
  }

  private untilDate(term: Term & { type: 'until' }): LocalDate {
    if (!term.endOf && term.at.kind !== 'day') {
      this.fail(`"до ${term.at.text}" is ambiguous: write a day ("до 1 марта") or "до конца ${term.at.text}"`);
    }
    return this.span(term.at).end;
  }

  private interpret(markers: Markers, terms: Term[]): DistributiveOmit<ParsedWhen, 'note' | 'done' | 'time'> {
    const { frequency, weekdays, nth, dayOfMonth } = markers;
    if (weekdays.length > 0 || nth !== null || dayOfMonth !== null) {
      return { kind: 'recurring', recurrence: this.recurrence(markers, terms) };
    }
    if (frequency === 'yearly') {
      if (terms.length > 0) this.fail('"ежегодно" takes no dates: write this year\'s date instead');
      return { kind: 'continuous', span: null };
    }
    if (frequency !== null) {
      if (terms.length > 1) this.fail('a continuous item takes at most one window');
      const [term] = terms;
      return { kind: 'continuous', span: term ? this.termSpan(term) : this.yearSpan(this.defaultYear) };
    }
    const [term, ...others] = terms;
    if (term === undefined) this.fail(`there is no date in it; ${EXPECTED}`);
    if (others.length > 0) {
      const dates = this.singleDays(terms);
      // the same day written twice is one deadline, and a "dates" cell always has two days or more
      const [only] = dates;
      return dates.length === 1 && only !== undefined ? { kind: 'due', due: only } : { kind: 'dates', dates };
    }
    switch (term.type) {
      case 'single': {
        const span = this.span(term.at);
        if (term.at.kind === 'day') return { kind: 'due', due: span.end };
        if (term.at.kind === 'month') return { kind: 'due', due: span.end, period: span };
        return { kind: 'window', start: span.start, due: span.end };
      }
      case 'until':
        return { kind: 'due', due: this.untilDate(term) };
      case 'during':
        if (term.at.kind === 'year') return { kind: 'continuous', span: this.span(term.at) };
        return { kind: 'window', ...this.windowOf(this.span(term.at)) };
      case 'range':
      case 'from':
        return { kind: 'window', ...this.windowOf(this.termSpan(term)) };
    }
  }

  private windowOf(span: DateSpan): { start: LocalDate; due: LocalDate } {
    return { start: span.start, due: span.end };
  }

  private singleDays(terms: Term[]): LocalDate[] {
    const dates = terms.map((term) => {
      if (term.type !== 'single' || term.at.kind !== 'day') {
        this.fail('several windows or periods in one cell: only single days can share a cell, split the rest into milestones');
      }
      return this.span(term.at).start;
    });
    return [...new Set(dates)].sort();
  }

  private recurrence(markers: Markers, terms: Term[]): Recurrence {
    const { frequency, weekdays, nth, dayOfMonth } = markers;
    const monthly = nth !== null || dayOfMonth !== null;
    if (weekdays.length > 0 && monthly) this.fail('both weekly weekdays and a monthly day in one cell');
    const expected = monthly ? 'monthly' : 'weekly';
    if (frequency !== null && frequency !== expected) {
      this.fail(`a ${expected} day cannot repeat ${frequency === 'always' ? 'continuously' : frequency}`);
    }
    const ranges = terms.length > 0 ? terms.map((term) => this.termSpan(term)) : [this.yearSpan(this.defaultYear)];
    const recurrence: Recurrence =
      nth !== null
        ? { freq: 'monthly', nth: nth.nth, weekday: nth.weekday, ranges }
        : dayOfMonth !== null
          ? { freq: 'monthly', dayOfMonth, ranges }
          : { freq: 'weekly', weekdays: [...weekdays].sort(), ranges };
    if (recurrenceDates(recurrence).length === 0) {
      const where = ranges.map((range) => `${formatDotted(range.start)}–${formatDotted(range.end)}`).join(', ');
      this.fail(`the series has no date within ${where}`);
    }
    return recurrence;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Reads tokens one by one. */
class Cursor {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.index + ahead];
  }

  peekWord(ahead = 0): string | null {
    return wordOf(this.peek(ahead));
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }
}
