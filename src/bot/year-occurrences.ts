/**
 * The tracked items of a schedule's year, expanded once per (schedule, zone) for the bot's replies: a
 * `/status` of a region's coordinator reads them several times, and each expansion of both 2022 roadmaps
 * cost milliseconds of luxon's zone arithmetic. Schedules are immutable once loaded, so a schedule object is
 * its own cache key; one loaded anew (another object) is expanded anew.
 */
import type { LocalDate } from '../domain/local-date.js';
import { expandOccurrences, type Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';

/** An occurrence tracked to completion with a due date: what `/status`, digests and the export list. */
export type TrackedOccurrence = Occurrence & { dueDate: LocalDate };

const cache = new WeakMap<Schedule, Map<string, readonly TrackedOccurrence[]>>();

function isTracked(o: Occurrence): o is TrackedOccurrence {
  return o.milestone.track === 'completion' && !o.continuous && o.dueDate !== null;
}

/**
 * Every occurrence of the schedule's year tracked to completion with a due date, in `zone`, in
 * `expandOccurrences`'s order. Shared between callers: never modify the list or its occurrences.
 */
export function trackedYearOccurrences(schedule: Schedule, zone: string): readonly TrackedOccurrence[] {
  let byZone = cache.get(schedule);
  if (byZone === undefined) {
    byZone = new Map();
    cache.set(schedule, byZone);
  }
  let list = byZone.get(zone);
  if (list === undefined) {
    list = expandOccurrences(schedule, `${schedule.year}-01-01`, `${schedule.year}-12-31`, zone).filter(isTracked);
    byZone.set(zone, list);
  }
  return list;
}
