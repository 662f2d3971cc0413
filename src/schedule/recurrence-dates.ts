import type { LocalDate } from '../domain/local-date.js';
import { addDays, daysInMonth, lastDayOfMonth, localDate, weekdayOf } from './local-date.js';
import { toDayNumber } from './day-number.js';
import type { DateSpan, ParsedWhen, Recurrence, Weekday } from './types.js';

function weeklyDates(weekdays: Weekday[], range: DateSpan): LocalDate[] {
  const dates: LocalDate[] = [];
  const startWeekday = weekdayOf(range.start);
  for (const weekday of weekdays) {
    for (let date = addDays(range.start, (weekday - startWeekday + 7) % 7); date <= range.end; date = addDays(date, 7)) {
      dates.push(date);
    }
  }
  return dates;
}

/** The nth (or, for -1, the last) given weekday of a month; null when the month has no such day. */
function nthWeekday(year: number, month: number, nth: number, weekday: Weekday): LocalDate | null {
  if (nth === -1) {
    const last = lastDayOfMonth(year, month);
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = localDate(year, month, 1);
  const date = addDays(first, (weekday - weekdayOf(first) + 7) % 7 + (nth - 1) * 7);
  return date.slice(0, 7) === first.slice(0, 7) ? date : null;
}

function monthlyDates(pick: (year: number, month: number) => LocalDate | null, range: DateSpan): LocalDate[] {
  const dates: LocalDate[] = [];
  const [startYear, startMonth] = range.start.split('-').map(Number);
  const [endYear, endMonth] = range.end.split('-').map(Number);
  const first = (startYear ?? 0) * 12 + (startMonth ?? 1) - 1;
  const last = (endYear ?? 0) * 12 + (endMonth ?? 1) - 1;
  for (let index = first; index <= last; index += 1) {
    const date = pick(Math.floor(index / 12), (index % 12) + 1);
    if (date !== null && date >= range.start && date <= range.end) dates.push(date);
  }
  return dates;
}

/**
 * Every date of a recurring series, ascending, each once (ranges may overlap). A day of month
 * past the end of a short month ("31 числа" in February) falls on that month's last day.
 */
export function recurrenceDates(recurrence: Recurrence): LocalDate[] {
  const perRange = recurrence.ranges.map((range): LocalDate[] => {
    if (recurrence.freq === 'weekly') return weeklyDates(recurrence.weekdays, range);
    if ('nth' in recurrence) {
      return monthlyDates((year, month) => nthWeekday(year, month, recurrence.nth, recurrence.weekday), range);
    }
    const day = recurrence.dayOfMonth;
    return monthlyDates((year, month) => localDate(year, month, Math.min(day, daysInMonth(year, month))), range);
  });
  return [...new Set(perRange.flat())].sort();
}

/** The longest span of one range of a series: a roadmap runs for a calendar or school year, a project for a few. */
export const MAX_SERIES_DAYS = 3 * 366;

/**
 * Why a series spans too long to expand (a weekly meeting "to 31.12.2099" is some 4,000 dates per weekday,
 * every one of them planned and checked), or null for any other `when` or a series within bounds.
 */
export function seriesSpanProblem(when: ParsedWhen): string | null {
  if (when.kind !== 'recurring') return null;
  for (const range of when.recurrence.ranges) {
    const days = toDayNumber(range.end) - toDayNumber(range.start) + 1;
    if (days > MAX_SERIES_DAYS) {
      return `the series runs ${days} days, from ${range.start} to ${range.end}: at most ${MAX_SERIES_DAYS} days (3 years) a range`;
    }
  }
  return null;
}
