/**
 * Dedupe and bundle keys. A key names a decision, not an instant: re-running the planner for any `now`
 * yields the same key for the same decision, so a restart or a second scheduler never plans it twice.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import type { ItemRef } from '../domain/status.js';
import { statusKey } from '../domain/status.js';

/**
 * An item's dedupe keys up to the person id (`<schedule>/<occurrence>/<subject>/p`), built once per item; a key
 * is `<prefix><person>/<step>`, e.g. `500plus-federal-2022/stage-1-monitoring/school-7/p31/remind-3`.
 */
export function itemKeyPrefix(item: ItemRef): string {
  return `${statusKey(item.scheduleId, item.occurrenceKey, item.subject)}/p`;
}

/** A meeting told to one person: `<schedule>/<occurrence>/p<person>/event`. */
export function eventDedupeKey(scheduleId: string, occurrenceKey: string, personId: number): string {
  return `${scheduleId}/${occurrenceKey}/p${personId}/event`;
}

/** One digest per person per day: `digest-regional/p<person>/<date>`. */
export function digestDedupeKey(kind: 'digest-regional' | 'digest-municipal', personId: number, day: LocalDate): string {
  return `${kind}/p${personId}/${day}`;
}

/** The one scheduled message of a person's day. */
export function bundleKey(personId: number, day: LocalDate): string {
  return `${personId}@${day}`;
}

/** An ISO instant as a key fragment in UTC without separators: `2022-05-30T14:05:00+04:00` → `20220530T100500`. */
export function instantStamp(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss");
}
