/**
 * The planner: from the schedules, the roster, the statuses and the instant `now`, who must hear what and
 * when. Pure: the same input gives the same notifications, so production, `preview` and the demo run the
 * same code. Cost is linear in subjects × occurrences near today: occurrences are expanded once,
 * statuses and roster are indexed once, and far occurrences visit only the subjects that have a status.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { PlannedNotification } from '../domain/notification.js';
import { addDays } from '../schedule/day-number.js';
import { expandOccurrences, type Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { type DayRange, indexStatuses, type PlanContext } from './context.js';
import { planDigests } from './digests.js';
import { planOccurrenceEvent } from './events.js';
import { occurrenceDays, planOccurrenceItems } from './items.js';
import { type ResolvedPolicy, resolvePolicy } from './policy.js';
import { indexRoster } from './roster-index.js';
import { scheduleAppliesTo } from './schedule-regions.js';
import { assignSendTimes } from './send-time.js';
import type { PlanInput } from './types.js';

/**
 * How far back occurrences are expanded: the whole ladder, the digests' look-back, and returned items or
 * promises of older items. An item due longer ago is not chased any more (the digests still count it while
 * it is in their look-back).
 */
const LOOKBACK_DAYS = 120;
/**
 * How far ahead beyond the horizon: the earliest reminder, the digests' "due soon", and items whose status
 * asks for something now (a submission to confirm, a promise, a return) however far their due date is.
 * Windows that are already open are found by overlap.
 */
const LOOKAHEAD_DAYS = 120;

/**
 * The schedule's occurrences over [from, to], widened to whole months and remembered for the last span asked:
 * a tick every minute (or a preview's pass every hour) asks for nearly the same span again, and expanding
 * builds luxon instants, the costliest thing in a pass. The result depends only on the schedule and the span.
 */
const expansions = new WeakMap<Schedule, { from: LocalDate; to: LocalDate; occurrences: Occurrence[] }>();

function occurrencesAround(schedule: Schedule, from: LocalDate, to: LocalDate): Occurrence[] {
  const cached = expansions.get(schedule);
  if (cached && cached.from <= from && to <= cached.to) return cached.occurrences.filter((o) => overlaps(o, from, to));
  const wideFrom = `${from.slice(0, 8)}01`;
  const wideTo = addDays(`${addDays(to, 32).slice(0, 8)}01`, -1);
  const occurrences = expandOccurrences(schedule, wideFrom, wideTo, schedule.timeZone);
  expansions.set(schedule, { from: wideFrom, to: wideTo, occurrences });
  return occurrences.filter((o) => overlaps(o, from, to));
}

function overlaps(o: Occurrence, from: LocalDate, to: LocalDate): boolean {
  return (o.startDate ?? o.dueDate ?? from) <= to && (o.dueDate ?? to) >= from;
}

/**
 * Plans every notification whose day falls between the recipient's local today and `horizonDays` later
 * (default 0: today only; the tick runs from midnight, long before the send time), except those
 * `alreadyPlanned` holds. See `src/planner/README.md` for the policies.
 */
export function plan(input: PlanInput): PlannedNotification[] {
  const horizon = input.horizonDays ?? 0;
  const index = indexRoster(input.roster);
  const statuses = indexStatuses(input.statuses);

  const days = new Map<number, DayRange>();
  let first: LocalDate | null = null;
  let last: LocalDate | null = null;
  // 85 regions share a dozen zones
  const todayByZone = new Map<string, LocalDate>();
  for (const region of index.regions) {
    let today = todayByZone.get(region.timeZone);
    if (today === undefined) {
      today = input.now.setZone(region.timeZone).toISODate() ?? '';
      todayByZone.set(region.timeZone, today);
    }
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
    days,
    decisions: [],
    recipients: [],
    morningMeetings: new Set(),
    tracked: [],
  };

  const policiesBySchedule = input.schedules.map((schedule) => new Map<string, ResolvedPolicy>(schedule.milestones.map((m) => [m.id, resolvePolicy(m)])));
  const earliestReminder = Math.max(0, ...policiesBySchedule.flatMap((p) => [...p.values()].map((policy) => policy.reminderDays[0] ?? 0)));
  const from = addDays(first, -Math.max(LOOKBACK_DAYS, input.settings.digestLookbackDays));
  const to = addDays(last, Math.max(LOOKAHEAD_DAYS, earliestReminder + 1));
  for (const [i, schedule] of input.schedules.entries()) {
    const policies = policiesBySchedule[i] ?? new Map<string, ResolvedPolicy>();
    const regions = index.regions.filter((region) => scheduleAppliesTo(schedule, region));
    if (regions.length === 0) continue;
    // the planner works on calendar dates, read per region; the instants of one expansion are not used,
    // so one expansion in the schedule's zone serves every zone
    for (const occurrence of occurrencesAround(schedule, from, to)) {
      const policy = policies.get(occurrence.milestone.id);
      if (!policy) continue;
      if (policy.chase) ctx.tracked.push({ schedule, occurrence });
      if (policy.event) {
        for (const region of regions) planOccurrenceEvent(ctx, schedule, occurrence, region);
        continue;
      }
      const days = policy.announce ? occurrenceDays(occurrence, policy, input.settings.trackingSince) : null;
      if (days !== null) for (const region of regions) planOccurrenceItems(ctx, schedule, occurrence, policy, days, region);
    }
  }
  ctx.tracked.sort((a, b) => (a.occurrence.dueDate ?? '').localeCompare(b.occurrence.dueDate ?? ''));
  for (const region of index.regions) planDigests(ctx, region);
  return assignSendTimes(ctx, input.alreadyPlanned);
}
