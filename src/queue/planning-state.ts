/**
 * The reads the scheduler's tick makes of the `notifications` table: what the planner must not plan again,
 * what still waits to be sent, and what has come due (for the catch-up rules in catch-up.ts).
 */
import { and, gte, inArray, lte } from 'drizzle-orm';
import type { Store } from '../db/client.js';
import { notifications } from '../db/schema.js';
import type { AlreadyPlanned } from '../planner/types.js';
import { IN_FLIGHT_STATES, SENDABLE_STATES, type StoredNotification, toStored } from './notification-store.js';

/** A daily bundle key, `<personId>@<YYYY-MM-DD>`; triggered bundles carry `/<dedupeKey>` after it. */
const DAILY_BUNDLE = /^\d+@\d{4}-\d{2}-\d{2}$/;

/**
 * Every stored dedupe key (whatever its state: a skipped or failed decision is not planned again) and the
 * daily bundles that have gone out or are going out right now, which the planner treats as closed days.
 */
export function loadAlreadyPlanned(store: Store): AlreadyPlanned {
  const rows = store.db
    .select({ dedupeKey: notifications.dedupeKey, bundleKey: notifications.bundleKey, state: notifications.state })
    .from(notifications)
    .all();
  const dedupeKeys = new Set<string>();
  const GONE_OUT: ReadonlySet<string> = new Set(['sent', ...IN_FLIGHT_STATES]);
  const sentBundles = new Set<string>();
  for (const row of rows) {
    dedupeKeys.add(row.dedupeKey);
    if (GONE_OUT.has(row.state) && DAILY_BUNDLE.test(row.bundleKey)) sentBundles.add(row.bundleKey);
  }
  return { dedupeKeys, sentBundles };
}

/** Rows a worker may still send (planned or queued), earliest first. */
export function loadWaiting(store: Store): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(inArray(notifications.state, [...SENDABLE_STATES]))
    .orderBy(notifications.sendAt, notifications.id)
    .all()
    .map(toStored);
}

/** Rows of any state due between two UTC ISO instants (inclusive). */
export function loadDueBetween(store: Store, fromIso: string, toIso: string): StoredNotification[] {
  return store.db
    .select()
    .from(notifications)
    .where(and(gte(notifications.sendAt, fromIso), lte(notifications.sendAt, toIso)))
    .all()
    .map(toStored);
}
