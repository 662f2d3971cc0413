/**
 * The state of one planner pass: its inputs indexed for lookups, and the candidates the policies collect.
 * Policies push candidates; `plan` turns them into send times and bundles at the end.
 */
import type { DateTime } from 'luxon';
import type { Person } from '../roster/model.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { LocalDate, Schedule } from '../schedule/types.js';
import type { RosterIndex } from './roster-index.js';
import type { ItemStatus } from './status.js';
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
  /** By `statusKey`. */
  statuses: ReadonlyMap<string, ItemStatus>;
  /** Statuses of each occurrence, by `<scheduleId>/<occurrenceKey>`. */
  statusesByOccurrence: ReadonlyMap<string, ItemStatus[]>;
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

/** Whether `day` lies in the pass's range (ISO dates compare as strings). */
export function inRange(day: LocalDate, range: DayRange): boolean {
  return day >= range.today && day <= range.last;
}

export function occurrenceKey(scheduleId: string, occurrence: string): string {
  return `${scheduleId}/${occurrence}`;
}
