import { DateTime, IANAZone } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import { isLocalDate, partsFromDayNumber, toDayNumber } from './day-number.js';
import { recurrenceDates } from './recurrence-dates.js';
import type { DateSpan, Milestone, Schedule } from './types.js';

/**
 * Concrete occurrences of a schedule's milestones. Dates stay `LocalDate`s; the instants (`start`, `due`)
 * exist only for the zone asked for, because "by 01.06" ends at a different instant in Saratov and in
 * Yekaterinburg.
 */

/** One thing to do (or attend) on concrete dates, identified by a key that survives re-reading the file. */
export interface Occurrence {
  /**
   * `milestoneId` for a milestone that happens once (due, window, continuous), so correcting its date keeps
   * the statuses recorded under it; `milestoneId@YYYY-MM-DD` for each date of a series or multi-date cell.
   */
  key: string;
  scheduleId: string;
  milestone: Milestone;
  /**
   * First day: the window's start, the continuous period's start, or the date of an event (a `meeting`, or
   * any milestone with a time of day; the first of the month for an event in a month). Null for a plain
   * deadline, which has no start.
   */
  startDate: LocalDate | null;
  /** The deadline day (or the event's day). Null for continuous items: they are never due. */
  dueDate: LocalDate | null;
  /** Start of `startDate` in the zone, or the milestone's time of day on it (`at`, else the phrase's time). */
  start: DateTime | null;
  /** The very end of `dueDate` in the zone (23:59:59.999): "by 01.06" means all of 01.06 still counts. */
  due: DateTime | null;
  /** Informational ("постоянно", "в течение года"): never reminded as overdue. */
  continuous: boolean;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

function timeOf(milestone: Milestone): { hour: number; minute: number } | null {
  const text = milestone.at ?? milestone.when.time;
  if (text === null) return null;
  const match = TIME_OF_DAY.exec(text);
  if (!match) throw new RangeError(`milestone ${milestone.id}: "${text}" is not a time of day (expected HH:mm)`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

// fromObject with explicit fields is several times faster than fromISO(...).endOf('day') in luxon,
// and expansion runs for every preview and planner tick.
function dayStart(date: LocalDate, zone: string, time: { hour: number; minute: number } | null): DateTime {
  const { year, month, day } = partsFromDayNumber(toDayNumber(date));
  return DateTime.fromObject({ year, month, day, hour: time?.hour ?? 0, minute: time?.minute ?? 0 }, { zone });
}

function dayEnd(date: LocalDate, zone: string): DateTime {
  const { year, month, day } = partsFromDayNumber(toDayNumber(date));
  return DateTime.fromObject({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, { zone });
}

function isEvent(milestone: Milestone): boolean {
  return milestone.kind === 'meeting' || milestone.at !== null || milestone.when.time !== null;
}

function intersects(start: LocalDate | null, end: LocalDate | null, from: LocalDate, to: LocalDate): boolean {
  return (start === null || start <= to) && (end === null || end >= from);
}

function clip(range: DateSpan, from: LocalDate, to: LocalDate): DateSpan | null {
  const start = range.start > from ? range.start : from;
  const end = range.end < to ? range.end : to;
  return start <= end ? { start, end } : null;
}

function build(
  scheduleId: string,
  milestone: Milestone,
  key: string,
  startDate: LocalDate | null,
  dueDate: LocalDate | null,
  zone: string,
): Occurrence {
  const continuous = milestone.when.kind === 'continuous';
  return {
    key,
    scheduleId,
    milestone,
    startDate,
    dueDate,
    start: startDate === null ? null : dayStart(startDate, zone, timeOf(milestone)),
    due: dueDate === null ? null : dayEnd(dueDate, zone),
    continuous,
  };
}

/** The dates of a milestone that falls on separate days (a series or a multi-date cell) within [from, to]. */
function datesWithin(milestone: Milestone, from: LocalDate, to: LocalDate): LocalDate[] {
  const when = milestone.when;
  if (when.kind === 'dates') return [...new Set(when.dates.filter((date) => date >= from && date <= to))].sort();
  if (when.kind !== 'recurring') return [];
  const ranges = when.recurrence.ranges.flatMap((range) => clip(range, from, to) ?? []);
  return ranges.length === 0 ? [] : recurrenceDates({ ...when.recurrence, ranges });
}

function milestoneOccurrences(
  scheduleId: string,
  milestone: Milestone,
  from: LocalDate,
  to: LocalDate,
  zone: string,
): Occurrence[] {
  const when = milestone.when;
  switch (when.kind) {
    case 'due': {
      // an event in a month ("март 2022 года") spans the month: it is held some day of it, not on the 31st
      const start = isEvent(milestone) ? (when.period?.start ?? when.due) : null;
      if (!intersects(start ?? when.due, when.due, from, to)) return [];
      return [build(scheduleId, milestone, milestone.id, start, when.due, zone)];
    }
    case 'window':
      if (!intersects(when.start, when.due, from, to)) return [];
      return [build(scheduleId, milestone, milestone.id, when.start, when.due, zone)];
    case 'continuous': {
      const start = when.span?.start ?? null;
      if (!intersects(start, when.span?.end ?? null, from, to)) return [];
      return [build(scheduleId, milestone, milestone.id, start, null, zone)];
    }
    case 'recurring':
    case 'dates': {
      const event = isEvent(milestone);
      return datesWithin(milestone, from, to).map((date) =>
        build(scheduleId, milestone, `${milestone.id}@${date}`, event ? date : null, date, zone),
      );
    }
  }
}

function sortInstant(occurrence: Occurrence): number {
  return (occurrence.start ?? occurrence.due)?.toMillis() ?? Number.NEGATIVE_INFINITY;
}

function byTimeThenMilestone(a: Occurrence, b: Occurrence): number {
  const byTime = sortInstant(a) - sortInstant(b);
  if (byTime !== 0) return byTime;
  if (a.milestone.id !== b.milestone.id) return a.milestone.id < b.milestone.id ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function checkArguments(from: LocalDate, to: LocalDate, zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`"${zone}" is not an IANA time zone, e.g. Europe/Saratov`);
  toDayNumber(from);
  toDayNumber(to);
}

/**
 * Every occurrence of the schedule's milestones whose days meet [from, to] (both inclusive), in `zone`:
 * a deadline on its due day, a window over start…due, each date of a series or multi-date cell, a
 * continuous item over its period (or always, without one); none of a `same_as` milestone. Series dates falling on holidays are kept:
 * whether to meet on them is the schedule's business, not the calendar's. Sorted by start (or due, for a
 * deadline), continuous items without dates first, then by milestone id and key.
 * @throws RangeError on an unknown zone or a `from`/`to` that is not `YYYY-MM-DD`.
 */
export function expandOccurrences(schedule: Schedule, from: LocalDate, to: LocalDate, zone: string): Occurrence[] {
  checkArguments(from, to, zone);
  if (from > to) return [];
  // a `same_as` milestone is another schedule's item in this one's regions: that one has the occurrences
  return schedule.milestones
    .flatMap((milestone) => (milestone.sameAs === null ? milestoneOccurrences(schedule.id, milestone, from, to, zone) : []))
    .sort(byTimeThenMilestone);
}

/** The occurrence a stored key names (`milestoneId` or `milestoneId@YYYY-MM-DD`), or null when none matches. */
export function occurrenceByKey(schedule: Schedule, key: string, zone: string): Occurrence | null {
  const at = key.lastIndexOf('@');
  const milestoneId = at === -1 ? key : key.slice(0, at);
  const milestone = schedule.milestones.find((candidate) => candidate.id === milestoneId);
  if (!milestone) return null;
  const date = at === -1 ? null : key.slice(at + 1);
  if (date !== null && !isLocalDate(date)) return null;
  const from = date ?? '0001-01-01';
  const to = date ?? '9999-12-31';
  checkArguments(from, to, zone);
  return milestoneOccurrences(schedule.id, milestone, from, to, zone).find((o) => o.key === key) ?? null;
}
