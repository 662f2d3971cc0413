/**
 * Which of a person's items `/snooze` may postpone, and until when. The planner sends reminders to an item's
 * assignee while it is pending or in progress and skips those before `snoozedUntil`; confirmation requests
 * and escalations ignore it. So only the person's own pending or in-progress items count: a confirmer's
 * snooze would silence somebody else. One snooze silences the next working day's reminders; they resume the
 * working day after, but never later than the last working day up to the deadline, so the deadline's own
 * reminder always goes out.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { ItemRef } from '../domain/status.js';
import { nextWorkingDay, workingDayOnOrBefore } from '../schedule/calendar.js';
import { itemToken } from './callback-data.js';
import type { PersonItem } from './person-items.js';

/** `/snooze` offers at most this many items, the soonest due first. */
export const MAX_SNOOZE_CHOICES = 10;

export interface SnoozableItem {
  item: PersonItem;
  ref: ItemRef;
  /** The item's name in callback data (`itemToken`). */
  token: string;
  /** The new `snoozedUntil`: the first day reminders go out again. */
  until: LocalDate;
}

/**
 * The day an item's reminders resume after one more working day of snooze, or null when nothing more can be
 * silenced before the deadline. Today's reminders count as sent, so an unsnoozed item's next one is tomorrow's.
 */
export function snoozeUntil(today: LocalDate, due: LocalDate, snoozedUntil: LocalDate | null): LocalDate | null {
  const tomorrow = nextWorkingDay(today);
  const resumes = snoozedUntil !== null && snoozedUntil > tomorrow ? snoozedUntil : tomorrow;
  const next = nextWorkingDay(resumes);
  const lastReminderDay = workingDayOnOrBefore(due);
  const until = next < lastReminderDay ? next : lastReminderDay;
  return until > resumes ? until : null;
}

/** The planner's reference to a person's item. */
export function itemRefOf(item: PersonItem): ItemRef {
  return { scheduleId: item.scheduleId, occurrenceKey: item.occurrenceKey, subject: item.subject };
}

/** The items (of `personItems`, in their order) whose reminders the person may postpone today. */
export function snoozableItems(items: readonly PersonItem[], today: LocalDate): SnoozableItem[] {
  return items.flatMap((item) => {
    if (item.capacity !== 'assignee' || (item.status !== 'pending' && item.status !== 'in_progress')) return [];
    const until = snoozeUntil(today, item.due, item.snoozedUntil);
    if (until === null) return [];
    const ref = itemRefOf(item);
    return [{ item, ref, token: itemToken(ref), until }];
  });
}
