/**
 * The policies for one tracked item (one occurrence for one subject): window opens, reminders, the
 * confirmer's nudges, returns, promised dates and the escalation ladder. Each records decisions for the days
 * of the pass's range; nothing here decides send times.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { ButtonAction, NotificationKind, Params, PlannedButton } from '../domain/notification.js';
import type { Role } from '../domain/roles.js';
import type { Person, Region } from '../domain/roster.js';
import type { ItemRef } from '../domain/status.js';
import { CLOSED_STATUSES, type ItemStatus } from '../domain/status.js';
import { addWorkingDays, nextWorkingDay, previousWorkingDay, workingDayOnOrAfter, workingDayOnOrBefore } from '../schedule/calendar.js';
import { addDays } from '../schedule/day-number.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { Milestone, Schedule } from '../schedule/types.js';
import { type DayRange, daysLeft, decide, inRange, localDay, occurrenceKey, type PlanContext, statusOf, templateIdOf, timingWord, workingDaysIn } from './context.js';
import { ItemGroups } from './groups.js';
import { instantStamp, itemKeyPrefix } from './keys.js';
import { placeOf } from './place.js';
import type { ResolvedPolicy, Rung } from './policy.js';
import type { Subject } from './roster-index.js';

/** Days of one occurrence that depend on no subject or region, computed once per occurrence and pass. */
export interface OccurrenceDays {
  due: LocalDate;
  /** First working day of a real window (start before due), else null. */
  openDay: LocalDate | null;
  /** Reminder day → days before due it stands for (offsets falling on one working day collapse). */
  reminders: Map<LocalDate, number>;
  rungDays: { rung: Rung; day: LocalDate }[];
}

/** The occurrence's fixed days, or null when it has no due date or is due before `trackingSince`. */
export function occurrenceDays(occurrence: Occurrence, policy: ResolvedPolicy, trackingSince: LocalDate | null): OccurrenceDays | null {
  const due = occurrence.dueDate;
  if (!due || (trackingSince !== null && due < trackingSince)) return null;
  const start = occurrence.startDate;
  const openDay = start && start < due ? workingDayOnOrAfter(start) : null;
  const reminders = new Map<LocalDate, number>();
  for (const days of policy.reminderDays) {
    // deadlines never move; a reminder falling on a day off goes out on the working day before
    const day = workingDayOnOrBefore(addDays(due, -days));
    if (openDay !== null && day <= openDay) continue;
    reminders.set(day, days);
  }
  const rungDays = policy.rungs.map((rung) => ({ rung, day: addWorkingDays(due, rung.afterWorkingDays) }));
  return { due, openDay, reminders, rungDays };
}

function anyInRange(days: OccurrenceDays, range: DayRange): boolean {
  if (days.openDay !== null && inRange(days.openDay, range)) return true;
  for (const day of days.reminders.keys()) if (inRange(day, range)) return true;
  return days.rungDays.some((r) => inRange(r.day, range));
}

/** What an item's messages say of its subject: the planner's `Subject`, or the greeting's (no municipality line). */
export type ItemSubject = Pick<Subject, 'name' | 'code'> & { ref: Pick<ItemRef['subject'], 'type'>; municipality: { name: string } | null };

/**
 * The item's parameters with how the deadline stands on `day`, when a message goes out: `ahead` n days,
 * `today`, or `late` by n days, and where its work is done (`placeOf`). (Built field by field, once per
 * decision: object spread and per-item parameter objects were the costliest lines of a national pass.)
 */
export function itemParams(milestone: Milestone, subject: ItemSubject, due: LocalDate, start: LocalDate | null, day: LocalDate): Params {
  const left = daysLeft(day, due);
  const place = placeOf(milestone);
  return {
    title: milestone.title,
    subject: subject.name,
    subjectCode: subject.code,
    subjectType: subject.ref.type,
    municipality: subject.municipality?.name ?? null,
    due,
    start,
    timing: timingWord(left),
    days: Math.abs(left),
    system: place.system,
    link: place.link,
    posts: place.posts,
  };
}

/** The role `steps` above `role` in the schedule's chain, or null past its top. */
function roleAbove(chain: readonly Role[], role: Role, steps: number): Role | null {
  const at = chain.indexOf(role);
  if (at < 0) return null;
  return chain[Math.min(at + steps, chain.length - 1)] ?? null;
}

/** The assignee's buttons: finishing (by the milestone's kind), in progress, help. */
const ASSIGNEE_ACTIONS: Record<'submit' | 'visited' | 'closing_docs' | 'done', readonly ButtonAction[]> = {
  submit: ['submit', 'in_progress', 'help'],
  visited: ['visited', 'in_progress', 'help'],
  closing_docs: ['closing_docs', 'in_progress', 'help'],
  done: ['done', 'in_progress', 'help'],
};
/** The regional coordinator's own items: nobody above them in the bot to ask for help. */
const TOP_ACTIONS: typeof ASSIGNEE_ACTIONS = {
  submit: ['submit', 'in_progress'],
  visited: ['visited', 'in_progress'],
  closing_docs: ['closing_docs', 'in_progress'],
  done: ['done', 'in_progress'],
};
export const CONFIRMER_ACTIONS: readonly ButtonAction[] = ['confirm', 'return'];
const NO_ACTIONS: readonly ButtonAction[] = [];
/** A coordinator's answers about a lagging school; «Напомнить куратору» only when it has one. */
const PROMPT_ACTIONS: readonly ButtonAction[] = ['done', 'in_progress_until', 'problem'];
const PROMPT_ACTIONS_WITH_CURATOR: readonly ButtonAction[] = [...PROMPT_ACTIONS, 'remind_curator'];
/** Documents wait for the curator: the coordinator's «Сделано» would skip the curator's check. */
const PROMPT_ACTIONS_WAITING_CURATOR: readonly ButtonAction[] = ['remind_curator', 'problem'];
/** The supervisor told of a late item nudges whoever acts on it. */
const REMIND_SCHOOL: readonly ButtonAction[] = ['remind_school'];
const REMIND_CURATOR: readonly ButtonAction[] = ['remind_curator'];
const NOBODY: readonly Person[] = [];
/**
 * The assignee's notices whose wording says what to do, for a milestone finished by handing in the closing
 * documents (a payment): «Сдайте закрывающие документы … до 11.06», not a bare «Напоминание по пункту …».
 */
const CLOSING_DOCS_TEMPLATES: Partial<Record<NotificationKind, string>> = { reminder: 'reminder-closing-docs', overdue: 'overdue-closing-docs' };

export function assigneeActions(milestone: Milestone): readonly ButtonAction[] {
  const set = milestone.assignee === 'regional' ? TOP_ACTIONS : ASSIGNEE_ACTIONS;
  if (milestone.confirmBy !== null) return set.submit;
  if (milestone.kind === 'visit') return set.visited;
  if (milestone.kind === 'payment') return set.closing_docs;
  return set.done;
}

/** The template of an item's notice of `kind`: a payment's assignee is told to hand in the closing documents. */
export function itemTemplateId(kind: NotificationKind, milestone: Milestone): string {
  const closingDocs = CLOSING_DOCS_TEMPLATES[kind];
  return closingDocs !== undefined && assigneeActions(milestone)[0] === 'closing_docs' ? closingDocs : templateIdOf(kind);
}

/** What a supervisor told of a late item can do about it: remind the school, or the curator. */
function supervisorActions(role: Role, milestone: Milestone, subject: Subject, ctx: PlanContext): readonly ButtonAction[] {
  if (role === 'curator' && milestone.assignee === 'school') return REMIND_SCHOOL;
  if (role !== 'municipal' || milestone.assignee !== 'curator') return NO_ACTIONS;
  return subject.ref.type === 'curator' || (subject.ref.type === 'school' && ctx.index.curatorOf(subject.ref.id)) ? REMIND_CURATOR : NO_ACTIONS;
}

function buttons(actions: readonly ButtonAction[], ref: ItemRef): PlannedButton[] {
  return actions.map((action) => ({ action, ref }));
}

/** Everything one occurrence × subject needs, shared by its policies. */
interface ItemScope {
  ctx: PlanContext;
  milestone: Milestone;
  subject: Subject;
  ref: ItemRef;
  status: ItemStatus | undefined;
  days: OccurrenceDays;
  range: DayRange;
  assignees: readonly Person[];
  /** The window's first day when it is a real window, else null. */
  start: LocalDate | null;
  /** The item's dedupe keys up to the person id (`itemKeyPrefix`), built once per item. */
  keyPrefix: string;
  /** Where a coordinator's decisions over many subjects gather (`ResolvedPolicy.grouped`), else null. */
  groups: ItemGroups | null;
}

/**
 * One decision for the people it concerns. A `stamp` (an instant) makes the step `<step>-<stamp>`: a grouped
 * decision keeps only the latest.
 */
function push(
  scope: ItemScope,
  people: readonly Person[],
  day: LocalDate,
  kind: NotificationKind,
  step: string,
  params: Params,
  actions: readonly ButtonAction[],
  stamp: string | null = null,
): void {
  if (people.length === 0) return;
  if (scope.groups !== null) {
    for (const person of people) scope.groups.add(person, day, kind, step, stamp, params);
    return;
  }
  // recipients of one decision share its parameters and buttons: nothing mutates them downstream
  const shared = itemParams(scope.milestone, scope.subject, scope.days.due, scope.start, day);
  for (const key in params) shared[key] = params[key] ?? null;
  const sharedButtons = buttons(actions, scope.ref);
  const fullStep = stamp === null ? step : `${step}-${stamp}`;
  const templateId = itemTemplateId(kind, scope.milestone);
  for (const person of people) {
    decide(scope.ctx, person, day, kind, templateId, fullStep, `${scope.keyPrefix}${person.id}/${fullStep}`, scope.ref, shared, sharedButtons);
  }
}

/**
 * Plans every item of one occurrence in one region. When none of the occurrence's fixed days (window
 * opening, reminders, ladder) falls in the range, only subjects with a recorded status can need anything
 * (a return, a submission, a promise), so only those are visited.
 */
export function planOccurrenceItems(
  ctx: PlanContext,
  schedule: Schedule,
  occurrence: Occurrence,
  policy: ResolvedPolicy,
  days: OccurrenceDays,
  region: Region,
): void {
  const milestone = occurrence.milestone;
  const due = days.due;
  const range = ctx.days.get(region.id);
  if (!range) return;
  const visitAll = anyInRange(days, range);
  const recorded = ctx.statuses.get(occurrenceKey(schedule.id, occurrence.key));
  const start = days.openDay === null ? null : (occurrence.startDate ?? null);
  const groups = policy.grouped ? new ItemGroups(ctx, schedule, occurrence, due, start) : null;
  let subjects: readonly Subject[];
  if (visitAll) {
    subjects = ctx.index.subjectsOf(milestone.scope, region.id);
  } else {
    subjects = (recorded?.all ?? [])
      .filter((s) => s.subject.type === milestone.scope)
      .map((s) => ctx.index.subject(s.subject))
      .filter((s): s is Subject => s !== null && s.region.id === region.id);
  }
  for (const subject of subjects) {
    const ref: ItemRef = { scheduleId: schedule.id, occurrenceKey: occurrence.key, subject: subject.ref };
    const status = statusOf(recorded, subject.ref);
    if (status && CLOSED_STATUSES.has(status.status)) continue;
    const assignees = ctx.index.resolve(subject, milestone.assignee);
    if (assignees.length === 0) continue;
    const keyPrefix = itemKeyPrefix(ref);
    const scope: ItemScope = { ctx, milestone, subject, ref, status, days, range, assignees, start, keyPrefix, groups };
    if (policy.chase) planTracked(scope, schedule);
    else announce(scope);
  }
  groups?.flush();
}

/** An item nobody is chased for (`track: none`): the assignee is told once, when it opens or on its day. */
function announce(scope: ItemScope): void {
  const day = scope.days.openDay ?? workingDayOnOrBefore(scope.days.due);
  if (inRange(day, scope.range)) push(scope, scope.assignees, day, 'window_open', 'open', { tracked: 'no' }, NO_ACTIONS);
}

function planTracked(scope: ItemScope, schedule: Schedule): void {
  const { milestone, status, days, range, assignees } = scope;
  const value = status?.status ?? 'pending';
  const actions = assigneeActions(milestone);
  const confirmers = milestone.confirmBy ? scope.ctx.index.resolve(scope.subject, milestone.confirmBy) : NOBODY;
  const awaitingConfirmation = value === 'submitted' && milestone.confirmBy !== null;

  if (days.openDay !== null && inRange(days.openDay, range) && value === 'pending') {
    push(scope, assignees, days.openDay, 'window_open', 'open', { tracked: 'yes' }, actions);
  }

  let confirmRequestDay: LocalDate | null = null;
  if (awaitingConfirmation && status) {
    const submittedOn = localDay(status.updatedAt, scope.subject.region);
    if (isHandoff(scope, status, submittedOn)) {
      // the confirmer hears it today (at once inside their window): tomorrow's bundle may be past the deadline
      confirmRequestDay = range.today;
      push(scope, confirmers, range.today, 'confirm_handoff', 'confirm', {}, CONFIRMER_ACTIONS, instantStamp(status.updatedAt));
    } else {
      confirmRequestDay = workingDayOnOrAfter(submittedOn);
      if (inRange(confirmRequestDay, range)) {
        push(scope, confirmers, confirmRequestDay, 'confirm_request', 'confirm', {}, CONFIRMER_ACTIONS, instantStamp(status.updatedAt));
      }
    }
  }

  for (const [day, before] of days.reminders) {
    if (!inRange(day, range)) continue;
    if (awaitingConfirmation) {
      if (day !== confirmRequestDay) push(scope, confirmers, day, 'confirm_reminder', `confirm-remind-${before}`, {}, CONFIRMER_ACTIONS);
    } else if ((value === 'pending' || value === 'in_progress') && !(status?.snoozedUntil && day < status.snoozedUntil)) {
      push(scope, assignees, day, 'reminder', `remind-${before}`, {}, actions);
    }
  }

  if (value === 'returned' && status) planReturned(scope, status, actions);

  const promised = status?.plannedDate ?? null;
  if (promised !== null && (value === 'pending' || value === 'in_progress')) {
    const day = previousWorkingDay(promised);
    if (inRange(day, range) && day >= range.today) {
      push(scope, assignees, day, 'promise_reminder', `promise-${promised}`, { promised }, actions);
    }
  }

  planLadder(scope, schedule, promised, awaitingConfirmation, confirmers, actions);
}

/**
 * Whether a submission is handed to its confirmer the same day rather than in the next morning's bundle: it
 * came on the working day before the due date or later, or after a return. Only while it is fresh (made
 * today, or since the last working day: an evening's submission is handed over when the window opens), and
 * only a curator's own items (a coordinator's grouped confirmations stay in the bundle).
 */
function isHandoff(scope: ItemScope, status: ItemStatus, submittedOn: LocalDate): boolean {
  if (scope.groups !== null || submittedOn > scope.range.today || submittedOn < previousWorkingDay(scope.range.today)) return false;
  return status.resubmitted === true || submittedOn >= previousWorkingDay(scope.days.due);
}

/** Within this many days of the deadline a returned item is reminded every working day; before, weekly. */
const RETURN_DAILY_DAYS = 7;

/**
 * A return: the school hears it with the comment the day it happens (at once inside its window, else in its
 * next bundle), then in its bundle until it resubmits: the next working day, every working day of the last
 * week before the deadline, and weekly before that (a return months ahead is no daily errand). A return
 * older than today (imported, or made while the bot was down) is told by the next such reminder, which
 * carries the comment.
 */
function planReturned(scope: ItemScope, status: ItemStatus, actions: readonly ButtonAction[]): void {
  const comment = status.comment ?? '';
  const returnedOn = localDay(status.updatedAt, scope.subject.region);
  if (returnedOn === scope.range.today) {
    push(scope, scope.assignees, scope.range.today, 'returned', 'return', { comment }, actions, instantStamp(status.updatedAt));
  }
  const nextDay = nextWorkingDay(returnedOn);
  for (const day of workingDaysIn(scope.range)) {
    // only until the deadline: after it the ladder's capped rungs chase the item like any overdue one
    if (day <= returnedOn || day > scope.days.due) continue;
    const weeks = Math.floor(daysLeft(returnedOn, day) / 7);
    const weekly = weeks > 0 && workingDayOnOrAfter(addDays(returnedOn, 7 * weeks)) === day;
    if (day === nextDay || weekly || daysLeft(day, scope.days.due) <= RETURN_DAILY_DAYS) {
      push(scope, scope.assignees, day, 'returned_reminder', `return-remind-${day}`, { comment }, actions);
    }
  }
}

/**
 * The ladder after the due date. A promised date at or after the due date holds the rungs up to it; when
 * the promise is missed, the next rung fires on the working day after it (a missed promise is a step).
 */
function planLadder(
  scope: ItemScope,
  schedule: Schedule,
  promised: LocalDate | null,
  awaitingConfirmation: boolean,
  confirmers: readonly Person[],
  assigneeActions: readonly ButtonAction[],
): void {
  const { days, range } = scope;
  const holds = promised !== null && promised >= days.due ? promised : null;
  const missedOn = holds === null ? null : nextWorkingDay(holds);
  let earlyDone = false;
  for (const { rung, day: regular } of days.rungDays) {
    let day = regular;
    if (holds !== null && missedOn !== null) {
      if (regular <= holds) continue;
      if (!earlyDone) {
        day = missedOn;
        earlyDone = true;
      }
    }
    if (!inRange(day, range)) continue;
    fireRung(scope, schedule, rung, day, awaitingConfirmation, confirmers, assigneeActions);
  }
}

function fireRung(
  scope: ItemScope,
  schedule: Schedule,
  rung: Rung,
  day: LocalDate,
  awaitingConfirmation: boolean,
  confirmers: readonly Person[],
  assigneeActions: readonly ButtonAction[],
): void {
  const { milestone, subject, ctx, status } = scope;
  if (rung.action === 'notice') {
    if (!awaitingConfirmation) push(scope, scope.assignees, day, 'overdue', rung.step, {}, assigneeActions);
    const supervisorRole = milestone.confirmBy ?? roleAbove(schedule.chain, milestone.assignee, 1);
    // a payment is the curator's own paperwork: the regional coordinator learns what is missing from the digest
    if (supervisorRole !== null && supervisorRole !== milestone.assignee && milestone.kind !== 'payment') {
      // the regional coordinator is not told of a municipality (or anyone) one by one: the digest counts it
      if (supervisorRole === 'regional' && !awaitingConfirmation && scope.groups === null) return;
      const supervisors = awaitingConfirmation ? confirmers : ctx.index.resolve(subject, supervisorRole);
      const current = awaitingConfirmation ? 'submitted' : (status?.status ?? 'pending');
      const actions = awaitingConfirmation ? CONFIRMER_ACTIONS : supervisorActions(supervisorRole, milestone, subject, ctx);
      push(scope, supervisors, day, 'overdue_supervisor', rung.step, { status: current }, actions);
    }
    return;
  }
  if (rung.action === 'prompt') {
    const promptRole = roleAbove(schedule.chain, milestone.assignee, 2);
    if (promptRole === null || promptRole === milestone.assignee) return;
    // the regional coordinator answers for the region, not school by school, and a coordinator's item over many
    // subjects cannot be asked about one by one: the weekly digest counts what lags
    if (promptRole === 'regional' || scope.groups !== null) return;
    const curator = subject.ref.type === 'school' ? ctx.index.curatorOf(subject.ref.id) : null;
    push(scope, ctx.index.resolve(subject, promptRole), day, 'status_prompt', rung.step, {
      status: status?.status ?? 'pending',
      curator: curator?.fullName ?? null,
      promised: status?.plannedDate ?? null,
    }, curator ? (awaitingConfirmation && milestone.confirmBy === 'curator' ? PROMPT_ACTIONS_WAITING_CURATOR : PROMPT_ACTIONS_WITH_CURATOR) : PROMPT_ACTIONS);
  }
  // a listing rung sends nothing: the weekly digests count every subject that lags on an indicator of their
  // look-back, the rungs' subjects among them
}
