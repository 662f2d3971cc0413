import type { Store } from '../db/client.js';
import type { StoredNotification } from '../db/notifications.js';
import { getPerson } from '../db/people.js';
import type { Recipient } from './transport.js';

/**
 * Who gets a stored notification, or why nobody can (the reason is stored as the row's `last_error`). The
 * delivery worker and the bot's triggered sends both ask here, so they refuse the same people.
 */
export function findRecipient(store: Store, row: Pick<StoredNotification, 'recipientId' | 'zone'>): Recipient | string {
  const person = getPerson(store, row.recipientId);
  if (person === null || person.state === 'left') return 'recipient left the programme';
  if (person.state === 'unreachable') return 'recipient unreachable (blocked the bot)';
  if (person.chatId === null) return 'recipient has not started the bot yet';
  return { personId: person.id, fullName: person.fullName, role: person.role, chatId: person.chatId, zone: row.zone };
}
