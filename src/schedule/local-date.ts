import type { LocalDate } from '../domain/local-date.js';
import { addDays, daysInMonth, localDate, weekdayOf } from './day-number.js';

export { addDays, daysInMonth, localDate, weekdayOf };

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Why year/month/day is not a calendar date ("February 2022 has 28 days"), or null when it is one. */
export function calendarDateProblem(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return `there is no month ${month}`;
  if (!Number.isInteger(day) || day < 1) return `there is no day ${day}`;
  const days = daysInMonth(year, month);
  if (day > days) return `${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return null;
}

/** The last day of `month` (1–12) of `year`. */
export function lastDayOfMonth(year: number, month: number): LocalDate {
  return localDate(year, month, daysInMonth(year, month));
}

/** A `YYYY-MM-DD` date the way Russian documents write it, `DD.MM.YYYY`. */
export function formatDotted(date: LocalDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}
