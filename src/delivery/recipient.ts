import type { Store } from '../db/client.js';
import { RECIPIENT_NOT_STARTED, type StoredNotification } from '../db/notifications.js';
import { getPerson } from '../db/people.js';
import type { Recipient } from './transport.js';

/** Why a person on the roster has no chat yet: their bundles wait for them while their day lasts. */
export const NOT_STARTED = RECIPIENT_NOT_STARTED;

/**
 * Who gets a stored notification, or why nobody can (the reason is stored as the row's `last_error`). The
 * delivery worker and the bot's triggered sends both ask here, so they refuse the same people.
 */
export function findRecipient(store: Store, row: Pick<StoredNotification, 'recipientId' | 'zone'>): Recipient | string {
  const person = getPerson(store, row.recipientId);
  if (person === null || person.state === 'left') return 'recipient left the programme';
  if (person.state === 'unreachable') return 'recipient unreachable (blocked the bot)';
  if (person.chatId === null) return NOT_STARTED;
  return { personId: person.id, fullName: person.fullName, role: person.role, chatId: person.chatId, zone: row.zone };
}
