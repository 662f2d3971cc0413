import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';

/**
 * Reads a typed planned date: `15.06`, `15.06.2022` or `2022-06-15`. A day without a year is the next such
 * day from `today`. Null for anything else, or a day before `today`.
 */
export function parsePlannedDate(text: string, today: LocalDate): LocalDate | null {
  const trimmed = text.trim();
  const base = DateTime.fromISO(today);
  let date: DateTime;
  const short = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(trimmed);
  if (short) {
    date = DateTime.fromObject({ year: base.year, month: Number(short[2]), day: Number(short[1]) });
    if (date.isValid && date < base) date = date.plus({ years: 1 });
  } else if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(trimmed)) {
    date = DateTime.fromFormat(trimmed, 'd.M.yyyy');
  } else {
    date = DateTime.fromFormat(trimmed, 'yyyy-MM-dd');
  }
  const iso = date.isValid ? date.toISODate() : null;
  return iso !== null && iso >= today ? iso : null;
}
