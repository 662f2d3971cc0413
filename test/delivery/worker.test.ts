import { DateTime } from 'luxon';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { unpackCallbackData } from '../../src/bot/callback-data.js';
import { offsetClock } from '../../src/config/clock.js';
import {
  claimForSending,
  getNotification,
  listNotifications,
  markRequestIssued,
} from '../../src/db/notifications.js';
import { getPerson } from '../../src/db/people.js';
import { itemStatuses } from '../../src/db/schema.js';
import { enqueueNotifications } from '../../src/queue/queues.js';
import { chatOf, type DeliveryHarness, type HarnessOptions, notification, plainRender, startDeliveryHarness } from '../support/delivery-harness.js';
import { startDeliveryRig, UNPACED } from '../support/delivery-rig.js';
import { noJobsDueBy } from '../support/queue-drained.js';
import { waitFor } from '../support/wait.js';

const redisUrl = inject('redisUrl');
let harness: DeliveryHarness | null = null;

async function start(options: Omit<HarnessOptions, 'redisUrl'> = {}): Promise<DeliveryHarness> {
  harness = await startDeliveryHarness({ redisUrl, ...options });
  return harness;
}

afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const item = (schoolId: number) => ({
  scheduleId: '500plus-2022',
  occurrenceKey: 'concept-docs',
  subject: { type: 'school' as const, id: schoolId },
});

/** The claim of an attempt that died long ago: its lease has run out. */
const DEAD_CLAIM = { owner: 'dead-worker/1', leaseUntil: 0 };

describe('delivery worker', () => {
  it('delivers a planned notification once, at its send time, and records it sent', async () => {
    // the demo's clock: 0.4 s before a 09:30 Saratov send time
    const sendAt = DateTime.fromISO('2022-06-01T09:30:00+04:00');
    const h = await start({ clock: offsetClock(sendAt.minus({ milliseconds: 400 })) });
    const planned = Date.now();
    const [row] = await h.plan([
      notification({ recipientId: h.fx.person.repB1, sendAt, item: item(h.fx.school.b1), buttons: [{ action: 'done', ref: item(h.fx.school.b1) }] }),
    ]);
    if (!row) throw new Error('not stored');
    expect(getNotification(h.store, row.id)?.state).toBe('queued');

    await waitFor('sent', () => getNotification(h.store, row.id)?.state === 'sent');
    const sent = h.emulator.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.chatId).toBe(chatOf(h.fx.person.repB1));
    expect(Date.now() - planned).toBeGreaterThanOrEqual(380);
    const stored = getNotification(h.store, row.id);
    expect(stored?.telegramMessageId).toBe(sent[0]?.messageId);
    expect(stored?.attempts).toBe(1);
    expect(Math.abs(DateTime.fromISO(stored?.sentAt ?? '').diff(sendAt).as('seconds'))).toBeLessThan(2);
    const keyboard = sent[0]?.replyMarkup as { inline_keyboard: Array<Array<{ callback_data: string }>> };
    expect(unpackCallbackData(keyboard.inline_keyboard[0]?.[0]?.callback_data)).toEqual({ action: 'done', notificationId: row.id, version: 0 });

    // the same bundle enqueued again (a second scheduler, a restart) sends nothing more
    await enqueueNotifications(h, [row]);
    // wait for the queue to have finished with the job (if BullMQ took it at all), not for a fixed time
    await expect.poll(() => noJobsDueBy(h.queue, h.store, DateTime.now())).toBe(true);
    expect(h.emulator.sent()).toHaveLength(1);
  });

  it('sends the items of one bundle as one message', async () => {
    const h = await start();
    const now = DateTime.now();
    await h.plan([
      notification({ recipientId: h.fx.person.curatorIvanova, sendAt: now, item: item(h.fx.school.b1) }),
      notification({ recipientId: h.fx.person.curatorIvanova, sendAt: now, item: item(h.fx.school.b2) }),
    ]);
    await waitFor('sent', () => listNotifications(h.store, { state: 'sent' }).length === 2);
    expect(h.emulator.sent()).toHaveLength(1);
  });

  it('does not send a reminder whose item was done between planning and sending', async () => {
    const h = await start();
    const now = DateTime.now();
    const rows = await h.plan([
      notification({ recipientId: h.fx.person.repB1, sendAt: now.plus({ milliseconds: 300 }), item: item(h.fx.school.b1) }),
      notification({ recipientId: h.fx.person.repB2, sendAt: now.plus({ milliseconds: 300 }), item: item(h.fx.school.b2) }),
    ]);
    h.store.db
      .insert(itemStatuses)
      .values({ ...item(h.fx.school.b1), subjectType: 'school', subjectId: h.fx.school.b1, status: 'done', updatedAt: now.toISO() ?? '' })
      .run();
    await waitFor('both handled', () => rows.every((r) => ['sent', 'skipped'].includes(getNotification(h.store, r.id)?.state ?? '')));
    expect(getNotification(h.store, rows[0]?.id ?? 0)?.state).toBe('skipped');
    expect(h.emulator.sent().map((m) => m.chatId)).toEqual([chatOf(h.fx.person.repB2)]);
  });

  it('waits out a 429 for its retry_after and then delivers everything, once', async () => {
    const h = await start();
    h.emulator.failNext(1, { code: 429, retryAfter: 1 });
    const now = DateTime.now();
    const recipients = [h.fx.person.repB1, h.fx.person.repB2, h.fx.person.repK1];
    await h.plan(recipients.map((recipientId) => notification({ recipientId, sendAt: now })));
    await waitFor('all sent', () => listNotifications(h.store, { state: 'sent' }).length === 3);
    const sent = h.emulator.sent();
    expect(new Set(sent.map((m) => m.chatId)).size).toBe(3);
    expect(sent).toHaveLength(3);
    const refused = h.emulator.requests().find((r) => r.status === 429);
    const retried = sent.find((m) => m.chatId === String(refused?.params.chat_id));
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('pauses the whole queue when 429s come from several chats, then resumes', async () => {
    // one bundle at a time, so no send is already in flight when the queue pauses
    const h = await start({ burst: { count: 2, windowMs: 5_000 }, concurrency: 1 });
    h.emulator.failNext(2, { code: 429, retryAfter: 1 });
    const now = DateTime.now();
    const recipients = [h.fx.person.repB1, h.fx.person.repB2, h.fx.person.repK1, h.fx.person.curatorPetrov];
    await h.plan(recipients.map((recipientId) => notification({ recipientId, sendAt: now })));
    await waitFor('all sent', () => listNotifications(h.store, { state: 'sent' }).length === 4);
    const refusals = h.emulator.requests().filter((r) => r.status === 429);
    expect(refusals).toHaveLength(2);
    const pausedAt = Math.max(...refusals.map((r) => r.at));
    // nothing went out during the pause that followed the second 429
    expect(h.emulator.sent().filter((m) => m.at > pausedAt && m.at < pausedAt + 900)).toEqual([]);
    expect(h.emulator.sent()).toHaveLength(4);
  });

  it('marks a person who blocked the bot unreachable and tells their curator once', async () => {
    const h = await start();
    h.emulator.block(chatOf(h.fx.person.repB1));
    const now = DateTime.now();
    const [first] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: now, item: item(h.fx.school.b1) })]);
    await waitFor('dead', () => getNotification(h.store, first?.id ?? 0)?.state === 'dead');
    expect(getNotification(h.store, first?.id ?? 0)?.lastError).toMatch(/403: Forbidden: bot was blocked by the user/);
    expect(getPerson(h.store, h.fx.person.repB1)?.state).toBe('unreachable');
    await waitFor('curator told', () => h.emulator.sent(chatOf(h.fx.person.curatorIvanova)).length === 1);
    expect(h.emulator.sent(chatOf(h.fx.person.curatorIvanova))[0]?.text).toContain('unreachable');

    // the next day's message to the same person is not even tried, and nobody is told again
    const [second] = await h.plan([
      notification({ recipientId: h.fx.person.repB1, sendAt: now, bundleKey: `${h.fx.person.repB1}@later` }),
    ]);
    await waitFor('undeliverable', () => getNotification(h.store, second?.id ?? 0)?.state === 'dead');
    expect(h.emulator.requests().filter((r) => r.status === 403)).toHaveLength(1);
    expect(h.emulator.sent(chatOf(h.fx.person.curatorIvanova))).toHaveLength(1);
  });

  it('retries 5xx answers with backoff, then marks the notification failed with the error', async () => {
    const h = await start({ retry: { attempts: 3, backoffMs: 50 } });
    h.emulator.failNext(3, { code: 502, description: 'Bad Gateway' });
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now() })]);
    await waitFor('failed', () => getNotification(h.store, row?.id ?? 0)?.state === 'failed');
    const failed = getNotification(h.store, row?.id ?? 0);
    expect(failed?.attempts).toBe(3);
    expect(failed?.lastError).toBe('502: Bad Gateway');
    expect(h.emulator.sent()).toEqual([]);
  });

  it('never sends again a message whose connection dropped after the request left: failed, "delivery unknown", for the outbox', async () => {
    const h = await start({ retry: { attempts: 3, backoffMs: 50 } });
    h.emulator.failNext(1, 'accept-then-drop');
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now() })]);
    await waitFor('failed', () => getNotification(h.store, row?.id ?? 0)?.state === 'failed');
    await expect.poll(() => noJobsDueBy(h.queue, h.store, DateTime.now())).toBe(true);
    const failed = getNotification(h.store, row?.id ?? 0);
    expect(failed?.attempts).toBe(1);
    expect(failed?.lastError).toMatch(/^delivery unknown \(network: /);
    // Telegram had it: the person got it once, and nothing sent it again
    expect(h.emulator.sent()).toHaveLength(1);
    expect(h.emulator.requests().filter((r) => r.method === 'sendMessage')).toHaveLength(1);
  });

  it('treats an answer slower than the timeout as "delivery unknown" too, not as a retry', async () => {
    const h = await start({ retry: { attempts: 3, backoffMs: 50 }, timeoutSeconds: 1 });
    h.emulator.failNext(1, { slowMs: 2_000 });
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now() })]);
    await waitFor('failed', () => getNotification(h.store, row?.id ?? 0)?.state === 'failed');
    await expect.poll(() => noJobsDueBy(h.queue, h.store, DateTime.now())).toBe(true);
    expect(getNotification(h.store, row?.id ?? 0)?.lastError).toMatch(/^delivery unknown/);
    expect(h.emulator.requests().filter((r) => r.method === 'sendMessage')).toHaveLength(1);
  });

  it('keeps two messages to one chat at least the per-chat gap apart', async () => {
    const h = await start({ emulatorLimits: { globalPerSec: 30, perChatMs: 1000 } });
    const now = DateTime.now();
    const to = h.fx.person.curatorIvanova;
    await h.plan([
      notification({ recipientId: to, sendAt: now }),
      notification({ recipientId: to, sendAt: now, kind: 'returned', bundleKey: `${to}@triggered/1` }),
    ]);
    await waitFor('both sent', () => listNotifications(h.store, { state: 'sent' }).length === 2);
    const [a, b] = h.emulator.sent(chatOf(to));
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(h.emulator.rateLimited()).toBe(0);
  });

  it('sends each message once when two services with different QUEUE_PREFIX deliver from one database', async () => {
    const h = await start({ extraPeople: 60, limits: UNPACED });
    const second = await startDeliveryRig({ redisUrl });
    try {
      second.startWorker({ store: h.store, clock: h.clock, render: plainRender, retry: h.retry });
      const now = DateTime.now();
      const rows = await h.plan(h.extraPeople.map((recipientId) => notification({ recipientId, sendAt: now })));
      // the other service's scheduler sees the same waiting rows and gives them jobs in its own queue
      await enqueueNotifications({ store: h.store, queue: second.queue, clock: h.clock, policy: h.retry }, rows);
      await waitFor('every row settled', () => listNotifications(h.store).every((n) => n.state === 'sent'), 20_000);
      await expect.poll(() => noJobsDueBy(second.queue, h.store, now)).toBe(true);
      await expect.poll(() => noJobsDueBy(h.queue, h.store, now)).toBe(true);
      expect(h.emulator.sent().length + second.emulator.sent().length).toBe(rows.length);
    } finally {
      await second.close();
    }
  });

  it('does not resend a row an interrupted attempt left mid-send, and marks it failed for the outbox', async () => {
    const h = await start();
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now().plus({ seconds: 1 }) })]);
    // a worker whose request had left when it died, before it could record the outcome; its lease ran out
    claimForSending(h.store, [row?.id ?? 0], DEAD_CLAIM);
    markRequestIssued(h.store, [row?.id ?? 0], DEAD_CLAIM.owner);
    await waitFor('failed', () => getNotification(h.store, row?.id ?? 0)?.state === 'failed', 5_000);
    expect(getNotification(h.store, row?.id ?? 0)?.lastError).toMatch(/interrupted mid-send/);
    expect(h.emulator.sent()).toEqual([]);
  });

  it('sends a row again when the attempt that claimed it died before its request left', async () => {
    const h = await start();
    const to = h.fx.person.repB1;
    const [row] = await h.plan([notification({ recipientId: to, sendAt: DateTime.now().plus({ seconds: 1 }) })]);
    claimForSending(h.store, [row?.id ?? 0], DEAD_CLAIM);
    await waitFor('sent', () => getNotification(h.store, row?.id ?? 0)?.state === 'sent', 5_000);
    expect(h.emulator.sent(chatOf(to))).toHaveLength(1);
  });

  it("leaves a live attempt's claim alone and settles the row only once that attempt's lease has run out", async () => {
    const h = await start();
    const to = h.fx.person.repB1;
    const [row] = await h.plan([notification({ recipientId: to, sendAt: DateTime.now() })]);
    // another worker (another QUEUE_PREFIX on the same database, or a second job after a Redis flush) holds it
    const leaseUntil = Date.now() + 1_500;
    claimForSending(h.store, [row?.id ?? 0], { owner: 'other-worker/1', leaseUntil });
    await waitFor('sent', () => getNotification(h.store, row?.id ?? 0)?.state === 'sent', 10_000);
    const [sent] = h.emulator.sent(chatOf(to));
    expect(h.emulator.sent(chatOf(to))).toHaveLength(1);
    // sent by this worker only after the holder's lease ended, not taken from under a live attempt
    expect(h.emulator.startedAt + (sent?.at ?? 0)).toBeGreaterThanOrEqual(leaseUntil);
  });

  it("drops a bundle whose recipient's day is over instead of sending it late (a worker running alone after downtime)", async () => {
    const h = await start();
    const to = h.fx.person.repB1;
    // planned for yesterday morning, found by a worker that only comes back today
    const [row] = await h.plan([notification({ recipientId: to, sendAt: DateTime.now().minus({ days: 1 }) })]);
    await waitFor('skipped', () => getNotification(h.store, row?.id ?? 0)?.state === 'skipped', 5_000);
    expect(getNotification(h.store, row?.id ?? 0)?.lastError).toBe('day passed');
    expect(h.emulator.sent(chatOf(to))).toEqual([]);
  });
});
