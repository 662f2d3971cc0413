/**
 * Meetings, webinars, ВКС: attendees are told on the morning of each occurrence, with the start time in
 * their own zone and the link when the schedule gives one.
 */
import { DateTime } from 'luxon';
import type { Person, Region } from '../domain/roster.js';
import { workingDayOnOrBefore } from '../schedule/calendar.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { decide, inRange, type PlanContext, templateIdOf } from './context.js';
import { bundleKey, eventDedupeKey } from './keys.js';

/** The meeting's start in the recipient's zone; the schedule writes times in its own zone. */
function localTime(schedule: Schedule, date: string, at: string, zone: string): string {
  return DateTime.fromISO(`${date}T${at}`, { zone: schedule.timeZone }).setZone(zone).toFormat('HH:mm');
}

/** Plans the event notices of one meeting occurrence for the attendees in one region. */
export function planOccurrenceEvent(ctx: PlanContext, schedule: Schedule, occurrence: Occurrence, region: Region): void {
  const range = ctx.days.get(region.id);
  const date = occurrence.startDate ?? occurrence.dueDate;
  if (!range || !date || occurrence.continuous) return;
  // a meeting on a day off is announced on the working day before it
  const day = workingDayOnOrBefore(date);
  if (!inRange(day, range)) return;
  const milestone = occurrence.milestone;
  const roles = milestone.attendees.length > 0 ? milestone.attendees : [milestone.assignee];
  const attendees = new Map<number, Person>();
  for (const subject of ctx.index.subjectsOf(milestone.scope, region.id)) {
    for (const role of roles) for (const person of ctx.index.resolve(subject, role)) attendees.set(person.id, person);
  }
  const at = milestone.at ?? milestone.when.time;
  const time = at === null ? null : localTime(schedule, date, at, region.timeZone);
  // every attendee reads the same parameters: nothing mutates them downstream
  const params = { title: milestone.title, date, time, link: milestone.link };
  for (const person of attendees.values()) {
    if (time !== null && day === date && time < ctx.settings.morningEndsAt) ctx.morningMeetings.add(bundleKey(person.id, day));
    decide(ctx, person, day, 'event', templateIdOf('event'), 'event', eventDedupeKey(schedule.id, occurrence.key, person.id), null, params, []);
  }
}
