/**
 * Splits a Russian date phrase into tokens. Scans left to right with anchored regular expressions
 * that cannot backtrack far, so any input is tokenized in linear time.
 */

export type Token =
  | { type: 'date'; day: number; month: number; year: number | null; twoDigitMinutes: boolean; text: string }
  | { type: 'month'; month: number; year: number; text: string }
  | { type: 'time'; hour: number; minute: number; text: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'word'; word: string; text: string }
  | { type: 'dash'; text: string }
  | { type: 'comma'; text: string };

export type Tokenized = { ok: true; tokens: Token[] } | { ok: false; reason: string };

/** Lower case, "ё" as "е", every dash and minus as "-", every kind of space as one space. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\s\u00A0\u2007\u202F\u2060\uFEFF]+/g, ' ')
    .trim();
}

const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y;
/** d.m, d.m.yyyy, d.m.yy; "09.06. 2021" (a stray space before a four-digit year) too. */
/** "03.2022": a month of a year, as some tables write it. */
const MONTH_YEAR = /(\d{1,2})[./](\d{4})(?!\d)/y;
const DOTTED_DATE = /(\d{1,2})[./] ?(\d{1,2})(?:[./] ?(\d{4})|[./](\d{2}))?(?!\d)/y;
const AFTER_DATE = /[./]\d/y;
const TIME = /(\d{1,2}):(\d{2})(?!\d)/y;
const NUMBER = /\d+/y;
/** "5-го", "1-й", "2-е": ordinal endings after a number carry no meaning here. */
const ORDINAL_SUFFIX = /-(?:го|ого|й|ый|ий|е|ое|я|ая)(?![a-zа-я])/y;
const WORD = /[a-zа-я]+/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Tokens of an already normalized text, or why it holds something no date phrase contains. */
export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    if (char === ' ' || char === '.' || char === '*') {
      // Stray dots ("2022 г.") and footnote stars ("29.04.2022*") carry no meaning.
      at += 1;
      continue;
    }
    if (char === '-') {
      tokens.push({ type: 'dash', text: char });
      at += 1;
      continue;
    }
    if (char === ',' || char === ';') {
      tokens.push({ type: 'comma', text: char });
      at += 1;
      continue;
    }
    const iso = matchAt(ISO_DATE, text, at);
    if (iso) {
      tokens.push({
        type: 'date',
        year: Number(iso[1]),
        month: Number(iso[2]),
        day: Number(iso[3]),
        twoDigitMinutes: false,
        text: iso[0],
      });
      at += iso[0].length;
      continue;
    }
    const monthYear = matchAt(MONTH_YEAR, text, at);
    if (monthYear) {
      tokens.push({ type: 'month', month: Number(monthYear[1]), year: Number(monthYear[2]), text: monthYear[0] });
      at += monthYear[0].length;
      continue;
    }
    const dotted = matchAt(DOTTED_DATE, text, at);
    if (dotted) {
      const [whole, day = '', month = '', longYear, shortYear] = dotted;
      if (matchAt(AFTER_DATE, text, at + whole.length)) {
        return { ok: false, reason: `"${text.slice(at, at + whole.length + 2)}…" is not a date like 01.03.2022` };
      }
      const year = longYear !== undefined ? Number(longYear) : shortYear !== undefined ? 2000 + Number(shortYear) : null;
      tokens.push({
        type: 'date',
        day: Number(day),
        month: Number(month),
        year,
        twoDigitMinutes: month.length === 2,
        text: whole,
      });
      at += whole.length;
      continue;
    }
    const time = matchAt(TIME, text, at);
    if (time) {
      const hour = Number(time[1]);
      const minute = Number(time[2]);
      if (hour > 23 || minute > 59) return { ok: false, reason: `"${time[0]}" is not a time of day` };
      tokens.push({ type: 'time', hour, minute, text: time[0] });
      at += time[0].length;
      continue;
    }
    const number = matchAt(NUMBER, text, at);
    if (number) {
      if (number[0].length > 4) return { ok: false, reason: `"${number[0]}" is neither a day nor a year` };
      tokens.push({ type: 'number', value: Number(number[0]), text: number[0] });
      at += number[0].length;
      const suffix = matchAt(ORDINAL_SUFFIX, text, at);
      if (suffix) at += suffix[0].length;
      continue;
    }
    const word = matchAt(WORD, text, at);
    if (word) {
      tokens.push({ type: 'word', word: word[0], text: word[0] });
      at += word[0].length;
      continue;
    }
    return { ok: false, reason: `unexpected "${char}"` };
  }
  return { ok: true, tokens };
}
