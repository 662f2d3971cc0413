/**
 * The planner: from the schedules, the roster, the statuses and the instant `now`, who must hear what and
 * when. Pure: the same input gives the same notifications, so production, `preview` and the demo run the
 * same code. Cost is linear in subjects × occurrences near today: occurrences are expanded once,
 * statuses and roster are indexed once, and far occurrences visit only the subjects that have a status.
 */
import { addDays } from '../schedule/day-number.js';
import { expandOccurrences } from '../schedule/occurrences.js';
import type { LocalDate } from '../schedule/types.js';
import { type DayRange, occurrenceKey, type PlanContext, type TrackedOccurrence } from './context.js';
import { planDigests } from './digests.js';
import { planOccurrenceEvent } from './events.js';
import { planOccurrenceItems } from './items.js';
import { type ResolvedPolicy, resolvePolicy } from './policy.js';
import { indexRoster } from './roster-index.js';
import { assignSendTimes } from './send-time.js';
import { type ItemStatus, statusKey } from './status.js';
import type { PlanInput, PlannedNotification } from './types.js';

/** How far back occurrences are expanded: returned items and promises of older items still need their days. */
const LOOKBACK_DAYS = 366;
/** How far ahead: a window opening today may be due months later. */
const LOOKAHEAD_DAYS = 366;

/**
 * Plans every notification whose day falls between the recipient's local today and `horizonDays` later
 * (default 1), except those `alreadyPlanned` holds. See `src/planner/README.md` for the policies.
 */
export function plan(input: PlanInput): PlannedNotification[] {
  const horizon = input.horizonDays ?? 1;
  const index = indexRoster(input.roster);
  const statuses = new Map<string, ItemStatus>();
  const statusesByOccurrence = new Map<string, ItemStatus[]>();
  for (const status of input.statuses) {
    statuses.set(statusKey(status.scheduleId, status.occurrenceKey, status.subject), status);
    const key = occurrenceKey(status.scheduleId, status.occurrenceKey);
    const list = statusesByOccurrence.get(key);
    if (list) list.push(status);
    else statusesByOccurrence.set(key, [status]);
  }

  const days = new Map<number, DayRange>();
  let first: LocalDate | null = null;
  let last: LocalDate | null = null;
  for (const region of index.regions) {
    const today = input.now.setZone(region.timeZone).toISODate() ?? '';
    const range = { today, last: addDays(today, horizon) };
    days.set(region.id, range);
    if (first === null || today < first) first = today;
    if (last === null || range.last > last) last = range.last;
  }
  if (first === null || last === null) return [];

  const ctx: PlanContext = {
    now: input.now,
    settings: input.settings,
    index,
    statuses,
    statusesByOccurrence,
    days,
    candidates: [],
    morningMeetings: new Set(),
    digestTriggers: new Map(),
    tracked: [],
  };

  const from = addDays(first, -LOOKBACK_DAYS);
  const to = addDays(last, LOOKAHEAD_DAYS);
  const tracked: TrackedOccurrence[] = [];
  for (const schedule of input.schedules) {
    const policies = new Map<string, ResolvedPolicy>(schedule.milestones.map((m) => [m.id, resolvePolicy(m)]));
    // the planner works on calendar dates, read per region; the instants of one expansion are not used,
    // so one expansion in the schedule's zone serves every zone
    for (const occurrence of expandOccurrences(schedule, from, to, schedule.timeZone)) {
      const policy = policies.get(occurrence.milestone.id);
      if (!policy) continue;
      if (policy.chase) tracked.push({ schedule, occurrence });
      for (const region of index.regions) {
        if (policy.event) planOccurrenceEvent(ctx, schedule, occurrence, region);
        else if (policy.announce) planOccurrenceItems(ctx, schedule, occurrence, policy, region);
      }
    }
  }
  ctx.tracked.push(...tracked.sort((a, b) => (a.occurrence.dueDate ?? '').localeCompare(b.occurrence.dueDate ?? '')));
  for (const region of index.regions) planDigests(ctx, region);
  return assignSendTimes(ctx, input.alreadyPlanned);
}
