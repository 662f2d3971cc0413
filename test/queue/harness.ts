/**
 * Real parts for delivery tests: the suite's Redis under a prefix of the test's own, the BullMQ queue, a
 * delivery worker sending through grammY to the loopback Bot API emulator, and ticks on a given clock; and
 * what a test reads off them: chats reached, messages sent twice, bundles due and rows settled.
 */
import type { DateTime } from 'luxon';
import { inject } from 'vitest';
import type { Clock } from '../../src/config/clock.js';
import type { Store } from '../../src/db/client.js';
import type { NotificationState } from '../../src/db/notifications.js';
import { notifications } from '../../src/db/schema.js';
import type { DeliveryLimits } from '../../src/delivery/pacing.js';
import type { DeliveryWorker } from '../../src/delivery/worker.js';
import { type DeliveryQueue } from '../../src/queue/queues.js';
import { runTick, type TickResult } from '../../src/queue/tick.js';
import { type BotApiEmulator } from '../support/bot-api-emulator.js';
import { startDeliveryRig } from '../support/delivery-rig.js';
import { silent } from './emulator-worker.js';
import { FEDERAL_SCHEDULE, SETTINGS } from './wave-fixture.js';

export interface Harness {
  redisUrl: string;
  prefix: string;
  queue: DeliveryQueue;
  emulator: BotApiEmulator;
  tick(store: Store, clock: Clock): Promise<TickResult>;
  startWorker(store: Store, clock: Clock, limits?: DeliveryLimits): DeliveryWorker;
  /** Deletes every key under the prefix, as a FLUSHALL would (without touching other tests' keys). */
  flushQueueKeys(): Promise<number>;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const rig = await startDeliveryRig({ redisUrl: inject('redisUrl') });
  const { queue } = rig;
  return {
    redisUrl: rig.redisUrl,
    prefix: rig.prefix,
    queue,
    emulator: rig.emulator,
    tick: (store, clock) => runTick({ store, queue, clock, schedules: FEDERAL_SCHEDULE, settings: SETTINGS, log: silent }),
    startWorker: (store, clock, limits) => rig.startWorker({ store, clock, ...(limits ? { limits } : {}) }),
    flushQueueKeys: () => rig.flushQueueKeys(),
    close: () => rig.close(),
  };
}


/** Chats that received anything: one per delivered bundle (a long digest may arrive in several parts). */
export function chatsReached(emulator: BotApiEmulator): Set<string> {
  return new Set(emulator.sent().map((m) => m.chatId));
}

/** Messages that arrived more than once in one chat (same text): must stay 0. */
export function duplicates(emulator: BotApiEmulator): number {
  const seen = new Set<string>();
  let twice = 0;
  for (const m of emulator.sent()) {
    const key = `${m.chatId}\n${m.text ?? ''}`;
    if (seen.has(key)) twice += 1;
    seen.add(key);
  }
  return twice;
}

/** Bundles (one per chat) due by `at`, which a wave must deliver. */
export function dueBundles(store: Store, at: DateTime): Set<string> {
  const iso = at.toUTC().toISO() ?? '';
  return new Set(
    store.db
      .select({ bundleKey: notifications.bundleKey, sendAt: notifications.sendAt })
      .from(notifications)
      .all()
      .filter((r) => r.sendAt <= iso)
      .map((r) => r.bundleKey),
  );
}

/** Whether every row due by `at` has reached one of `states`. */
export function dueRowsIn(store: Store, at: DateTime, states: readonly NotificationState[]): boolean {
  const iso = at.toUTC().toISO() ?? '';
  return store.db
    .select({ state: notifications.state, sendAt: notifications.sendAt })
    .from(notifications)
    .all()
    .every((r) => r.sendAt > iso || states.some((s) => s === r.state));
}
