/**
 * Whether a notification planned earlier still says something true now that its item may have moved on.
 * The scheduler plans up to a day ahead and the worker sends later: a school that posted its documents at
 * 09:00 must not get the 09:30 reminder, and its curator's "confirm" nudge is pointless once they returned
 * the documents. These rules mirror the branches in `items.ts` that chose each kind.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { NotificationKind, Params } from '../domain/notification.js';
import { CLOSED_STATUSES, type ItemStatus, STATUS_VALUES, type StatusValue } from '../domain/status.js';

/** The stage of an item that decides which messages fit it. */
type Phase = 'open' | 'awaiting_confirmation' | 'returned' | 'closed';

function phaseOf(status: StatusValue): Phase {
  if (CLOSED_STATUSES.has(status)) return 'closed';
  if (status === 'submitted') return 'awaiting_confirmation';
  if (status === 'returned') return 'returned';
  return 'open';
}

const PHASE_OF_KIND: Partial<Record<NotificationKind, Phase>> = {
  window_open: 'open',
  reminder: 'open',
  promise_reminder: 'open',
  overdue: 'open',
  confirm_request: 'awaiting_confirmation',
  confirm_handoff: 'awaiting_confirmation',
  confirm_reminder: 'awaiting_confirmation',
  returned: 'returned',
  returned_reminder: 'returned',
};

/** What of the item's current record decides relevance; no record means pending and not snoozed. */
export type CurrentItem = Pick<ItemStatus, 'status' | 'snoozedUntil'>;

/**
 * Kinds that report the item's state to someone else (a supervisor's notice, a status prompt) carry the
 * status they were planned under in `params.status`; they are stale once the item has left that phase. A
 * reminder for a day the item was snoozed past is stale too (snoozing never holds back escalations).
 * Messages about no item (digests, events) are always relevant.
 */
export function stillRelevant(
  notification: { kind: NotificationKind; params: Params; localDate: LocalDate },
  current: CurrentItem | null,
): boolean {
  const now = phaseOf(current?.status ?? 'pending');
  if (now === 'closed') return false;
  const snoozedUntil = current?.snoozedUntil ?? null;
  if (notification.kind === 'reminder' && snoozedUntil !== null && notification.localDate < snoozedUntil) return false;
  const expected = PHASE_OF_KIND[notification.kind];
  if (expected !== undefined) return expected === now;
  const plannedUnder = notification.params.status;
  if (typeof plannedUnder === 'string' && isStatus(plannedUnder)) return phaseOf(plannedUnder) === now;
  return true;
}

function isStatus(value: string): value is StatusValue {
  return (STATUS_VALUES as readonly string[]).includes(value);
}
