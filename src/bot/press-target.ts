/**
 * From a decoded button reference to the item it may act on, re-checked on the server: the notification
 * must exist, have been sent to the pressing person, carry that action, and its item must lie in the
 * person's scope. A button from a schedule no longer loaded (or an occurrence it no longer has) is
 * `outdated`: the bot shows the current state and changes nothing.
 */
import type { Store } from '../db/client.js';
import { getNotification, type StoredNotification } from '../db/notifications.js';
import { getStatus, type StoredStatus } from '../db/statuses.js';
import type { ButtonAction } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';
import type { ItemRef } from '../domain/status.js';
import { occurrenceByKey } from '../schedule/occurrences.js';
import type { Milestone, Schedule } from '../schedule/types.js';
import { subjectInScope } from './auth.js';
import type { CallbackData } from './callback-data.js';
import { subjectName } from './item-view.js';

/** An item a press acts on, with what replies need to describe it. */
export interface ItemTarget {
  notification: StoredNotification;
  ref: ItemRef;
  title: string;
  subject: string;
  /** Shown beside a school's name another school of its region bears (`subjectName`). */
  subjectCode: string | null;
  zone: string;
  status: StoredStatus | null;
}

export type PressTarget =
  /** Callback data the codec did not produce, or a notification without that button: a forgery. */
  | { kind: 'invalid'; reason: string }
  /** Real button, wrong person or outside their scope. */
  | { kind: 'refused'; reason: string }
  /** A digest-wide action (lagging schools, export). */
  | { kind: 'digest'; notification: StoredNotification; action: ButtonAction }
  /** The schedule or occurrence is gone: show the state, change nothing. */
  | { kind: 'outdated'; item: ItemTarget }
  | { kind: 'item'; item: ItemTarget; schedule: Schedule; milestone: Milestone; action: ButtonAction };

function paramText(notification: StoredNotification, name: string): string | null {
  const value = notification.params[name];
  return typeof value === 'string' ? value : null;
}

export function resolvePress(
  store: Store,
  schedules: readonly Schedule[],
  person: Person,
  data: CallbackData,
): PressTarget {
  const notification = getNotification(store, data.notificationId);
  if (notification === null) return { kind: 'invalid', reason: `no notification ${data.notificationId}` };
  // «Показать все» belongs to the whole bundle, not to one of its rows (the renderer draws it)
  const button = data.action === 'show_all' ? { action: data.action, ref: null } : notification.buttons.find((b) => b.action === data.action);
  if (button === undefined) return { kind: 'invalid', reason: `notification ${notification.id} has no ${data.action} button` };
  if (notification.recipientId !== person.id) {
    return { kind: 'refused', reason: `notification ${notification.id} went to person ${notification.recipientId}` };
  }
  if (button.ref === null) return { kind: 'digest', notification, action: data.action };
  const ref = button.ref;
  if (!subjectInScope(store, person, ref.subject)) {
    return { kind: 'refused', reason: `${ref.subject.type} ${ref.subject.id} is outside the scope of person ${person.id}` };
  }
  const schedule = schedules.find((s) => s.id === ref.scheduleId);
  const subject = subjectName(store, ref.subject);
  const occurrence = schedule ? occurrenceByKey(schedule, ref.occurrenceKey, notification.zone) : null;
  const item: ItemTarget = {
    notification,
    ref,
    title: occurrence?.milestone.title ?? paramText(notification, 'title') ?? ref.occurrenceKey,
    subject: subject.name,
    subjectCode: subject.code,
    zone: notification.zone,
    status: getStatus(store, ref),
  };
  if (!schedule || !occurrence) return { kind: 'outdated', item };
  return { kind: 'item', item, schedule, milestone: occurrence.milestone, action: data.action };
}
