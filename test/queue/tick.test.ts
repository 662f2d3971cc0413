import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, offsetClock } from '../../src/config/clock.js';
import { openStore, type Store } from '../../src/db/client.js';
import { listNotifications, loadBundle } from '../../src/db/notifications.js';
import { itemStatuses, notifications } from '../../src/db/schema.js';
import { runTick, type TickResult } from '../../src/queue/tick.js';
import { noJobsDueBy } from '../support/queue-drained.js';
import { waitFor } from '../support/wait.js';
import { chatsReached, createHarness, dueBundles, dueRowsIn, duplicates, type Harness } from './harness.js';
import { FEDERAL_SCHEDULE, seedWave, SETTINGS, WAVE_AT } from './wave-fixture.js';

function rowsByState(store: Store): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of store.db.select({ state: notifications.state }).from(notifications).all()) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

/**
 * The wave due by `at` is over: every row sent or never to be (skipped, dead, failed), and no job for one
 * of them left in the queue, so nothing can still arrive after the test's "once" and "not sent" checks.
 */
async function waveSettled(h: Harness, store: Store, at: DateTime): Promise<boolean> {
  return dueRowsIn(store, at, ['sent', 'skipped', 'dead', 'failed']) && (await noJobsDueBy(h.queue, store, at));
}

describe('runTick with the delivery worker', () => {
  let h: Harness;
  let store: Store;
  let dir: string;
  beforeEach(async () => {
    h = await createHarness();
    dir = mkdtempSync(join(tmpdir(), 'tick-test-'));
    store = openStore(join(dir, 'bot.db'));
  });
  afterEach(async () => {
    await h.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('times the morning bundles of people who never set a window inside the configured default window', async () => {
    seedWave(store, 3);
    const clock = fixedClock(WAVE_AT.minus({ hours: 2 }));
    const late = { windowStart: '11:00', windowEnd: '18:00', digestDay: 1 };
    const result = await runTick({ store, queue: h.queue, clock, schedules: FEDERAL_SCHEDULE, settings: SETTINGS, log: pino({ level: 'silent' }), preferenceDefaults: late });
    expect(result.inserted).toBeGreaterThan(0);
    const times = new Set(listNotifications(store).map((n) => DateTime.fromISO(n.sendAt, { zone: n.zone }).toFormat('HH:mm')));
    // the 09:30 send time moves to the window's opening, for everyone (none of the wave set a window)
    expect([...times]).toEqual(['11:00']);
  });

  it('delivers a planned notification once, at its minute, and records it sent', async () => {
    seedWave(store, 3);
    // two seconds before the morning send time, running on in real time
    const clock = offsetClock(WAVE_AT.minus({ seconds: 2 }));
    const result = await h.tick(store, clock);
    expect(result.inserted).toBeGreaterThan(0);
    h.startWorker(store, clock);
    const due = dueBundles(store, WAVE_AT);
    expect(h.emulator.sent()).toHaveLength(0);
    // the wave's jobs wait in the queue until their minute (what waveSettled waits to see gone)
    expect(await noJobsDueBy(h.queue, store, WAVE_AT)).toBe(false);
    await waitFor('the morning wave', () => chatsReached(h.emulator).size >= due.size);
    await waitFor('rows recorded sent', () => waveSettled(h, store, WAVE_AT));

    expect(duplicates(h.emulator)).toBe(0);
    expect(chatsReached(h.emulator).size).toBe(due.size);
    const sent = store.db.select().from(notifications).where(eq(notifications.state, 'sent')).all();
    expect(sent.length).toBeGreaterThan(0);
    for (const row of sent) {
      expect(row.telegramMessageId).not.toBeNull();
      // at its minute: not before the planned instant, and within seconds of it
      const lag = Date.parse(row.sentAt ?? '') - Date.parse(row.sendAt);
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(5_000);
    }
  });

  it('re-enqueues the rest of a wave after Redis loses its keys mid-wave: nothing lost, nothing twice', async () => {
    seedWave(store, 60);
    const clock = fixedClock(WAVE_AT);
    await h.tick(store, clock);
    const due = dueBundles(store, WAVE_AT);
    h.startWorker(store, clock, { globalPerSec: 40, perChatMs: 0 });
    await waitFor('the wave to be under way', () => h.emulator.sent().length >= 20);
    expect(await h.flushQueueKeys()).toBeGreaterThan(0);
    const sentBeforeTick = h.emulator.sent().length;
    expect(sentBeforeTick).toBeLessThan(due.size);

    const reconciled = await h.tick(store, clock);
    expect(reconciled.inserted).toBe(0);
    expect(reconciled.enqueued).toBeGreaterThan(0);
    await waitFor('the rest of the wave', () => waveSettled(h, store, WAVE_AT));

    expect(chatsReached(h.emulator).size).toBe(due.size);
    expect(duplicates(h.emulator)).toBe(0);
    expect(rowsByState(store).failed ?? 0).toBe(0);
  });

  it('produces each notification once when two schedulers tick at the same moment', async () => {
    seedWave(store, 40);
    const child = join(import.meta.dirname, 'tick-child.ts');
    const startAt = Date.now() + 2_500;
    const run = () =>
      promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        child,
        join(dir, 'bot.db'),
        h.redisUrl,
        h.prefix,
        WAVE_AT.toISO() ?? '',
        String(startAt),
      ]);
    const results = (await Promise.all([run(), run()])).map((o) => JSON.parse(o.stdout) as TickResult);
    const stored = store.db.select({ id: notifications.id }).from(notifications).all().length;
    expect(results[0]!.inserted + results[1]!.inserted).toBe(stored);

    h.startWorker(store, fixedClock(WAVE_AT));
    const due = dueBundles(store, WAVE_AT);
    await waitFor('the wave', () => waveSettled(h, store, WAVE_AT));
    expect(chatsReached(h.emulator).size).toBe(due.size);
    expect(duplicates(h.emulator)).toBe(0);
  });

  it('does not send a reminder whose item was done between planning and sending', async () => {
    const roster = seedWave(store, 5);
    const clock = fixedClock(WAVE_AT);
    await h.tick(store, clock);
    const schoolId = roster.schoolIds[0]!;
    const rep = [...roster.chats].find(([, personId]) => personId === schoolRep(store, schoolId))!;
    const bundleKey = `${rep[1]}@${WAVE_AT.toISODate()}`;
    const bundle = loadBundle(store, bundleKey);
    expect(bundle.length).toBeGreaterThan(0);
    // the school finishes every item of its morning message before the worker gets to it
    for (const row of bundle) {
      if (row.item === null) continue;
      store.db
        .insert(itemStatuses)
        .values({
          scheduleId: row.item.scheduleId,
          occurrenceKey: row.item.occurrenceKey,
          subjectType: row.item.subject.type,
          subjectId: row.item.subject.id,
          status: 'done',
          updatedAt: WAVE_AT.toUTC().toISO() ?? '',
        })
        .onConflictDoNothing()
        .run();
    }
    h.startWorker(store, clock);
    await waitFor('the wave', () => waveSettled(h, store, WAVE_AT));

    expect(h.emulator.sent(rep[0])).toHaveLength(0);
    expect(loadBundle(store, bundleKey).every((r) => r.state === 'skipped')).toBe(true);
    expect(chatsReached(h.emulator).size).toBe(dueBundles(store, WAVE_AT).size - 1);
  });

  it("after a day of downtime skips yesterday's reminders and sends today's late", async () => {
    seedWave(store, 10);
    // the last tick before the outage plans 31.05 and 01.06; nothing is delivered on 31.05
    await h.tick(store, fixedClock(WAVE_AT.minus({ minutes: 30 })));
    const yesterday = store.db
      .select()
      .from(notifications)
      .all()
      .filter((r) => r.bundleKey.endsWith(`@${WAVE_AT.toISODate()}`));
    expect(yesterday.length).toBeGreaterThan(0);
    await h.flushQueueKeys();

    // back on 01.06 at 10:15, forty-five minutes after that morning's send time
    const back = WAVE_AT.plus({ days: 1, minutes: 45 });
    const clock = fixedClock(back);
    const result = await h.tick(store, clock);
    expect(result.skipped['day passed']).toBe(yesterday.length);
    expect(result.late).toBeGreaterThan(0);
    h.startWorker(store, clock);
    await waitFor("today's messages", () => waveSettled(h, store, back));

    const ids = yesterday.map((r) => r.id);
    const stale = store.db.select().from(notifications).where(inArray(notifications.id, ids)).all();
    expect(stale.every((r) => r.state === 'skipped' && r.lastError === 'day passed')).toBe(true);
    const today = dueBundles(store, back);
    const sentToday = [...today].filter((b) => b.endsWith(`@${back.toISODate()}`));
    expect(chatsReached(h.emulator).size).toBe(sentToday.length);
    expect(duplicates(h.emulator)).toBe(0);
  });
});

function schoolRep(store: Store, schoolId: number): number {
  const row = store.sqlite.prepare("select id from people where role = 'school' and school_id = ?").get(schoolId) as { id: number };
  return row.id;
}
