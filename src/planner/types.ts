/**
 * The planner's settings and input. What it decides, plain JSON-serialisable notifications, is shared
 * vocabulary in `domain/notification.ts`.
 */
import type { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import type { AlreadyPlanned } from '../domain/notification.js';
import type { Roster } from '../domain/roster.js';
import type { ItemStatus } from '../domain/status.js';
import type { Schedule } from '../schedule/types.js';

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
