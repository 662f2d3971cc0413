/**
 * What the planner decides: plain, JSON-serialisable notifications that the queue stores and the delivery
 * worker renders. Nothing here knows about the database, the queue or Telegram.
 */
import type { DateTime } from 'luxon';
import type { PersonRole, Roster } from '../domain/roster.js';
import type { LocalDate, Schedule } from '../schedule/types.js';
import type { ItemRef, ItemStatus, SubjectRef } from '../domain/status.js';

/**
 * One kind per message template. `returned` and `unreachable` (the delivery worker telling a supervisor that
 * someone blocked the bot) are triggered (sent at once, alone); every other kind is scheduled and travels in
 * its recipient's one morning bundle of the day.
 */
export const NOTIFICATION_KINDS = [
  'window_open',
  'reminder',
  'confirm_request',
  'confirm_reminder',
  'returned',
  'returned_reminder',
  'promise_reminder',
  'overdue',
  'overdue_supervisor',
  'status_prompt',
  'event',
  'digest_regional',
  'digest_municipal',
  'unreachable',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds that people trigger themselves: they go out at once, outside the daily bundle. */
export const TRIGGERED_KINDS: ReadonlySet<NotificationKind> = new Set(['returned', 'unreachable']);

/**
 * What a button asks the bot to do. `visited` and `closing_docs` mark the item done (they only read
 * differently); `in_progress_until` asks for a planned date; `lagging_by_municipality` and `export_xlsx`
 * act on a digest. The label of each comes from the template `button-<action>`.
 */
export const BUTTON_ACTIONS = [
  'submit',
  'done',
  'visited',
  'closing_docs',
  'in_progress',
  'in_progress_until',
  'help',
  'problem',
  'confirm',
  'return',
  'remind_curator',
  'lagging_by_municipality',
  'export_xlsx',
] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface PlannedButton {
  action: ButtonAction;
  /** The item the press acts on; null for digest-wide actions. */
  ref: ItemRef | null;
}

/** A template parameter: plain JSON, so notifications survive a round trip through SQLite and Redis. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };
export type Params = Record<string, ParamValue>;

export interface PlannedNotification {
  /** Deterministic from (schedule, occurrence, subject, recipient, step): the same decision, the same key. */
  dedupeKey: string;
  /** `<personId>@<local YYYY-MM-DD>` for scheduled kinds: one message per person per day. A triggered kind gets
   * a bundle of its own, `<personId>@<date>/<dedupeKey>`. */
  bundleKey: string;
  recipientId: number;
  recipientRole: PersonRole;
  /** The recipient's region zone; `sendAt` and `localDate` are read in it. */
  zone: string;
  /** UTC ISO instant. */
  sendAt: string;
  /** The recipient's calendar day the notification goes out on. */
  localDate: LocalDate;
  kind: NotificationKind;
  /** The Fluent message id in `templates/ru/` (the kind with dashes). */
  templateId: string;
  params: Params;
  buttons: PlannedButton[];
  item: ItemRef | null;
  /** The policy step that produced it: `open`, `remind-7`, `esc1`, `esc2r1`, `event`, `digest` ... */
  step: string;
}

/** What production already holds, so one decision is never planned twice and a sent day is never reopened. */
export interface AlreadyPlanned {
  /** Dedupe keys of notifications already stored (whatever their state). */
  dedupeKeys: ReadonlySet<string>;
  /** Bundle keys (`<personId>@<date>`) whose scheduled message has already gone out. */
  sentBundles: ReadonlySet<string>;
}

export interface PlannerSettings {
  /** Local send time of the daily bundle, `HH:mm`. */
  sendTime: string;
  /** Send time on a day with a morning meeting, `HH:mm` (still kept inside the recipient's window). */
  meetingDaySendTime: string;
  /** Meetings starting (recipient's local time) before this `HH:mm` make the day a "morning meeting" day. */
  morningEndsAt: string;
  /**
   * Items due before this date are not chased at all (no reminders, escalations, digest lines): the bot was
   * not there to ask about them, and nagging about February in May is noise. Null: no cut-off.
   */
  trackingSince: LocalDate | null;
  /** A digest covers milestones active today or due at most this many days ago. */
  digestLookbackDays: number;
}

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = {
  sendTime: '09:30',
  meetingDaySendTime: '08:30',
  morningEndsAt: '12:00',
  trackingSince: null,
  digestLookbackDays: 30,
};

export interface PlanInput {
  now: DateTime;
  schedules: Schedule[];
  roster: Roster;
  statuses: ItemStatus[];
  alreadyPlanned: AlreadyPlanned;
  /** Plan notifications whose day is at most this many calendar days after the recipient's today. Default 0. */
  horizonDays?: number;
  settings: PlannerSettings;
}
