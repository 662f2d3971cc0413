import type { LocalDate } from '../domain/local-date.js';
import { CALENDAR_YEARS, type CalendarYearData, DECREE_ONLY_MONTH, LABOUR_CODE_HOLIDAYS, LABOUR_CODE_SOURCE } from './calendar-data.js';
import { dayNumberFromParts, fromDayNumber, isLeapYear, toDayNumber, weekdayOfDayNumber } from './day-number.js';

/**
 * The Russian working-day calendar. Every function takes and returns `YYYY-MM-DD` strings (`LocalDate`):
 * a working day is a property of a calendar date, not of an instant, so no zone is involved. Inputs that are
 * not such dates throw a RangeError.
 *
 * Each year is compiled once, on first use, into a flag per day and a running count of working days, so a
 * lookup is a string parse plus an array read: the planner asks hundreds of thousands of times per tick.
 */

const WORKING = 1;
const SHORT = 2;

interface YearTable {
  year: number;
  /** Day number of 1 January. */
  first: number;
  /** WORKING | SHORT bits, one byte per day of the year. */
  flags: Uint8Array;
  /** `cumulative[i]` = working days among the first `i` days of the year. */
  cumulative: Uint16Array;
}

const dataByYear = new Map<number, CalendarYearData>(CALENDAR_YEARS.map((data) => [data.year, data]));
const tables = new Map<number, YearTable>();
let lastTable: YearTable | null = null;

function isWeekend(dayNumber: number): boolean {
  return weekdayOfDayNumber(dayNumber) >= 6;
}

function indexIn(year: number, first: number, length: number, date: LocalDate, what: string): number {
  const index = toDayNumber(date) - first;
  if (index < 0 || index >= length) {
    throw new Error(`calendar-data.ts ${year}: ${what} ${date} lies outside the year`);
  }
  return index;
}

function buildYear(year: number): YearTable {
  const data = dataByYear.get(year);
  const first = dayNumberFromParts(year, 1, 1);
  const length = isLeapYear(year) ? 366 : 365;
  const off = new Uint8Array(length);
  const holiday = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) off[i] = isWeekend(first + i) ? 1 : 0;
  for (const h of LABOUR_CODE_HOLIDAYS) {
    const index = dayNumberFromParts(year, h.month, h.day) - first;
    holiday[index] = 1;
    off[index] = 1;
  }

  const movedByDecree = new Set<number>();
  for (const move of data?.moves ?? []) {
    const from = indexIn(year, first, length, move.from, 'move from');
    const to = indexIn(year, first, length, move.to, 'move to');
    if (!isWeekend(first + from) && holiday[from] === 0) {
      throw new Error(`calendar-data.ts ${year}: move from ${move.from} is neither a weekend day nor a holiday`);
    }
    if (off[to] === 1) throw new Error(`calendar-data.ts ${year}: move to ${move.to} is already a day off`);
    // A plain weekend day whose day off goes elsewhere becomes a working day; a holiday stays a holiday.
    if (holiday[from] === 0) off[from] = 0;
    off[to] = 1;
    movedByDecree.add(from);
  }

  // Art. 112 part 2: a weekend day off that falls on a holiday moves to the next working day, unless
  // the holiday is in January or the decree already moved it somewhere else.
  for (const h of LABOUR_CODE_HOLIDAYS) {
    if (h.month === DECREE_ONLY_MONTH) continue;
    const index = dayNumberFromParts(year, h.month, h.day) - first;
    if (!isWeekend(first + index) || movedByDecree.has(index)) continue;
    let next = index + 1;
    while (off[next] === 1) next += 1;
    off[next] = 1;
  }

  const flags = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) flags[i] = off[i] === 1 ? 0 : WORKING;
  if (data) {
    for (const date of data.shortDays) {
      const index = indexIn(year, first, length, date, 'short day');
      if (flags[index] === 0) throw new Error(`calendar-data.ts ${year}: short day ${date} is not a working day`);
      flags[index] = WORKING | SHORT;
    }
  } else {
    // Art. 95: the working day right before a holiday is an hour shorter (1 January always follows 31 December).
    for (let i = 0; i < length; i += 1) {
      if (flags[i] === WORKING && (i === length - 1 || holiday[i + 1] === 1)) flags[i] = WORKING | SHORT;
    }
  }

  const cumulative = new Uint16Array(length + 1);
  for (let i = 0; i < length; i += 1) cumulative[i + 1] = (cumulative[i] ?? 0) + ((flags[i] ?? 0) & WORKING);

  return { year, first, flags, cumulative };
}

function tableForYear(year: number): YearTable {
  let table = tables.get(year);
  if (!table) {
    table = buildYear(year);
    tables.set(year, table);
  }
  return table;
}

function tableForDay(dayNumber: number): YearTable {
  if (lastTable && dayNumber >= lastTable.first && dayNumber < lastTable.first + lastTable.flags.length) {
    return lastTable;
  }
  let year = 1970 + Math.floor(dayNumber / 365.2425);
  while (dayNumberFromParts(year, 1, 1) > dayNumber) year -= 1;
  while (dayNumberFromParts(year + 1, 1, 1) <= dayNumber) year += 1;
  lastTable = tableForYear(year);
  return lastTable;
}

function flagsOf(dayNumber: number): number {
  const table = tableForDay(dayNumber);
  return table.flags[dayNumber - table.first] ?? 0;
}

/** Working days from 1 January of the day's year through the day itself. */
function workingThrough(dayNumber: number): { table: YearTable; count: number } {
  const table = tableForDay(dayNumber);
  return { table, count: table.cumulative[dayNumber - table.first + 1] ?? 0 };
}

/** Whether people work on `date`: not a weekend (unless the decree made it working), holiday or moved day off. */
export function isWorkingDay(date: LocalDate): boolean {
  return (flagsOf(toDayNumber(date)) & WORKING) !== 0;
}

/** Whether `date` is a working day shortened by one hour before a holiday (Labour Code art. 95). */
export function isShortDay(date: LocalDate): boolean {
  return (flagsOf(toDayNumber(date)) & SHORT) !== 0;
}

function stepToWorkingDay(start: number, step: 1 | -1): number {
  let day = start;
  while ((flagsOf(day) & WORKING) === 0) day += step;
  return day;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  return fromDayNumber(stepToWorkingDay(toDayNumber(date) + 1, 1));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: LocalDate): LocalDate {
  return fromDayNumber(stepToWorkingDay(toDayNumber(date) - 1, -1));
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  return fromDayNumber(stepToWorkingDay(toDayNumber(date), 1));
}

/** `date` itself when it is a working day, otherwise the previous working day (e.g. to send before a weekend). */
export function workingDayOnOrBefore(date: LocalDate): LocalDate {
  return fromDayNumber(stepToWorkingDay(toDayNumber(date), -1));
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `date` itself need not be a
 * working day. `addWorkingDays(d, 1)` is `nextWorkingDay(d)`, `addWorkingDays(d, -1)` is
 * `previousWorkingDay(d)`, and `addWorkingDays(d, 0)` is `d` unchanged.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: ${n} is not a whole number of days`);
  if (n === 0) return date;
  const step = n > 0 ? 1 : -1;
  let day = toDayNumber(date);
  for (let left = Math.abs(n); left > 0; left -= 1) day = stepToWorkingDay(day + step, step);
  return fromDayNumber(day);
}

/**
 * Working days from `from` to `to`, not counting `from` itself: those in (from, to] going forwards, and
 * minus those in [to, from) going backwards; 0 when the dates are equal. Inverse of `addWorkingDays`:
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every date `d`, working or not.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return 0 - countAfterThrough(b - 1, a - 1);
  return countAfterThrough(a, b);
}

function countAfterThrough(a: number, b: number): number {
  const start = workingThrough(a);
  const end = workingThrough(b);
  let count = end.count - start.count;
  for (let year = start.table.year; year < end.table.year; year += 1) {
    count += workingDaysInYear(year);
  }
  return count;
}

/** Working days in the whole `year` (the production calendar's yearly total). */
export function workingDaysInYear(year: number): number {
  const table = tableForYear(year);
  return table.cumulative[table.flags.length] ?? 0;
}

/** Status of a year's calendar data. */
export interface CalendarStatus {
  /** True when no decree for the year is in the data: the Labour Code's fixed rules only, moves may differ. */
  provisional: boolean;
  /** The decree (or the Labour Code articles) the year's days follow. */
  source: string;
}

/** Whether `year` follows a known decree or is a provisional Labour Code fallback, and its source. */
export function calendarStatus(year: number): CalendarStatus {
  const data = dataByYear.get(year);
  return data ? { provisional: false, source: data.source } : { provisional: true, source: LABOUR_CODE_SOURCE };
}
