/**
 * The items a person answers for, whatever their scope: those they are the assignee of (a school's upload, a
 * curator's own visit plan, a municipality's or a region's report) and those they confirm. Who plays a role
 * for a subject is the planner's own answer (`indexRoster(...).resolve`), so `/status` lists exactly what
 * the reminders are about.
 */
import type { Store } from '../db/client.js';
import { loadRoster } from '../db/roster.js';
import { loadStatuses } from '../db/statuses.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/roster.js';
import { CLOSED_STATUSES, statusKey, type StatusValue, type SubjectRef } from '../domain/status.js';
import { indexRoster } from '../planner/roster-index.js';
import { scheduleAppliesTo } from '../planner/schedule-regions.js';
import { expandOccurrences } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';

/** What the person does for an item: does it, or confirms what the assignee did. */
export type Capacity = 'assignee' | 'confirmer';

export interface PersonItem {
  scheduleId: string;
  occurrenceKey: string;
  title: string;
  subject: SubjectRef;
  subjectName: string;
  due: LocalDate;
  status: StatusValue;
  capacity: Capacity;
  /** Reminders postponed until this local date (`/snooze`). */
  snoozedUntil: string | null;
}

/**
 * Every tracked item of the loaded schedules (those that apply to the person's region) with the person as
 * its assignee or confirmer, by due date. An unreachable or departed person answers for nothing, as in the
 * planner.
 */
export function personItems(store: Store, schedules: readonly Schedule[], person: Person, zone: string): PersonItem[] {
  const index = indexRoster(loadRoster(store));
  const region = index.regionById.get(person.regionId);
  if (region === undefined) return [];
  const applicable = schedules.filter((s) => scheduleAppliesTo(s, region));
  const statuses = new Map(loadStatuses(store, applicable.map((s) => s.id)).map((s) => [statusKey(s.scheduleId, s.occurrenceKey, s.subject), s]));
  const items: PersonItem[] = [];
  for (const schedule of applicable) {
    const occurrences = expandOccurrences(schedule, `${schedule.year}-01-01`, `${schedule.year}-12-31`, zone);
    for (const o of occurrences) {
      const { milestone } = o;
      if (milestone.track !== 'completion' || o.continuous || o.dueDate === null) continue;
      const capacities: Capacity[] = [];
      if (milestone.assignee === person.role) capacities.push('assignee');
      if (milestone.confirmBy === person.role) capacities.push('confirmer');
      if (capacities.length === 0) continue;
      for (const subject of index.subjectsOf(milestone.scope, region.id)) {
        const capacity = capacities.find((c) =>
          index.resolve(subject, c === 'assignee' ? milestone.assignee : (milestone.confirmBy ?? milestone.assignee)).some((p) => p.id === person.id),
        );
        if (capacity === undefined) continue;
        const stored = statuses.get(statusKey(schedule.id, o.key, subject.ref));
        items.push({
          scheduleId: schedule.id,
          occurrenceKey: o.key,
          title: milestone.title,
          subject: subject.ref,
          subjectName: subject.name,
          due: o.dueDate,
          status: stored?.status ?? (milestone.done ? 'done' : 'pending'),
          capacity,
          snoozedUntil: stored?.snoozedUntil ?? null,
        });
      }
    }
  }
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title, 'ru') || a.subjectName.localeCompare(b.subjectName, 'ru'));
}

/** Not done, confirmed or cancelled. */
export function isOpenItem(item: Pick<PersonItem, 'status'>): boolean {
  return !CLOSED_STATUSES.has(item.status);
}
