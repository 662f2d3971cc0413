/**
 * Read-only views over schools × milestones for commands, digests and the XLSX export: every tracked
 * school-scope occurrence of the loaded schedules for the schools a person may see (a regional roadmap only
 * for its regions' schools), with its stored status.
 */
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { placedSchools, regionZone } from '../db/roster.js';
import { type ChangeSource, loadItemStatuses } from '../db/statuses.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/roster.js';
import { CLOSED_STATUSES, statusKey, type StatusValue } from '../domain/status.js';
import { scheduleAppliesTo } from '../planner/schedule-regions.js';
import type { Schedule } from '../schedule/types.js';
import { trackedYearOccurrences } from './year-occurrences.js';

export interface SchoolItem {
  schoolId: number;
  schoolCode: string;
  schoolName: string;
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

/** Every tracked school item of the given schools, by school code then due date. */
export function schoolItems(store: Store, schedules: readonly Schedule[], schoolIds: readonly number[], zone: string): SchoolItem[] {
  if (schoolIds.length === 0) return [];
  const rows = placedSchools(store, schoolIds);
  const items: SchoolItem[] = [];
  for (const schedule of schedules) {
    const occurrences = trackedYearOccurrences(schedule, zone).filter((o) => o.milestone.scope === 'school');
    const schools = rows.filter((school) => scheduleAppliesTo(schedule, school.region));
    // only these items' statuses: a municipality's are a few hundred rows of the country's
    const stored = loadItemStatuses(store, schedule.id, occurrences.map((o) => o.key), 'school', schools.map((school) => school.id));
    const statuses = new Map(stored.map((s) => [statusKey(s.scheduleId, s.occurrenceKey, s.subject), s]));
    for (const school of schools) {
      for (const o of occurrences) {
        const stored = statuses.get(statusKey(schedule.id, o.key, { type: 'school', id: school.id }));
        items.push({
          schoolId: school.id,
          schoolCode: school.code,
          schoolName: school.name,
          municipality: school.municipality,
          scheduleId: schedule.id,
          occurrenceKey: o.key,
          title: o.milestone.title,
          due: o.dueDate ?? '',
          status: stored?.status ?? (o.milestone.done ? 'done' : 'pending'),
          plannedDate: stored?.plannedDate ?? null,
          comment: stored?.comment ?? null,
          updatedAt: stored?.updatedAt ?? null,
          updatedBy: stored?.updatedBy ?? null,
          updatedSource: stored?.updatedSource ?? null,
        });
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

export function isOpen(item: SchoolItem): boolean {
  return !CLOSED_STATUSES.has(item.status);
}

/** Open items past their due date, per municipality: how many schools and items lag. */
export function laggingByMunicipality(items: readonly SchoolItem[], today: LocalDate): { municipality: string; schools: number; items: number }[] {
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
