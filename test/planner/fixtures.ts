/**
 * Statuses and planner runs built in code for planner tests (the schedules they plan come from
 * test/fixtures/schedule-builders.ts): statuses of `test-2022` items and a `run` helper that plans at one instant.
 */
import { DateTime } from 'luxon';
import type { PlannedNotification } from '../../src/domain/notification.js';
import type { Roster } from '../../src/domain/roster.js';
import type { ItemStatus, StatusValue } from '../../src/domain/status.js';
import { plan } from '../../src/planner/plan.js';
import { DEFAULT_PLANNER_SETTINGS, type PlannerSettings } from '../../src/planner/types.js';
import type { Schedule } from '../../src/schedule/types.js';

export function status(occurrenceKey: string, schoolId: number, value: StatusValue, extra: Partial<ItemStatus> = {}): ItemStatus {
  return {
    scheduleId: 'test-2022',
    occurrenceKey,
    subject: { type: 'school', id: schoolId },
    status: value,
    plannedDate: null,
    comment: null,
    updatedAt: '2022-05-01T10:00:00Z',
    snoozedUntil: null,
    doneOn: null,
    ...extra,
  };
}

export interface RunOptions {
  statuses?: ItemStatus[];
  dedupeKeys?: string[];
  sentBundles?: string[];
  handoffSlots?: string[];
  horizonDays?: number;
  settings?: Partial<PlannerSettings>;
}

/** Plans at `now` (an ISO instant with its offset, e.g. `2022-06-01T08:00+04:00`). */
export function run(schedules: Schedule[], roster: Roster, now: string, options: RunOptions = {}): PlannedNotification[] {
  return plan({
    now: DateTime.fromISO(now, { setZone: true }),
    schedules,
    roster,
    statuses: options.statuses ?? [],
    alreadyPlanned: {
      dedupeKeys: new Set(options.dedupeKeys ?? []),
      sentBundles: new Set(options.sentBundles ?? []),
      handoffSlots: new Set(options.handoffSlots ?? []),
    },
    horizonDays: options.horizonDays ?? 0,
    settings: { ...DEFAULT_PLANNER_SETTINGS, ...options.settings },
  });
}

/** The local send time `HH:mm` of a notification in its recipient's zone. */
export function localTime(n: PlannedNotification): string {
  return DateTime.fromISO(n.sendAt).setZone(n.zone).toFormat('HH:mm');
}
