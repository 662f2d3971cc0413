/**
 * The state of one planner pass: its inputs indexed for lookups, and the decisions the policies collect.
 * Policies record decisions; `plan` gives them send times and bundles at the end.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import type { NotificationKind, Params, PlannedButton, PlannedNotification } from '../domain/notification.js';
import type { Scope } from '../domain/roles.js';
import type { Person, Region } from '../domain/roster.js';
import type { ItemRef, ItemStatus, SubjectRef } from '../domain/status.js';
import { nextWorkingDay, workingDayOnOrAfter } from '../schedule/calendar.js';
import { toDayNumber } from '../schedule/day-number.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import type { RosterIndex } from './roster-index.js';
import type { PlannerSettings } from './types.js';

/** The calendar days a pass plans for, in one region's zone. */
export interface DayRange {
  today: LocalDate;
  last: LocalDate;
}

export interface PlanContext {
  now: DateTime;
  settings: PlannerSettings;
  index: RosterIndex;
  /** Statuses of each occurrence, by `<scheduleId>/<occurrenceKey>`. */
  statuses: ReadonlyMap<string, OccurrenceStatuses>;
  /** By region id. */
  days: ReadonlyMap<number, DayRange>;
  /**
   * The pass's decisions, already shaped as the notifications they become (`localDate` holds the working day
   * the policy chose; `assignSendTimes` fills in zone, bundle and send time, moving the day only past a
   * bundle that has gone out), and beside each, at the same index, its recipient. One object per decision:
   * a national pass makes tens of thousands, and their garbage was most of its cost.
   */
  decisions: PlannedNotification[];
  recipients: Person[];
  /** `<personId>@<date>`: days on which a person has a morning meeting (their bundle goes out earlier). */
  morningMeetings: Set<string>;
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

/** Calendar days from `day` to the due date: positive ahead of it, negative after. */
export function daysLeft(day: LocalDate, due: LocalDate): number {
  return toDayNumber(due) - toDayNumber(day);
}

/** How the deadline stands on a day `left` days before it (see `daysLeft`): the templates' `$timing`. */
export function timingWord(left: number): 'ahead' | 'today' | 'late' {
  return left > 0 ? 'ahead' : left === 0 ? 'today' : 'late';
}

/** The local calendar day of an instant in a region. */
export function localDay(iso: string, region: Region): LocalDate {
  return DateTime.fromISO(iso, { zone: region.timeZone }).toISODate() ?? iso.slice(0, 10);
}

/** Whether `day` lies in the pass's range (ISO dates compare as strings). */
export function inRange(day: LocalDate, range: DayRange): boolean {
  return day >= range.today && day <= range.last;
}

/** The working days of the pass's range, in order. */
export function workingDaysIn(range: DayRange): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = workingDayOnOrAfter(range.today); day <= range.last; day = nextWorkingDay(day)) days.push(day);
  return days;
}

export function occurrenceKey(scheduleId: string, occurrence: string): string {
  return `${scheduleId}/${occurrence}`;
}

/** Records one decision for one person (see `PlanContext.decisions`). */
export function decide(
  ctx: PlanContext,
  person: Person,
  day: LocalDate,
  kind: NotificationKind,
  templateId: string,
  step: string,
  dedupeKey: string,
  item: ItemRef | null,
  params: Params,
  buttons: PlannedButton[],
): void {
  ctx.recipients.push(person);
  ctx.decisions.push({
    dedupeKey,
    bundleKey: '',
    recipientId: person.id,
    recipientRole: person.role,
    zone: '',
    sendAt: '',
    localDate: day,
    kind,
    templateId,
    params,
    buttons,
    item,
    step,
  });
}

const TEMPLATE_IDS = new Map<string, string>();

/** The Fluent message id of a kind (the kind with dashes), `-group` for a coordinator's item over many subjects. */
export function templateIdOf(kind: NotificationKind, grouped = false): string {
  const key = grouped ? `${kind}+` : kind;
  let id = TEMPLATE_IDS.get(key);
  if (id === undefined) {
    id = `${kind.replace(/_/g, '-')}${grouped ? '-group' : ''}`;
    TEMPLATE_IDS.set(key, id);
  }
  return id;
}
