import type { LocalDate } from './local-date.js';
import type { Scope } from './roles.js';

/** Statuses of one milestone occurrence for one subject. The transitions live in `status-machine.ts`. */
export const STATUS_VALUES = [
  'pending',
  'in_progress',
  'submitted',
  'returned',
  'confirmed',
  'done',
  'not_applicable',
] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

/** Statuses after which nobody needs to be reminded of the item. */
export const CLOSED_STATUSES: ReadonlySet<StatusValue> = new Set(['confirmed', 'done', 'not_applicable']);

/** The subject an item is about: a school, a curator (person), a municipality or a region, by store id. */
export interface SubjectRef {
  type: Scope;
  id: number;
}

/** One milestone occurrence for one subject: what a notification, a button or a status is about. */
export interface ItemRef {
  scheduleId: string;
  occurrenceKey: string;
  subject: SubjectRef;
}

export interface ItemStatus {
  scheduleId: string;
  occurrenceKey: string;
  subject: SubjectRef;
  status: StatusValue;
  /** The date the subject promised to finish by (ИС МЭДК's planned completion date). */
  plannedDate: string | null;
  /** The last comment (a curator's return, a coordinator's reason). */
  comment: string | null;
  /** ISO instant of the last change. */
  updatedAt: string;
  /** Reminders (not escalations) are postponed until this local date. */
  snoozedUntil: string | null;
  /**
   * The day a done or confirmed item was done, when someone said so (an import's «выполнено 28.05»); else
   * the item became done at `updatedAt`.
   */
  doneOn: LocalDate | null;
  /** Submitted again after a return (its last change was returned → submitted). */
  resubmitted?: boolean;
}

export function subjectKey(subject: SubjectRef): string {
  return `${subject.type}-${subject.id}`;
}

export function statusKey(scheduleId: string, occurrenceKey: string, subject: SubjectRef): string {
  return `${scheduleId}/${occurrenceKey}/${subjectKey(subject)}`;
}
