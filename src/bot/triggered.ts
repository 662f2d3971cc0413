/**
 * Messages people trigger go out at once, not in tomorrow's bundle: when a curator returns documents, the
 * planner's own `returned` notification for that item is planned now, stored (its dedupe key keeps the
 * scheduler from sending it again), claimed and sent from here through the delivery worker's own send path.
 * Whichever of the bot and the worker claims the row first sends it; the other finds it claimed. Other messages that must go out now (a
 * supervisor told that someone blocked the bot) take the same path.
 */
import { getNotification, insertPlanned, loadAlreadyPlanned, loadByDedupeKeys, SENDABLE_STATES, type StoredNotification } from '../db/notifications.js';
import { loadRegionRoster, subjectRegion } from '../db/roster.js';
import { loadStatuses } from '../db/statuses.js';
import { type PartsProgress, sendBundle, type SendOutcome } from '../delivery/send-path.js';
import type { NotificationKind, PlannedNotification } from '../domain/notification.js';
import type { ItemRef } from '../domain/status.js';
import { plan } from '../planner/plan.js';
import type { BotServices } from './services.js';

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
export async function sendTriggeredNow(rt: BotServices, item: ItemRef, kind: NotificationKind): Promise<number> {
  // the item's region alone holds who hears of it: a national roster is dozens of regions more to read
  const regionId = subjectRegion(rt.store, item.subject);
  if (regionId === null) return 0;
  const planned = plan({
    now: rt.clock.now(),
    schedules: rt.schedules.filter((s) => s.id === item.scheduleId),
    roster: loadRegionRoster(rt.store, regionId, rt.config.preferenceDefaults),
    statuses: loadStatuses(rt.store, [item.scheduleId]),
    // what is stored decides a hand-off's slot (and keeps a decision the scheduler already stored as it is)
    alreadyPlanned: loadAlreadyPlanned(rt.store),
    horizonDays: 0,
    settings: rt.config.planner,
  }).filter((n) => n.kind === kind && sameItem(n.item, item));
  return sendPlannedNow(rt, planned);
}

/** A 429 on an interactive send is waited out this many times, as grammY's auto-retry does for replies. */
const RATE_LIMIT_TRIES = 20;

/**
 * Sends rows now through the one send path in the interactive lane. Someone waits for this message: a 429
 * (a burst beyond the pacing, a shared token) is waited out and the rows sent again, not left to the
 * worker's next look.
 */
export async function sendNow(rt: BotServices, rows: readonly StoredNotification[]): Promise<SendOutcome> {
  const idsOf = (list: readonly StoredNotification[]) => list.map((row) => row.id).join();
  const sent = idsOf(rows);
  // a message in parts refused at a later part goes on from there, as the worker's job does
  let progress = memoryProgress();
  let outcome = await sendBundle(rt.sendPath, rows, { lane: 'interactive', lastAttempt: false, progress });
  for (let tries = 1; tries < RATE_LIMIT_TRIES && outcome.kind === 'failed' && outcome.failure.kind === 'rate_limited'; tries += 1) {
    const { retryAfterMs } = outcome.failure;
    await new Promise((r) => setTimeout(r, retryAfterMs));
    // settled `queued` by the failure; anything another sender took meanwhile is theirs
    const again = rows.flatMap((row) => getNotification(rt.store, row.id) ?? []).filter((row) => SENDABLE_STATES.includes(row.state));
    // fewer rows make another message: its parts start over
    if (idsOf(again) !== sent) progress = memoryProgress();
    outcome = await sendBundle(rt.sendPath, again, { lane: 'interactive', lastAttempt: false, progress });
  }
  return outcome;
}

/** Where a message in parts stands between the tries of one interactive send. */
function memoryProgress(): PartsProgress {
  const progress: PartsProgress = {
    partsSent: 0,
    messageId: undefined,
    save(partsSent, messageId) {
      progress.partsSent = partsSent;
      progress.messageId = messageId;
      return Promise.resolve();
    },
  };
  return progress;
}

/**
 * Stores planned notifications (their dedupe keys keep the scheduler from planning them again) and sends
 * each one this process manages to claim through the one send path, waiting for the chat's and the token's
 * pace; returns how many were sent. What fails for a while (network) is left queued for the delivery
 * worker; a recipient found unreachable has their supervisor told the same way.
 */
export async function sendPlannedNow(rt: BotServices, planned: readonly PlannedNotification[]): Promise<number> {
  if (planned.length === 0) return 0;
  insertPlanned(rt.store, planned);
  const nowIso = rt.clock.now().toUTC().toISO() ?? '';
  let sent = 0;
  for (const row of loadByDedupeKeys(rt.store, planned.map((n) => n.dedupeKey))) {
    // outside the recipient's window the planner put it in their next bundle: the scheduler sends that
    if (!SENDABLE_STATES.includes(row.state) || row.sendAt > nowIso) continue;
    const outcome = await sendNow(rt, [row]);
    if (outcome.kind === 'sent') sent += 1;
    else if (outcome.kind === 'failed') {
      rt.log.warn({ notificationId: row.id, err: outcome.failure.message }, 'triggered send failed');
      await sendPlannedNow(rt, outcome.notices);
    }
  }
  return sent;
}
