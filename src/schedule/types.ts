/**
 * The schedule domain: what a roadmap row means once read. Calendar dates are ISO strings
 * ("2022-06-01") with no zone: a date becomes an instant only for a given recipient's region.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { Role, Scope } from '../domain/roles.js';

export const MILESTONE_KINDS = [
  'survey',
  'visit',
  'plan_submission',
  'monitoring',
  'expertise',
  'payment',
  'meeting',
  'report',
  'appointment',
  'other',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The longest indicator a digest line carries (about 80 characters, so a line fits a phone screen's width twice). */
export const INDICATOR_MAX = 80;

export const TRACKS = ['completion', 'attendance', 'none'] as const;
export type Track = (typeof TRACKS)[number];

/** An inclusive span of calendar days. */
export interface DateSpan {
  start: LocalDate;
  end: LocalDate;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Recurrence =
  | { freq: 'weekly'; weekdays: Weekday[]; ranges: DateSpan[] }
  | { freq: 'monthly'; nth: 1 | 2 | 3 | 4 | 5 | -1; weekday: Weekday; ranges: DateSpan[] }
  | { freq: 'monthly'; dayOfMonth: number; ranges: DateSpan[] };

interface WhenCommon {
  /** Text kept from annotations ("(в соответствии с графиком посещения)", "* (Мониторинг ...)"). */
  note: string | null;
  /** The cell said "(исполнено)": the item is already done. */
  done: boolean;
  /** Time of day written in the phrase ("в 10:00"), `HH:mm`. */
  time: string | null;
}

/**
 * What a date phrase means. Month-only phrases are due at the end of the month, and keep the month as
 * their `period`: a meeting "март 2022 года" is held some day of March, not on the 31st; a window
 * without an explicit end ("до конца года") ends on 31.12 of its year.
 */
export type ParsedWhen =
  | (WhenCommon & { kind: 'due'; due: LocalDate; period?: DateSpan })
  | (WhenCommon & { kind: 'window'; start: LocalDate; due: LocalDate })
  | (WhenCommon & { kind: 'recurring'; recurrence: Recurrence })
  | (WhenCommon & { kind: 'continuous'; span: DateSpan | null })
  | (WhenCommon & { kind: 'dates'; dates: LocalDate[] });

/** A reminder offset before the due date, e.g. `-7d`, or `0d` for the day itself. */
export type ReminderOffset = string;
/** An escalation step after the due date in working days, e.g. `+1wd`. */
export type EscalationStep = string;

export interface MilestonePolicy {
  /** Calendar-day offsets before the due date, e.g. ["-7d", "-3d", "-1d", "0d"]. */
  reminders?: ReminderOffset[];
  /** Working-day steps after the due date, e.g. ["+1wd", "+2wd", "+5wd"]. */
  escalation?: EscalationStep[];
  /** Repeat the last escalation every N working days while open. */
  repeatEvery?: EscalationStep;
  /** Stop repeating after this many repeats. */
  maxRepeats?: number;
}

export interface Milestone {
  id: string;
  title: string;
  kind: MilestoneKind;
  /** The phrase exactly as written in the roadmap (or a rendering of the structured form). */
  whenText: string;
  when: ParsedWhen;
  scope: Scope;
  assignee: Role;
  confirmBy: Role | null;
  /** Roles that attend a meeting (for `kind: meeting`); defaults to the assignee. */
  attendees: Role[];
  /** Short name for digest lines: `indicator:` as written, else the title cut at a word boundary (`INDICATOR_MAX`). */
  indicator: string;
  kpi: string | null;
  source: string | null;
  /** The original executor text of the roadmap row. */
  executor: string | null;
  /** Time of day, `HH:mm`. */
  at: string | null;
  /** The milestone's own `link`, else its system's. */
  link: string | null;
  /** Where the work is done (`system:`, an entry of the schedule's `systems`), or null. */
  system: MilestoneSystem | null;
  notes: string | null;
  track: Track;
  policy: MilestonePolicy;
  /** The roadmap marks it done ("(исполнено)"). */
  done: boolean;
  /** 1-based line of the milestone in its file, for messages that point back at it. */
  line: number;
  /**
   * `same_as`: this regional milestone is that milestone of another (the federal) schedule in the regions of
   * this one. It has no occurrences of its own: the other one is the item, with its one status and reminders.
   */
  sameAs: MilestoneRef | null;
}

/** An information system of the roadmap (ИС МЭДК, ФИС ОКО, «Электронная анкета»). */
export interface MilestoneSystem {
  /** As a message says it after «в»: "ИС МЭДК", "системе «Электронная анкета»". */
  name: string;
  link: string | null;
}

/** A milestone of a schedule, as `same_as: <schedule-id>/<milestone-id>` writes it. */
export interface MilestoneRef {
  scheduleId: string;
  milestoneId: string;
}

export interface Schedule {
  id: string;
  title: string;
  year: number;
  /** IANA zone used only where a subject has no region. */
  timeZone: string;
  /** Escalation chain, lowest first. */
  chain: Role[];
  /**
   * ISO 3166-2:RU codes of the regions whose subjects the schedule concerns (a regional roadmap); absent: every
   * region of the roster (the federal roadmap).
   */
  regions?: string[];
  milestones: Milestone[];
  /** Path the schedule was read from. */
  file: string;
}
