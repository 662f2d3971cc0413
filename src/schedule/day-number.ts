import type { LocalDate } from '../domain/local-date.js';
import type { Weekday } from './types.js';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings through day numbers (days since 1970-01-01), with no
 * Date or luxon objects: the working-day calendar and occurrence expansion run in the planner's hot loop.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian).
 */

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a civil date given as numbers; does not check that the date exists. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** Day number of a `YYYY-MM-DD` date, or NaN when the text is not an existing date in that exact form. */
function parseDayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const y0 = digit(date, 0);
  const y1 = digit(date, 1);
  const y2 = digit(date, 2);
  const y3 = digit(date, 3);
  const m0 = digit(date, 5);
  const m1 = digit(date, 6);
  const d0 = digit(date, 8);
  const d1 = digit(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return dayNumberFromParts(year, month, day);
}

/**
 * Day number of a `YYYY-MM-DD` date (1970-01-01 is 0).
 * @throws RangeError when `date` is not an existing calendar date in that exact form.
 */
export function toDayNumber(date: LocalDate): number {
  const dayNumber = parseDayNumber(date);
  if (Number.isNaN(dayNumber)) throw new RangeError(`"${date}" is not a date (expected an existing YYYY-MM-DD)`);
  return dayNumber;
}

/** Whether `text` is an existing calendar date written `YYYY-MM-DD`. */
export function isLocalDate(text: string): boolean {
  return !Number.isNaN(parseDayNumber(text));
}

/** The civil year, month (1–12) and day of a day number. */
export function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** The `YYYY-MM-DD` form of a calendar date given as numbers; does not check that it exists. */
export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return localDate(year, month, day);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1 as Weekday;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function weekdayOf(date: LocalDate): Weekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}
