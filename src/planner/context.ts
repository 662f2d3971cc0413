/**
 * The state of one planner pass: its inputs indexed for lookups, and the candidates the policies collect.
 * Policies push candidates; `plan` turns them into send times and bundles at the end.
 */
import type { DateTime } from 'luxon';
import type { Person } from '../roster/model.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { LocalDate, Schedule, Scope } from '../schedule/types.js';
import type { RosterIndex } from './roster-index.js';
import type { ItemStatus, SubjectRef } from './status.js';
import type { ItemRef, NotificationKind, Params, PlannedButton, PlannerSettings } from './types.js';

/** The calendar days a pass plans for, in one region's zone. */
export interface DayRange {
  today: LocalDate;
  last: LocalDate;
}

/** A decision before it gets its send time: who, about what, on which (working) day. */
export interface Candidate {
  person: Person;
  /** The working day the policy chose; moved later only if that day's bundle has already gone out. */
  day: LocalDate;
  kind: NotificationKind;
  step: string;
  dedupeKey: string;
  item: ItemRef | null;
  params: Params;
  buttons: PlannedButton[];
}

export interface PlanContext {
  now: DateTime;
  settings: PlannerSettings;
  index: RosterIndex;
  /** Statuses of each occurrence, by `<scheduleId>/<occurrenceKey>`. */
  statuses: ReadonlyMap<string, OccurrenceStatuses>;
  /** By region id. */
  days: ReadonlyMap<number, DayRange>;
  candidates: Candidate[];
  /** `<personId>@<date>`: days on which a person has a morning meeting (their bundle goes out earlier). */
  morningMeetings: Set<string>;
  /** Region id → days on which some item of the region reaches a digest rung. */
  digestTriggers: Map<number, Set<LocalDate>>;
  /** Chased occurrences by due date, for the digests' control indicators. */
  tracked: TrackedOccurrence[];
}

export interface TrackedOccurrence {
  schedule: Schedule;
  occurrence: Occurrence;
}

/** The statuses of one occurrence: all of them, and by subject type and id (lookups without building keys). */
export interface OccurrenceStatuses {
  all: ItemStatus[];
  bySubject: Map<Scope, Map<number, ItemStatus>>;
}

/** Indexes statuses by occurrence, then subject. */
export function indexStatuses(statuses: readonly ItemStatus[]): Map<string, OccurrenceStatuses> {
  const index = new Map<string, OccurrenceStatuses>();
  for (const status of statuses) {
    const key = occurrenceKey(status.scheduleId, status.occurrenceKey);
    let entry = index.get(key);
    if (!entry) {
      entry = { all: [], bySubject: new Map() };
      index.set(key, entry);
    }
    entry.all.push(status);
    let byId = entry.bySubject.get(status.subject.type);
    if (!byId) {
      byId = new Map();
      entry.bySubject.set(status.subject.type, byId);
    }
    byId.set(status.subject.id, status);
  }
  return index;
}

/** The status of one subject in an occurrence's statuses. */
export function statusOf(entry: OccurrenceStatuses | undefined, subject: SubjectRef): ItemStatus | undefined {
  return entry?.bySubject.get(subject.type)?.get(subject.id);
}

/** Whether `day` lies in the pass's range (ISO dates compare as strings). */
export function inRange(day: LocalDate, range: DayRange): boolean {
  return day >= range.today && day <= range.last;
}

export function occurrenceKey(scheduleId: string, occurrence: string): string {
  return `${scheduleId}/${occurrence}`;
}
