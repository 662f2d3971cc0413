/**
 * The delivery path wired for tests and benches: real SQLite (the roster fixture, every person with a chat),
 * real Redis under a unique prefix, the Bot API emulator over loopback HTTP, and the real worker and queue.
 */
import type { DeliveryLimits } from '../../src/delivery/pacing.js';
import { eq } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import { packCallbackData } from '../../src/bot/callback-data.js';
import { type Clock, systemClock } from '../../src/config/clock.js';
import { openStore, type Store } from '../../src/db/client.js';
import { insertPlanned, type StoredNotification } from '../../src/db/notifications.js';
import { people } from '../../src/db/schema.js';
import type { Render } from '../../src/delivery/send-path.js';
import type { RenderedMessage } from '../../src/delivery/transport.js';
import type { DeliveryWorker, RateLimitBurst } from '../../src/delivery/worker.js';
import type { NotificationKind, PlannedButton, PlannedNotification } from '../../src/domain/notification.js';
import type { ItemRef } from '../../src/domain/status.js';
import { type DeliveryQueue, enqueueNotifications, type RetryPolicy } from '../../src/queue/queues.js';
import { type RosterFixture, seedRoster } from '../db/roster-fixture.js';
import type { BotApiEmulator, EmulatorLimits } from './bot-api-emulator.js';
import { startDeliveryRig } from './delivery-rig.js';

/** Each person's chat id in the fixture: predictable, distinct from person ids. */
export const chatOf = (personId: number): string => String(900_000 + personId);

/**
 * A plain renderer for delivery tests: the template id and parameters of each item, and each button with
 * its real callback data; the Russian wording is the renderer's business and has its own tests.
 */
export const plainRender: Render = (bundle) => [
  {
    text: bundle.map((n) => `${n.templateId} ${JSON.stringify(n.params)}`).join('\n'),
    buttons: bundle.flatMap((n) =>
      n.buttons.map((b) => [{ text: b.action, data: packCallbackData({ action: b.action, notificationId: n.id, version: 0 }) }]),
    ),
  } satisfies RenderedMessage,
];

export interface HarnessOptions {
  redisUrl: string;
  /** Limits the emulator enforces (none by default). */
  emulatorLimits?: EmulatorLimits | null;
  /** Runs the emulator on a thread of its own (see emulator-thread.ts). */
  emulatorThread?: boolean;
  /** Limits the worker keeps. @defaultValue 30/s, 1,000 ms per chat */
  limits?: DeliveryLimits;
  retry?: RetryPolicy;
  burst?: RateLimitBurst;
  clock?: Clock;
  concurrency?: number;
  /** A file for the database (the outbox CLI opens it by path); in memory by default. */
  databasePath?: string;
  /** Make this many extra school representatives with chats (benches). */
  extraPeople?: number;
  /** The worker's HTTP timeout per request. @defaultValue 5 */
  timeoutSeconds?: number;
}

export interface DeliveryHarness {
  store: Store;
  fx: RosterFixture;
  emulator: BotApiEmulator;
  queue: DeliveryQueue;
  delivery: DeliveryWorker;
  prefix: string;
  clock: Clock;
  retry: RetryPolicy;
  extraPeople: number[];
  /** Stores the notifications and enqueues their bundles, as the scheduler's tick does. */
  plan(notifications: PlannedNotification[]): Promise<StoredNotification[]>;
  stop(): Promise<void>;
}

export async function startDeliveryHarness(options: HarnessOptions): Promise<DeliveryHarness> {
  const store = openStore(options.databasePath ?? ':memory:');
  const fx = seedRoster(store);
  for (const p of store.db.select({ id: people.id }).from(people).all()) {
    store.db.update(people).set({ chatId: chatOf(p.id), telegramUserId: chatOf(p.id) }).where(eq(people.id, p.id)).run();
  }
  const extraPeople: number[] = [];
  for (let i = 0; i < (options.extraPeople ?? 0); i += 1) {
    const row = store.db
      .insert(people)
      .values({ fullName: `Представитель ${i}`, role: 'school', regionId: fx.region.saratov, schoolId: fx.school.b1 })
      .returning({ id: people.id })
      .get();
    store.db.update(people).set({ chatId: chatOf(row.id) }).where(eq(people.id, row.id)).run();
    extraPeople.push(row.id);
  }
  const rig = await startDeliveryRig({
    redisUrl: options.redisUrl,
    emulatorLimits: options.emulatorLimits ?? null,
    emulatorThread: options.emulatorThread ?? false,
  });
  const { emulator, queue, prefix } = rig;
  const clock = options.clock ?? systemClock;
  const retry = options.retry ?? { attempts: 3, backoffMs: 50 };
  const delivery = rig.startWorker({
    store,
    render: plainRender,
    clock,
    limits: options.limits ?? { globalPerSec: 30, perChatMs: 1000 },
    retry,
    ...(options.burst ? { burst: options.burst } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
  return {
    store,
    fx,
    emulator,
    queue,
    delivery,
    prefix,
    clock,
    retry,
    extraPeople,
    async plan(notifications) {
      const rows = insertPlanned(store, notifications);
      await enqueueNotifications({ store, queue, clock, policy: retry }, rows);
      return rows;
    },
    async stop() {
      await rig.close();
      store.close();
    },
  };
}

export interface NotificationSpec {
  recipientId: number;
  /** UTC instant. */
  sendAt: DateTime;
  zone?: string;
  kind?: NotificationKind;
  item?: ItemRef | null;
  buttons?: PlannedButton[];
  /** Defaults to the recipient's daily bundle. */
  bundleKey?: string;
  dedupeKey?: string;
}

let sequence = 0;

/** A planned notification as the planner makes them, with only what a test cares about spelled out. */
export function notification(spec: NotificationSpec): PlannedNotification {
  const zone = spec.zone ?? 'Europe/Saratov';
  const localDate = spec.sendAt.setZone(zone).toISODate() ?? '';
  sequence += 1;
  const dedupeKey = spec.dedupeKey ?? `test/${spec.recipientId}/${sequence}`;
  return {
    dedupeKey,
    bundleKey: spec.bundleKey ?? `${spec.recipientId}@${localDate}`,
    recipientId: spec.recipientId,
    recipientRole: 'school',
    zone,
    sendAt: spec.sendAt.toUTC().toISO() ?? '',
    localDate,
    kind: spec.kind ?? 'reminder',
    templateId: spec.kind ?? 'reminder',
    params: { milestone: 'Размещение концептуальных документов', due: '2022-06-01' },
    buttons: spec.buttons ?? [],
    item: spec.item ?? null,
    step: 'remind-1',
  };
}


