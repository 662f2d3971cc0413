/**
 * Messages people trigger go out at once, not in tomorrow's bundle: when a curator returns documents, the
 * planner's own `returned` notification for that item is planned now, stored (its dedupe key keeps the
 * scheduler from sending it again), claimed and sent from here. Whichever of the bot and the delivery
 * worker claims the row first sends it; the other finds it claimed. Other messages that must go out now (a
 * supervisor told that someone blocked the bot) take the same path.
 */
import type { Api } from 'grammy';
import {
  claimForSending,
  insertPlanned,
  loadByDedupeKeys,
  markRequestIssued,
  markSent,
  releaseClaim,
} from '../db/notifications.js';
import { loadRoster } from '../db/roster.js';
import { loadStatuses } from '../db/statuses.js';
import { findRecipient } from '../delivery/recipient.js';
import { sendRendered } from '../delivery/telegram-transport.js';
import type { NotificationKind, PlannedNotification } from '../domain/notification.js';
import type { ItemRef } from '../domain/status.js';
import { plan } from '../planner/plan.js';
import type { BotRuntime } from './runtime.js';

function sameItem(a: ItemRef | null, b: ItemRef): boolean {
  return (
    a !== null &&
    a.scheduleId === b.scheduleId &&
    a.occurrenceKey === b.occurrenceKey &&
    a.subject.type === b.subject.type &&
    a.subject.id === b.subject.id
  );
}

/** Plans and sends the item's triggered notifications of `kind` now; returns how many were sent. */
export async function sendTriggeredNow(rt: BotRuntime, api: Api, item: ItemRef, kind: NotificationKind): Promise<number> {
  const planned = plan({
    now: rt.clock.now(),
    schedules: rt.schedules.filter((s) => s.id === item.scheduleId),
    roster: loadRoster(rt.store),
    statuses: loadStatuses(rt.store, [item.scheduleId]),
    alreadyPlanned: { dedupeKeys: new Set(), sentBundles: new Set() },
    horizonDays: 0,
    settings: rt.config.planner,
  }).filter((n) => n.kind === kind && sameItem(n.item, item));
  return sendPlannedNow(rt, api, planned);
}

/**
 * Stores planned notifications (their dedupe keys keep the scheduler from planning them again) and sends
 * each one this process manages to claim; returns how many were sent. What fails stays queued for the
 * delivery worker.
 */
export async function sendPlannedNow(rt: BotRuntime, api: Api, planned: readonly PlannedNotification[]): Promise<number> {
  const { store } = rt;
  if (planned.length === 0) return 0;
  insertPlanned(store, planned);
  const rows = loadByDedupeKeys(store, planned.map((n) => n.dedupeKey));
  let sent = 0;
  for (const row of rows) {
    if (claimForSending(store, [row.id]).length === 0) continue;
    const recipient = findRecipient(store, row);
    if (typeof recipient === 'string') {
      releaseClaim(store, [row.id], 'dead', recipient);
      continue;
    }
    try {
      let firstId: number | null = null;
      const messages = rt.render([row]);
      // a delivery worker that found the row claimed and reclaimed it sends it instead
      if (markRequestIssued(store, [row.id]).length === 0) continue;
      for (const message of messages) {
        const messageId = await sendRendered(api, recipient.chatId, message);
        firstId ??= messageId;
      }
      if (firstId === null) releaseClaim(store, [row.id], 'dead', 'nothing to say');
      else {
        markSent(store, [row.id], firstId, rt.clock.now().toUTC().toISO() ?? '');
        sent += 1;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // back to the queue: the scheduler's reconciliation retries it like any other message
      releaseClaim(store, [row.id], 'queued', `triggered send: ${reason}`);
      rt.log.warn({ notificationId: row.id, err: reason }, 'triggered send failed; left for the delivery worker');
    }
  }
  return sent;
}
