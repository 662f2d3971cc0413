/**
 * What someone who has just joined is told first: a greeting that ends with what to do now, each item with
 * its buttons, in one message. The items the day's bundle speaks of are left to it; the ones told here get
 * no second line that day (their dedupe keys are the scheduler's, up to the step). Pure: the bot hands in
 * the person's items as `/deadlines` reads them.
 */
import type { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import type { NotificationKind, Params, PlannedNotification } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';
import type { ItemRef, StatusValue } from '../domain/status.js';
import { addDays } from '../schedule/day-number.js';
import type { Milestone } from '../schedule/types.js';
import { daysLeft } from './context.js';
import { assigneeActions, CONFIRMER_ACTIONS, itemParams, itemTemplateId } from './items.js';
import { instantStamp, itemKeyPrefix } from './keys.js';

/** At most this many items carry buttons in the greeting; the rest are counted (and in `/deadlines`). */
export const WELCOME_ITEMS = 10;

export interface WelcomeItem {
  milestone: Milestone;
  ref: ItemRef;
  subjectName: string;
  /** Shown beside the name when another school of its region bears it. */
  subjectCode: string | null;
  due: LocalDate;
  status: StatusValue;
  /** The person does the item, or confirms what its assignee did. */
  capacity: 'assignee' | 'confirmer';
}

export interface WelcomeRequest {
  person: Pick<Person, 'id' | 'role'>;
  zone: string;
  now: DateTime;
  /**
   * The day's bundle when lines of it waited for the person and go out with the greeting (that is the day's
   * message), else a bundle of its own on that day: the day's message is still to come.
   */
  bundleKey: string;
  /** Days ahead that count as "now" (DEADLINE_DAYS, as `/deadlines`). */
  days: number;
  /** The greeting's own parameters (name, role and scope, as `bot-welcome` and `bot-scope` take them). */
  intro: Params;
  items: readonly WelcomeItem[];
  /** Items (`itemKeyPrefix` with the person id left off) the day's bundle says something about already. */
  inBundle: ReadonlySet<string>;
}

/** Open for the person: theirs to do (not handed in or closed), or handed in and theirs to confirm. */
function actionable(item: WelcomeItem): boolean {
  if (item.capacity === 'confirmer') return item.status === 'submitted';
  return item.status === 'pending' || item.status === 'in_progress' || item.status === 'returned';
}

function itemKind(item: WelcomeItem, left: number): NotificationKind {
  if (item.capacity === 'confirmer') return 'confirm_reminder';
  return left < 0 ? 'overdue' : 'reminder';
}

export function planWelcome(request: WelcomeRequest): PlannedNotification[] {
  const { person, zone, now } = request;
  const today = now.setZone(zone).toISODate() ?? '';
  const until = addDays(today, request.days);
  const sendAt = now.toUTC().toISO() ?? '';
  const row = (kind: NotificationKind, dedupeKey: string, params: Params, item: WelcomeItem | null): PlannedNotification => ({
    dedupeKey,
    bundleKey: request.bundleKey,
    recipientId: person.id,
    recipientRole: person.role,
    zone,
    sendAt,
    localDate: today,
    kind,
    templateId: item === null ? 'welcome' : itemTemplateId(kind, item.milestone),
    params,
    buttons: item === null ? [] : (item.capacity === 'confirmer' ? CONFIRMER_ACTIONS : assigneeActions(item.milestone)).map((action) => ({ action, ref: item.ref })),
    item: item?.ref ?? null,
    step: 'welcome',
  });
  const due = request.items
    .filter((i) => actionable(i) && i.due <= until && !request.inBundle.has(itemKeyPrefix(i.ref)))
    .sort((a, b) => a.due.localeCompare(b.due));
  const shown = due.slice(0, WELCOME_ITEMS);
  const items = shown.map((item) => {
    const left = daysLeft(today, item.due);
    const subject = { name: item.subjectName, code: item.subjectCode, ref: item.ref.subject, municipality: null };
    return row(itemKind(item, left), `${itemKeyPrefix(item.ref)}${person.id}/welcome`, itemParams(item.milestone, subject, item.due, null, today), item);
  });
  const intro = row('welcome', `welcome/p${person.id}/${instantStamp(sendAt)}`, { ...request.intro, days: request.days, more: due.length - shown.length }, null);
  return [intro, ...items];
}
