/**
 * Meetings, webinars, ВКС, told only to the roles that attend, with the start time in their own zone and the
 * link when the schedule gives one. A recurring meeting (weekly ВКС, the monthly webinar) is announced once,
 * in the first bundle of its week; a single event the working day before and on its morning; an event over
 * several days (a seminar week, a webinar "в марте") on its first day, with its period in words. A series
 * date that falls on a day off is skipped: nobody holds the weekly ВКС on 8 March.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import type { Person, Region } from '../domain/roster.js';
import { isWorkingDay, previousWorkingDay, workingDayOnOrAfter, workingDayOnOrBefore } from '../schedule/calendar.js';
import { addDays, weekdayOf } from '../schedule/day-number.js';
import { lastDayOfMonth } from '../schedule/local-date.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { decide, inRange, type PlanContext, templateIdOf } from './context.js';
import { bundleKey, eventDedupeKey } from './keys.js';

/** The meeting's start in the recipient's zone; the schedule writes times in its own zone. */
function localTime(schedule: Schedule, date: string, at: string, zone: string): string {
  return DateTime.fromISO(`${date}T${at}`, { zone: schedule.timeZone }).setZone(zone).toFormat('HH:mm');
}

/** One notice: the working day it goes out on, its dedupe step and its template. */
interface Notice {
  day: LocalDate;
  step: 'event' | 'event-eve' | 'event-week';
  templateId: string;
}

/** How `event-month` names the period of an event over several days (its `$span`). */
type Span = 'days' | 'month' | 'months';

/**
 * «В марте» for one whole month, «С марта по май» for whole months, «С 7 по 14 февраля» for days of one month;
 * days across a month's end («С 28 февраля по 4 марта») are `event-period`'s.
 */
function spanOf(start: LocalDate, end: LocalDate): Span | null {
  const wholeMonths = start.endsWith('-01') && end === lastDayOfMonth(Number(end.slice(0, 4)), Number(end.slice(5, 7)));
  const oneMonth = start.slice(0, 7) === end.slice(0, 7);
  if (wholeMonths) return oneMonth ? 'month' : 'months';
  return oneMonth ? 'days' : null;
}

/** When a meeting occurrence is told (see the module comment); `span` is that of an event over several days. */
function noticesOf(occurrence: Occurrence, date: LocalDate, span: Span | null): Notice[] {
  const due = occurrence.dueDate ?? date;
  if (occurrence.milestone.when.kind === 'recurring') {
    if (!isWorkingDay(date)) return [];
    // the first working day of the meeting's ISO week, never after the meeting itself
    const week = workingDayOnOrAfter(addDays(date, 1 - weekdayOf(date)));
    return [{ day: week <= date ? week : date, step: 'event-week', templateId: 'event-week' }];
  }
  if (due > date) return [{ day: workingDayOnOrAfter(date), step: 'event', templateId: span === null ? 'event-period' : 'event-month' }];
  const eve = previousWorkingDay(date);
  const notices: Notice[] = [{ day: eve, step: 'event-eve', templateId: 'event-eve' }];
  // a meeting on a day off is told only the working day before it
  if (isWorkingDay(date)) notices.push({ day: date, step: 'event', templateId: templateIdOf('event') });
  else notices[0] = { day: workingDayOnOrBefore(date), step: 'event-eve', templateId: 'event-eve' };
  return notices;
}

/** Plans the event notices of one meeting occurrence for the attendees in one region. */
export function planOccurrenceEvent(ctx: PlanContext, schedule: Schedule, occurrence: Occurrence, region: Region): void {
  const range = ctx.days.get(region.id);
  const date = occurrence.startDate ?? occurrence.dueDate;
  if (!range || !date || occurrence.continuous) return;
  const due = occurrence.dueDate ?? date;
  const span = due > date ? spanOf(date, due) : null;
  const notices = noticesOf(occurrence, date, span).filter((n) => inRange(n.day, range));
  if (notices.length === 0) return;
  const milestone = occurrence.milestone;
  const roles = milestone.attendees.length > 0 ? milestone.attendees : [milestone.assignee];
  const attendees = new Map<number, Person>();
  for (const subject of ctx.index.subjectsOf(milestone.scope, region.id)) {
    for (const role of roles) for (const person of ctx.index.resolve(subject, role)) attendees.set(person.id, person);
  }
  const at = milestone.at ?? milestone.when.time;
  const time = at === null ? null : localTime(schedule, date, at, region.timeZone);
  // the month of the first day, for the words «в марте», «с марта»
  const month = Number(date.slice(5, 7));
  for (const notice of notices) {
    // every attendee reads the same parameters: nothing mutates them downstream
    const tomorrow = addDays(notice.day, 1) === date;
    const params = { title: milestone.title, date, end: due > date ? due : null, span, month, time, link: milestone.link, tomorrow };
    for (const person of attendees.values()) {
      if (notice.step === 'event' && time !== null && notice.day === date && time < ctx.settings.morningEndsAt) {
        ctx.morningMeetings.add(bundleKey(person.id, notice.day));
      }
      const key = notice.step === 'event' ? eventDedupeKey(schedule.id, occurrence.key, person.id) : `${eventDedupeKey(schedule.id, occurrence.key, person.id)}-${notice.step.slice(6)}`;
      decide(ctx, person, notice.day, 'event', notice.templateId, notice.step, key, null, params, []);
    }
  }
}
