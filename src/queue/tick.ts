/**
 * The scheduler's tick: plan at the clock's `now`, store what is new, and make Redis agree with SQLite.
 * SQLite is the truth: every tick re-derives the queue from the rows still waiting, so a flushed or
 * restarted Redis, a second scheduler or a weekend of downtime neither loses nor repeats a message.
 */
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import {
  insertPlanned,
  loadAlreadyPlanned,
  loadDueBetween,
  loadWaiting,
  markQueued,
  markStale,
  markUndeliverable,
  RECIPIENT_NOT_STARTED,
  type SkipReason,
  type StoredNotification,
} from '../db/notifications.js';
import { loadRoster } from '../db/roster.js';
import { loadStatuses } from '../db/statuses.js';
import type { PersonPreferences } from '../domain/roster.js';
import { type ItemRef, statusKey } from '../domain/status.js';
import { plan } from '../planner/plan.js';
import type { PlannerSettings } from '../planner/types.js';
import type { Schedule } from '../schedule/types.js';
import { staleNotifications } from './catch-up.js';
import { alignDelayedJobs, deliveryJobId, type DeliveryQueue, enqueueNotifications, type RetryPolicy } from './queues.js';
import { retimeBundles } from './retime.js';

export interface TickDeps {
  store: Store;
  queue: DeliveryQueue;
  clock: Clock;
  schedules: Schedule[];
  settings: PlannerSettings;
  log: Pick<Logger, 'info' | 'debug'>;
  /**
   * Days ahead the scheduler plans (default 1): tomorrow's morning messages are in Redis before midnight, so
   * a worker delivers them on time even if the scheduler is down overnight.
   */
  horizonDays?: number;
  retryPolicy?: RetryPolicy;
  /** The sending window of people who never set theirs (SEND_WINDOW_START/END); default 09:00–20:00. */
  preferenceDefaults?: PersonPreferences;
}

export interface TickResult {
  /** The instant the tick planned for, UTC ISO. */
  at: string;
  /** Rows this tick stored (another scheduler may have stored the rest of what it planned). */
  inserted: number;
  /** Rows dropped, by reason. */
  skipped: Record<SkipReason, number>;
  /** Rows whose bundle had no job in Redis and got one now (new rows included). */
  enqueued: number;
  /** Jobs added to Redis. */
  jobsAdded: number;
  /** Daily bundles whose send time moved (their person's zone or window changed) and got the new one. */
  retimed: number;
  /** Delayed jobs of bundles already due (the clock jumped ahead), moved to waiting. */
  promoted: number;
  /** Delayed jobs given a new delay because their bundle's time or the clock moved. */
  jobsRetimed: number;
  /** Rows still waiting whose send time passed more than a minute ago and that go out late. */
  late: number;
}

/** A row counts as late (for the log) only past this: a wave of thousands takes a while at 30 messages/s. */
const LATE_AFTER_MS = 60_000;

/**
 * One tick. Steps: (1) drop waiting rows that no longer make sense (catch-up.ts), (2) plan at `now` with what
 * the table holds, (3) insert the new rows (dedupe key unique, so a concurrent scheduler's copies are
 * ignored), (4) re-time waiting bundles whose person's zone or window changed, (5) give every waiting row's
 * bundle a job in Redis if it has none: BullMQ ignores an add whose job id exists, and the worker's
 * check-and-set claim makes a job for an already-sent bundle a no-op, (6) promote or re-time the delayed
 * jobs that wait for another instant than their bundle's.
 */
export async function runTick(deps: TickDeps): Promise<TickResult> {
  const { store, clock, log } = deps;
  const now = clock.now();
  const nowIso = now.toUTC().toISO() ?? '';

  const statuses = loadStatuses(store);
  const roster = loadRoster(store, deps.preferenceDefaults);
  const statusByItem = new Map(statuses.map((s) => [statusKey(s.scheduleId, s.occurrenceKey, s.subject), s]));
  const currentItem = (item: ItemRef) => statusByItem.get(statusKey(item.scheduleId, item.occurrenceKey, item.subject)) ?? null;
  // a bundle for someone who has not joined waits while their day lasts (the bot sends it on /start)
  const unjoined = new Set(roster.people.filter((p) => p.chatId === null).map((p) => p.id));
  const todayIn = (zone: string) => now.setZone(zone).toISODate() ?? '';
  const waitingForJoin = (row: StoredNotification) => unjoined.has(row.recipientId);
  const all = loadWaiting(store);
  markUndeliverable(store, all.filter((row) => waitingForJoin(row) && row.localDate < todayIn(row.zone)).map((row) => row.id), RECIPIENT_NOT_STARTED);
  // stale rows go first: a line they held in a bundle is then free for what the planner decides now
  const before = all.filter((row) => !(waitingForJoin(row) && row.localDate < todayIn(row.zone)));
  const due = before.filter((row) => row.sendAt <= nowIso);
  const dueRows = due.length === 0 ? [] : loadDueBetween(store, due[0]?.sendAt ?? nowIso, nowIso);
  const verdicts = staleNotifications(before, dueRows, currentItem, now);
  const skipped = markStale(store, verdicts);

  const planned = plan({
    now,
    schedules: deps.schedules,
    roster,
    statuses,
    alreadyPlanned: loadAlreadyPlanned(store),
    settings: deps.settings,
    horizonDays: deps.horizonDays ?? 1,
  });
  const inserted = insertPlanned(store, planned);

  const live = loadWaiting(store).filter((row) => !waitingForJoin(row));
  const retimed = retimeBundles(store, live, roster, deps.settings, nowIso);
  const { missing, present } = await splitByJobPresence(deps.queue, live);
  const jobIds = missing.length === 0 ? [] : await enqueueNotifications(
    { store, queue: deps.queue, clock, ...(deps.retryPolicy ? { policy: deps.retryPolicy } : {}) },
    missing,
    { from: ['planned', 'queued'] },
  );
  // rows added to a bundle whose job already waits: that job delivers them, so they are queued too
  markQueued(store, present.filter((row) => row.state === 'planned').map((row) => row.id));
  // a job timed before the clock jumped or the send time moved would hold its bundle back (or send it early)
  const aligned = await alignDelayedJobs(deps.queue, earliestSendAtByJob(present), clock);

  const lateBefore = now.toMillis() - LATE_AFTER_MS;
  const result: TickResult = {
    at: nowIso,
    inserted: inserted.length,
    skipped,
    enqueued: missing.length,
    jobsAdded: jobIds.length,
    retimed,
    promoted: aligned.promoted,
    jobsRetimed: aligned.retimed,
    late: live.filter((row) => Date.parse(row.sendAt) < lateBefore).length,
  };
  const quiet = result.inserted === 0 && result.jobsAdded === 0 && verdicts.size === 0 && retimed === 0 && aligned.promoted + aligned.retimed === 0;
  (quiet ? log.debug.bind(log) : log.info.bind(log))({ tick: result }, 'scheduler tick');
  return result;
}

/** Splits rows by whether their bundle's job is in Redis (in any state BullMQ still keeps). */
async function splitByJobPresence(
  queue: DeliveryQueue,
  rows: readonly StoredNotification[],
): Promise<{ missing: StoredNotification[]; present: StoredNotification[] }> {
  const jobIds = [...new Set(rows.map(deliveryJobId))];
  const states = await Promise.all(jobIds.map(async (id) => [id, await queue.getJobState(id)] as const));
  const known = new Set(states.filter(([, state]) => state !== 'unknown').map(([id]) => id));
  const missing: StoredNotification[] = [];
  const present: StoredNotification[] = [];
  for (const row of rows) (known.has(deliveryJobId(row)) ? present : missing).push(row);
  return { missing, present };
}

/** Each job's bundle is due at its earliest row. */
function earliestSendAtByJob(rows: readonly StoredNotification[]): Map<string, string> {
  const byJob = new Map<string, string>();
  for (const row of rows) {
    const id = deliveryJobId(row);
    const at = byJob.get(id);
    if (at === undefined || row.sendAt < at) byJob.set(id, row.sendAt);
  }
  return byJob;
}
