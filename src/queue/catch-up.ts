/**
 * Which waiting notifications no longer make sense to send. Pure: rows, the items' current state and `now`
 * in, verdicts out, so the tick's reconciliation after a Redis flush or a weekend of downtime is decided
 * by one tested function and the scheduler only carries the verdicts out.
 */
import type { DateTime } from 'luxon';
import type { SkipReason, StoredNotification } from '../db/notifications.js';
import type { ItemRef } from '../domain/status.js';
import { statusKey } from '../domain/status.js';
import { type CurrentItem, stillRelevant } from '../planner/relevance.js';

export type CatchUpRow = Pick<StoredNotification, 'id' | 'item' | 'kind' | 'params' | 'sendAt' | 'localDate' | 'zone'>;

function itemKey(item: ItemRef): string {
  return statusKey(item.scheduleId, item.occurrenceKey, item.subject);
}

/**
 * Decides, for each waiting row, whether it is still worth sending at `now`:
 * - its item moved on meanwhile (`stillRelevant` is false for the item's current status) → `item moved on`;
 * - its local day, in the recipient's zone, is before today → `day passed`;
 * - a row of the same item (any recipient) whose send time is later than this one's has already come due
 *   (`dueRows` holds every row due by `now`, whatever its state) → `superseded`.
 * Anything else is still relevant and goes out, late if its time has passed. Returns only the rows to drop.
 */
export function staleNotifications(
  waiting: readonly CatchUpRow[],
  dueRows: readonly CatchUpRow[],
  currentItem: (item: ItemRef) => CurrentItem | null,
  now: DateTime,
): Map<number, SkipReason> {
  const nowMs = now.toMillis();
  const latestDue = new Map<string, number>();
  for (const row of dueRows) {
    if (row.item === null) continue;
    const at = Date.parse(row.sendAt);
    if (at > nowMs) continue;
    const key = itemKey(row.item);
    if ((latestDue.get(key) ?? Number.NEGATIVE_INFINITY) < at) latestDue.set(key, at);
  }
  const today = new Map<string, string>();
  const todayIn = (zone: string): string => {
    let day = today.get(zone);
    if (day === undefined) {
      day = now.setZone(zone).toISODate() ?? '';
      today.set(zone, day);
    }
    return day;
  };

  const verdicts = new Map<number, SkipReason>();
  for (const row of waiting) {
    if (row.item !== null && !stillRelevant(row, currentItem(row.item))) {
      verdicts.set(row.id, 'item moved on');
    } else if (row.localDate < todayIn(row.zone)) {
      verdicts.set(row.id, 'day passed');
    } else if (row.item !== null && (latestDue.get(itemKey(row.item)) ?? Number.NEGATIVE_INFINITY) > Date.parse(row.sendAt)) {
      verdicts.set(row.id, 'superseded');
    }
  }
  return verdicts;
}
