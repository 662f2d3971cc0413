/**
 * The items a person answers for, whatever their scope: those they are the assignee of (a school's upload, a
 * curator's own visit plan, a municipality's or a region's report) and those they confirm. Who plays a role
 * for a subject is the planner's own answer (`indexRoster(...).resolve`), so `/status` lists exactly what
 * the reminders are about.
 */
import type { Store } from '../db/client.js';
import { loadRegionRoster } from '../db/roster.js';
import { loadItemStatuses, type StoredStatus } from '../db/statuses.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Scope } from '../domain/roles.js';
import type { Person } from '../domain/roster.js';
import { CLOSED_STATUSES, statusKey, type StatusValue, type SubjectRef } from '../domain/status.js';
import { indexRoster, type Subject } from '../planner/roster-index.js';
import { scheduleAppliesTo } from '../planner/schedule-regions.js';
import type { Schedule } from '../schedule/types.js';
import { type TrackedOccurrence, trackedYearOccurrences } from './year-occurrences.js';

/** What the person does for an item: does it, or confirms what the assignee did. */
export type Capacity = 'assignee' | 'confirmer';

export interface PersonItem {
  scheduleId: string;
  occurrenceKey: string;
  title: string;
  subject: SubjectRef;
  subjectName: string;
  /** Shown beside a school's name another school of its region bears (`Subject.code`). */
  subjectCode: string | null;
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
  // the person's region alone answers who plays which role for its subjects: a national roster is 5 times more
  const index = indexRoster(loadRegionRoster(store, person.regionId));
  const region = index.regionById.get(person.regionId);
  if (region === undefined) return [];
  const applicable = schedules.filter((s) => scheduleAppliesTo(s, region));
  // both capacities ask for the person's own role (assignee or confirm_by equals it): the subjects they play it
  // for are worked out once per scope, not once per occurrence (a region's 600 schools for each of its items)
  const role = person.role === 'admin' ? null : person.role;
  const mine = new Map<Scope, readonly Subject[]>();
  const subjectsOf = (scope: Scope): readonly Subject[] => {
    let found = mine.get(scope);
    if (found === undefined) {
      found = role === null ? [] : index.subjectsOf(scope, region.id).filter((s) => index.resolve(s, role).some((p) => p.id === person.id));
      mine.set(scope, found);
    }
    return found;
  };
  const candidates: { schedule: Schedule; occurrence: TrackedOccurrence; subject: Subject; capacity: Capacity }[] = [];
  const statuses = new Map<string, StoredStatus>();
  for (const schedule of applicable) {
    const keysByScope = new Map<Scope, string[]>();
    for (const occurrence of trackedYearOccurrences(schedule, zone)) {
      const { milestone } = occurrence;
      const capacity: Capacity | undefined =
        milestone.assignee === person.role ? 'assignee' : milestone.confirmBy === person.role ? 'confirmer' : undefined;
      if (capacity === undefined) continue;
      const subjects = subjectsOf(milestone.scope);
      if (subjects.length === 0) continue;
      for (const subject of subjects) candidates.push({ schedule, occurrence, subject, capacity });
      const keys = keysByScope.get(milestone.scope);
      if (keys) keys.push(occurrence.key);
      else keysByScope.set(milestone.scope, [occurrence.key]);
    }
    // only the statuses of those items: a school's few dozen rows, not the region's thousands
    for (const [scope, keys] of keysByScope) {
      const ids = subjectsOf(scope).map((subject) => subject.ref.id);
      for (const s of loadItemStatuses(store, schedule.id, keys, scope, ids)) statuses.set(statusKey(s.scheduleId, s.occurrenceKey, s.subject), s);
    }
  }
  const items = candidates.map(({ schedule, occurrence: o, subject, capacity }): PersonItem => {
    const stored = statuses.get(statusKey(schedule.id, o.key, subject.ref));
    return {
      scheduleId: schedule.id,
      occurrenceKey: o.key,
      title: o.milestone.title,
      subject: subject.ref,
      subjectName: subject.name,
      subjectCode: subject.code,
      due: o.dueDate,
      status: stored?.status ?? (o.milestone.done ? 'done' : 'pending'),
      capacity,
      snoozedUntil: stored?.snoozedUntil ?? null,
    };
  });
  return items.sort((a, b) => a.due.localeCompare(b.due) || RU.compare(a.title, b.title) || RU.compare(a.subjectName, b.subjectName));
}

/** `localeCompare(…, 'ru')` made once: sorting a region's items called it tens of thousands of times. */
const RU = new Intl.Collator('ru');

/** Not done, confirmed or cancelled. */
export function isOpenItem(item: Pick<PersonItem, 'status'>): boolean {
  return !CLOSED_STATUSES.has(item.status);
}
