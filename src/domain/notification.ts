/**
 * What the planner decides: plain, JSON-serialisable notifications that the store keeps, the queue carries
 * and the delivery worker renders. Nothing here knows about the database, the queue or Telegram.
 */
import type { LocalDate } from './local-date.js';
import type { PersonRole } from './roster.js';
import type { ItemRef } from './status.js';

/**
 * One kind per message template. `returned`, `confirm_handoff` (a submission near or past the deadline, told
 * to its confirmer the same day) and `unreachable` (the delivery worker telling a supervisor that someone
 * blocked the bot) are triggered (sent at once, outside the bundle); every other kind is scheduled and travels
 * in its recipient's one morning bundle of the day.
 */
export const NOTIFICATION_KINDS = [
  'window_open',
  'reminder',
  'confirm_request',
  'confirm_handoff',
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
  /** The greeting of someone who has just joined, heading the day's message (src/planner/welcome.ts). */
  'welcome',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds that people trigger themselves: they go out at once, outside the daily bundle. */
export const TRIGGERED_KINDS: ReadonlySet<NotificationKind> = new Set(['returned', 'confirm_handoff', 'unreachable']);

/**
 * What a button asks the bot to do. `visited` and `closing_docs` mark the item done (they only read
 * differently); `in_progress_until` asks for a planned date; `remind_curator` and `remind_school` nudge whoever
 * acts on a late item and change nothing; `lagging_by_municipality`, `lagging_schools` (a
 * municipal coordinator's schools) `export_xlsx` and `progress_chart` (its picture) act on a digest, `show_all` shows the items of a
 * coordinator's bundle beyond the first ten. The label of each comes from the template `button-<action>`.
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
  'remind_school',
  'lagging_by_municipality',
  'lagging_schools',
  'export_xlsx',
  'progress_chart',
  'show_all',
] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface PlannedButton {
  action: ButtonAction;
  /** The item the press acts on; null for digest-wide actions. */
  ref: ItemRef | null;
}

/** A template parameter: plain JSON, so notifications survive a round trip through SQLite and Redis. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };
/**
 * A message's parameters. A school's name `x` may come with `xCode` (`subject` and `subjectCode`): set when
 * another school of its region bears the same name, and the renderer then shows the name with that code.
 */
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
  /**
   * `bundleLine` of every stored notification of a daily bundle that is waiting, going out or sent: a bundle
   * says one thing about an item, so a later decision about the same item that day is not planned.
   */
  bundleLines?: ReadonlySet<string>;
  /**
   * Hand-off bundles (`<personId>@<date>/handoff-HHmm`) that exist, waiting or gone out: a submission in a
   * slot whose message exists waits for the next slot's.
   */
  handoffSlots?: ReadonlySet<string>;
}

/**
 * What one line of a person's day is about: the day (`<personId>@<date>`, a hand-off bundle counting as its
 * day's), then the dedupe key without its step (`<schedule>/<occurrence>/<subject>/p<person>`, a grouped
 * item's `<scope>-all`, an event's, a digest's).
 */
export function bundleLine(bundleKey: string, dedupeKey: string): string {
  const cut = dedupeKey.lastIndexOf('/');
  const day = bundleKey.indexOf('/');
  return `${day < 0 ? bundleKey : bundleKey.slice(0, day)}|${cut < 0 ? dedupeKey : dedupeKey.slice(0, cut)}`;
}

/** The hand-off bundle of a person's day and 30-minute slot (`HHmm`, local): one message per slot. */
export function handoffBundleKey(dailyBundleKey: string, slot: string): string {
  return `${dailyBundleKey}/handoff-${slot}`;
}

/** `<personId>@<YYYY-MM-DD>/handoff-HHmm`, with its parts. */
export const HANDOFF_BUNDLE = /^(\d+)@(\d{4})-(\d{2})-(\d{2})\/handoff-(\d{4})$/;
