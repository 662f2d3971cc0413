/**
 * `/digest`: a coordinator's digest as of an instant, whatever the weekday: the same one-screen text the
 * weekly digest has. Pure like `plan`; only the occurrences a digest can show are expanded.
 */
import type { PlannedNotification } from '../domain/notification.js';
import { addDays } from '../schedule/day-number.js';
import { expandOccurrences } from '../schedule/occurrences.js';
import { indexStatuses, type PlanContext } from './context.js';
import { digestOn } from './digests.js';
import { resolvePolicy } from './policy.js';
import { indexRoster } from './roster-index.js';
import { scheduleAppliesTo } from './schedule-regions.js';
import type { PlanInput } from './types.js';

/** The person's digest at `now`, or null when they are not a coordinator (or not on the roster). */
export function planDigestFor(input: Omit<PlanInput, 'alreadyPlanned' | 'horizonDays'> & { personId: number }): PlannedNotification | null {
  const index = indexRoster(input.roster);
  const person = input.roster.people.find((p) => p.id === input.personId);
  const region = person === undefined ? undefined : index.regionById.get(person.regionId);
  if (person === undefined || region === undefined) return null;
  const today = input.now.setZone(region.timeZone).toISODate() ?? '';
  const ctx: PlanContext = {
    now: input.now,
    settings: input.settings,
    index,
    statuses: indexStatuses(input.statuses),
    days: new Map([[region.id, { today, last: today }]]),
    decisions: [],
    recipients: [],
    morningMeetings: new Set(),
    tracked: [],
  };
  const from = addDays(today, -input.settings.digestLookbackDays - 1);
  for (const schedule of input.schedules) {
    if (!scheduleAppliesTo(schedule, region)) continue;
    for (const occurrence of expandOccurrences(schedule, from, addDays(today, 8), schedule.timeZone)) {
      if (resolvePolicy(occurrence.milestone).chase) ctx.tracked.push({ schedule, occurrence });
    }
  }
  ctx.tracked.sort((a, b) => (a.occurrence.dueDate ?? '').localeCompare(b.occurrence.dueDate ?? ''));
  return digestOn(ctx, person, region, today) ? (ctx.decisions[0] ?? null) : null;
}
