/**
 * Waiting daily bundles whose send time no longer fits their person: a roster import gave the school another
 * zone, or the person set another window with `/settings`. Rows keep the instant the planner gave them, so the
 * tick works each bundle's time out again and moves the rows (the job follows in `alignDelayedJobs`).
 */
import type { Store } from '../db/client.js';
import { retimeWaiting, type StoredNotification } from '../db/notifications.js';
import type { Roster } from '../domain/roster.js';
import { bundleKey } from '../planner/keys.js';
import { bundleSendAt, isMorningMeeting } from '../planner/send-time.js';
import type { PlannerSettings } from '../planner/types.js';

/**
 * Re-times the daily bundles among `waiting` (updating the rows in place too) and returns how many bundles
 * moved. A bundle already due both ways (it went "at once" after its send time) stays as it is.
 */
export function retimeBundles(store: Store, waiting: StoredNotification[], roster: Roster, settings: PlannerSettings, nowIso: string): number {
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const zones = new Map(roster.regions.map((r) => [r.id, r.timeZone]));
  const bundles = new Map<string, StoredNotification[]>();
  for (const row of waiting) {
    // a triggered message has a bundle of its own and goes at once: only daily bundles have a send time
    if (row.bundleKey !== bundleKey(row.recipientId, row.localDate)) continue;
    const rows = bundles.get(row.bundleKey);
    if (rows) rows.push(row);
    else bundles.set(row.bundleKey, [row]);
  }
  let moved = 0;
  for (const rows of bundles.values()) {
    const first = rows[0];
    const person = first === undefined ? undefined : people.get(first.recipientId);
    const zone = person === undefined ? undefined : zones.get(person.regionId);
    if (first === undefined || person === undefined || zone === undefined) continue;
    const morning = rows.some((r) => isMorningMeeting(settings, r, first.localDate));
    const wanted = bundleSendAt(settings, person, zone, first.localDate, morning);
    const earliest = rows.reduce((min, r) => (r.sendAt < min ? r.sendAt : min), first.sendAt);
    if (wanted === earliest || (wanted <= nowIso && earliest <= nowIso)) continue;
    retimeWaiting(store, rows.map((r) => r.id), wanted);
    for (const row of rows) row.sendAt = wanted;
    moved += 1;
  }
  return moved;
}
