/**
 * Read-only views over schools × milestones for commands, digests and the XLSX export: every tracked
 * school-scope occurrence of the loaded schedules for the schools a person may see (a regional roadmap only
 * for its regions' schools), with its stored status.
 */
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { placedSchools, regionZone } from '../db/roster.js';
import { type ChangeSource, loadItemStates, loadItemStatuses } from '../db/statuses.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/roster.js';
import { CLOSED_STATUSES, type StatusValue } from '../domain/status.js';
import { scheduleAppliesTo } from '../planner/schedule-regions.js';
import type { Schedule } from '../schedule/types.js';
import { type TrackedOccurrence, trackedYearOccurrences } from './year-occurrences.js';

export interface SchoolItem {
  schoolId: number;
  schoolCode: string;
  schoolName: string;
  /** The code to show beside the name: another school of the region bears it; null when the name is its own. */
  schoolNameCode: string | null;
  municipality: string;
  scheduleId: string;
  occurrenceKey: string;
  title: string;
  due: LocalDate;
  status: StatusValue;
  plannedDate: string | null;
  /** The last return comment or coordinator's problem. */
  comment: string | null;
  updatedAt: string | null;
  /** Who made the last change: a person, or an import's file and `--as` (null for neither). */
  updatedBy: number | null;
  updatedSource: ChangeSource | null;
}

/** The IANA zone of the person's region (their "today"). */
export function personZone(store: Store, person: Person): string {
  return regionZone(store, person.regionId) ?? 'Europe/Moscow';
}

/** The person's calendar day at `now`, in their region's zone. */
export function personToday(store: Store, person: Person, now: DateTime): LocalDate {
  return now.setZone(personZone(store, person)).toISODate() ?? '';
}

/** A school item as the lagging views need it: whose, which, due when, and its status. */
export type LaggingItem = Pick<SchoolItem, 'schoolId' | 'schoolCode' | 'schoolName' | 'schoolNameCode' | 'municipality' | 'scheduleId' | 'occurrenceKey' | 'title' | 'due' | 'status'>;

/** Every tracked school item of the given schools, by school code then due date. */
export function schoolItems(store: Store, schedules: readonly Schedule[], schoolIds: readonly number[], zone: string): SchoolItem[] {
  return collectSchoolItems(store, schedules, schoolIds, zone, {
    keep: () => true,
    read: (scheduleId, keys, ids) => loadItemStatuses(store, scheduleId, keys, 'school', ids).map((s) => [s.subject.id, s.occurrenceKey, s]),
    // completed in place: a spread copy of 12,000 items took twice the time of the whole read
    make: (item, stored) =>
      Object.assign(item, {
        plannedDate: stored?.plannedDate ?? null,
        comment: stored?.comment ?? null,
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
        updatedSource: stored?.updatedSource ?? null,
      }),
  });
}

/**
 * The school items of `schoolItems` still open after their due date on `today`, in its order: what the lagging
 * views count. Only the status of past-due items is read, so a region's 600 schools take a few milliseconds.
 */
export function overdueSchoolItems(store: Store, schedules: readonly Schedule[], schoolIds: readonly number[], zone: string, today: LocalDate): LaggingItem[] {
  return collectSchoolItems(store, schedules, schoolIds, zone, {
    keep: (o) => o.dueDate < today,
    read: (scheduleId, keys, ids) => loadItemStates(store, scheduleId, keys, 'school', ids).map((s) => [s.subjectId, s.occurrenceKey, s]),
    make: (item) => (isOpen(item) ? item : null),
  });
}

/** How `collectSchoolItems` reads a schedule's statuses and turns each item into what its caller lists. */
interface SchoolItemsRead<S extends { status: StatusValue }, T> {
  keep(occurrence: TrackedOccurrence): boolean;
  /** The stored rows of these occurrences × schools, each as [school id, occurrence key, row]. */
  read(scheduleId: string, keys: string[], schoolIds: number[]): [number, string, S][];
  /** The item, or null to leave it out. */
  make(item: LaggingItem, stored: S | undefined): T | null;
}

function collectSchoolItems<S extends { status: StatusValue }, T extends LaggingItem>(
  store: Store,
  schedules: readonly Schedule[],
  schoolIds: readonly number[],
  zone: string,
  how: SchoolItemsRead<S, T>,
): T[] {
  if (schoolIds.length === 0) return [];
  const rows = placedSchools(store, schoolIds);
  const items: T[] = [];
  for (const schedule of schedules) {
    const occurrences = trackedYearOccurrences(schedule, zone).filter((o) => o.milestone.scope === 'school' && how.keep(o));
    const schools = rows.filter((school) => scheduleAppliesTo(schedule, school.region));
    // only these items' statuses: a municipality's are a few hundred rows of the country's
    const read = how.read(schedule.id, occurrences.map((o) => o.key), schools.map((school) => school.id));
    const statuses = new Map(read.map(([schoolId, key, row]) => [`${schoolId}/${key}`, row]));
    for (const school of schools) {
      for (const o of occurrences) {
        const stored = statuses.get(`${school.id}/${o.key}`);
        const item = how.make(
          {
            schoolId: school.id,
            schoolCode: school.code,
            schoolName: school.name,
            schoolNameCode: school.nameCode,
            municipality: school.municipality,
            scheduleId: schedule.id,
            occurrenceKey: o.key,
            title: o.milestone.title,
            due: o.dueDate,
            status: stored?.status ?? (o.milestone.done ? 'done' : 'pending'),
          },
          stored,
        );
        if (item !== null) items.push(item);
      }
    }
  }
  return items.sort((a, b) => BY_DEFAULT.compare(a.schoolCode, b.schoolCode) || a.due.localeCompare(b.due) || RU.compare(a.title, b.title));
}

/**
 * `localeCompare` made once (the default locale's, and Russian): sorting a region's 12,000 items called it
 * hundreds of thousands of times, each building its collator anew.
 */
const BY_DEFAULT = new Intl.Collator();
const RU = new Intl.Collator('ru');

export function isOpen(item: Pick<SchoolItem, 'status'>): boolean {
  return !CLOSED_STATUSES.has(item.status);
}

/** Open items past their due date, per municipality: how many schools and items lag. */
export function laggingByMunicipality(items: readonly LaggingItem[], today: LocalDate): { municipality: string; schools: number; items: number }[] {
  const by = new Map<string, { schools: Set<number>; items: number }>();
  for (const item of items) {
    if (!isOpen(item) || item.due >= today) continue;
    const entry = by.get(item.municipality) ?? { schools: new Set<number>(), items: 0 };
    entry.schools.add(item.schoolId);
    entry.items += 1;
    by.set(item.municipality, entry);
  }
  return [...by.entries()]
    .map(([municipality, e]) => ({ municipality, schools: e.schools.size, items: e.items }))
    .sort((a, b) => b.items - a.items || a.municipality.localeCompare(b.municipality, 'ru'));
}
