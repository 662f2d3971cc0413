/**
 * `npm run demo`: the production wiring (store file, real Redis, BullMQ worker, planner, renderer) over the
 * demo roster, both 2022 schedules and the demo statuses, with a clock that jumps from one send time to the
 * next across the working days around the stage 1 deadline, printing every message through the dry-run
 * console transport. Its own database file and queue prefix keep it away from production data; it removes
 * its queue keys and temporary files on the way out.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { type Service, startService } from '../app/service.js';
import { plannerSettingsFrom } from '../app/settings.js';
import type { Clock } from '../config/clock.js';
import { loadConfig } from '../config/env.js';
import { openStore, type Store } from '../db/client.js';
import { countDueUnsettled, deliveryTally, loadBundle, loadWaiting, nextUnsettledSendAt, UNSETTLED_STATES } from '../db/notifications.js';
import { assignChatsFromIds } from '../db/people.js';
import { applyTransition, getStatus } from '../db/statuses.js';
import { createRenderer, type Renderer } from '../delivery/render.js';
import { OPEN_STATUSES } from '../domain/status-machine.js';
import { connectRedis, type RedisConnection } from '../queue/redis.js';
import { importRoster } from '../roster/import.js';
import { loadSchedules } from '../schedule/load.js';
import type { Schedule } from '../schedule/types.js';
import { importStatuses, readStatusFile } from '../tabular/status-import.js';
import type { Command } from './io.js';
import { parseOptions } from './options.js';
import { nextStopSignal } from './command-support.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_ROSTER = join(ROOT, 'data/demo/roster.csv');
const DEMO_STATUSES = join(ROOT, 'data/demo/statuses.csv');
const DEMO_SCHEDULES = join(ROOT, 'schedules');
/** Recreated on every run; `DEMO_DATABASE_PATH` moves it and `DEMO_STATUSES_PATH` swaps the statuses (tests). */
const DEMO_DATABASE = './data/demo.db';

/** The day before the stage 1 deadline (Wed 01.06.2022), before anyone's morning message. */
const DEMO_FROM = '2022-05-31T06:00+03:00';
/** Through the escalations after the deadline and the weekly Monday digest. */
const DEMO_TO = '2022-06-06T20:00+03:00';
/** The clock never jumps further than this at once, so every day gets ticks that plan it. */
const MAX_JUMP_HOURS = 6;
/** Real time a step may take to deliver what came due before the demo calls it stuck. */
const STEP_TIMEOUT_MS = 30_000;
/** The morning a few schools report done before their message goes out, to show the worker's re-check. */
const EARLY_BIRDS_AT = '2022-06-01T05:00+03:00';
const EARLY_BIRDS = 3;
/** Items due before this are not chased: the demo starts mid-season, like a real roll-out. */
const TRACKING_SINCE = '2022-05-01';

/** A clock the demo moves by hand, then (with --follow) lets run on in real time. */
interface DemoClock extends Clock {
  set(at: DateTime): void;
  runFromNow(): void;
}

function demoClock(start: DateTime): DemoClock {
  let at = start;
  let runningSince: number | null = null;
  return {
    now: () => (runningSince === null ? at : at.plus({ milliseconds: Date.now() - runningSince })),
    set: (next) => {
      at = next;
      runningSince = null;
    },
    runFromNow: () => {
      runningSince = Date.now();
    },
  };
}


/**
 * BullMQ delays run on real time; the demo's clock jumps. A delayed job whose bundle is due by the demo's
 * `now` is promoted so the worker takes it at once.
 */
async function promoteDue(service: Service, nowIso: string): Promise<void> {
  for (const job of await service.queue.getDelayed()) {
    const rows = loadBundle(service.store, job.data.bundleKey);
    if (rows.some((r) => UNSETTLED_STATES.includes(r.state) && r.sendAt <= nowIso)) await job.promote();
  }
}

async function deliverDue(service: Service, nowIso: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    await promoteDue(service, nowIso);
    if (countDueUnsettled(service.store, nowIso) === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`demo: notifications due by ${nowIso} still unsent after ${STEP_TIMEOUT_MS} ms; is the worker stuck?`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function seed(store: Store, schedules: ReturnType<typeof loadSchedules>, statusesFile: string, now: DateTime) {
  await importRoster(store.db, DEMO_ROSTER, { now });
  // everyone in the demo has opened their invite link, so every message has a chat to go to
  assignChatsFromIds(store, 900_000_000);
  return importStatuses(store, await readStatusFile(statusesFile), { schedules, now, dryRun: false });
}

/**
 * A few schools press «Сделано» on an item whose message is already queued for the morning (items without
 * confirm_by, so done is final): the worker re-reads the status and skips those items. Returns how many.
 */
function finishEarly(store: Store, schedules: readonly Schedule[], now: DateTime): number {
  const confirmed = new Set(
    schedules.flatMap((s) => s.milestones.filter((m) => m.confirmBy !== null).map((m) => `${s.id}/${m.id}`)),
  );
  const waiting = loadWaiting(store).filter(
    (r) =>
      r.item !== null &&
      r.item.subject.type === 'school' &&
      r.recipientRole === 'school' &&
      !confirmed.has(`${r.item.scheduleId}/${r.item.occurrenceKey.split('@')[0] ?? ''}`),
  );
  const done = new Set<string>();
  for (const row of waiting) {
    if (done.size >= EARLY_BIRDS || row.item === null) break;
    const key = `${row.item.scheduleId}/${row.item.occurrenceKey}/${row.item.subject.id}`;
    if (done.has(key) || !OPEN_STATUSES.includes(getStatus(store, row.item)?.status ?? 'pending')) continue;
    applyTransition(
      store,
      { ...row.item, to: 'done', actorId: row.recipientId, capacities: ['assignee'], via: 'button', requiresConfirmation: false },
      now,
    );
    done.add(key);
  }
  return done.size;
}

function summary(store: Store, renderer: Renderer, range: { from: string; to: string }): string[] {
  const rows = deliveryTally(store);
  const count = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
  const sent = rows.filter((r) => r.state === 'sent');
  const messagesByRole = new Map<string, Set<string>>();
  for (const r of sent) messagesByRole.set(r.role, (messagesByRole.get(r.role) ?? new Set()).add(r.bundleKey));
  const kinds = new Map<string, number>();
  for (const r of sent) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const f = (id: string, params: Record<string, string | number> = {}) => renderer.format(id, params);
  return [
    '',
    f('demo-summary-title', range),
    f('demo-summary-messages', { messages: new Set(sent.map((r) => r.bundleKey)).size, items: sent.length }),
    f('demo-summary-states', {
      sent: sent.length,
      skipped: count((r) => r.state === 'skipped'),
      dead: count((r) => r.state === 'dead' || r.state === 'failed'),
      waiting: count((r) => UNSETTLED_STATES.includes(r.state)),
    }),
    f('demo-summary-by-kind'),
    ...[...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${f('demo-summary-kind', { kind: f('demo-kind', { kind }), count: n })}`),
    f('demo-summary-by-role'),
    ...[...messagesByRole].map(([role, bundles]) => `  ${f('demo-summary-role', { role: f('demo-role', { role }), count: bundles.size })}`),
  ];
}

/** Deletes every Redis key under the demo's prefix: the queue's, and the chat pacing keys. */
async function removeKeys(redis: RedisConnection, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** `roadmap-bot demo [--follow]`. */
export const demoCommand: Command = async (argv, io) => {
  const { follow } = parseOptions(
    { args: argv, options: { follow: { type: 'boolean', default: false } } },
    'Usage: roadmap-bot demo [--follow]',
  ).values;
  const prefix = `roadmap-demo-${process.pid}`;
  const databasePath = io.env.DEMO_DATABASE_PATH ?? DEMO_DATABASE;
  const config = loadConfig({
    ...io.env,
    DATABASE_PATH: databasePath,
    QUEUE_PREFIX: prefix,
    DRY_RUN: '1',
    NOW: DEMO_FROM,
    LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn',
    // the console has no Telegram limits to respect, and days pass in seconds: pace only the printing
    RATE_GLOBAL_PER_SEC: '1000',
    RATE_PER_CHAT_MS: '0',
  });
  const log = pino({ level: config.LOG_LEVEL, name: 'roadmap-demo' }, pino.destination(2));
  const from = DateTime.fromISO(DEMO_FROM, { setZone: true });
  const to = DateTime.fromISO(DEMO_TO, { setZone: true });
  const clock = demoClock(from);
  const renderer = createRenderer();
  const moscow = (at: DateTime) => at.setZone('Europe/Moscow').setLocale('ru').toFormat('ccc dd.MM.yyyy HH:mm');

  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  const schedules = loadSchedules(DEMO_SCHEDULES);
  const seeding = openStore(databasePath);
  let statuses: number;
  try {
    statuses = (await seed(seeding, schedules, io.env.DEMO_STATUSES_PATH ?? DEMO_STATUSES, from)).changes.length;
  } finally {
    seeding.close();
  }

  const redisDir = mkdtempSync(join(tmpdir(), 'roadmap-demo-redis-'));
  let redis: RedisConnection | null = null;
  let service: Service | null = null;
  try {
    redis = await connectRedis(config, log, { dataDir: redisDir });
    service = await startService({
      config,
      clock,
      parts: new Set(['worker']),
      log,
      out: io.out,
      schedules,
      settings: { ...plannerSettingsFrom(config), trackingSince: TRACKING_SINCE },
      redis,
      cron: false,
    });
    const roster = service.store.sqlite.prepare('select (select count(*) from schools) as schools, (select count(*) from people) as people').get() as {
      schools: number;
      people: number;
    };
    io.out(
      renderer.format('demo-intro', { ...roster, schedules: schedules.length, statuses, from: moscow(from), to: moscow(to) }),
    );

    const earlyBirdsAt = DateTime.fromISO(EARLY_BIRDS_AT, { setZone: true });
    let earlyBirdsDone = false;
    for (let at = from; at <= to; ) {
      clock.set(at);
      const nowIso = at.toUTC().toISO() ?? '';
      const before = countDueUnsettled(service.store, nowIso);
      const tick = await service.tick();
      if (!earlyBirdsDone && at >= earlyBirdsAt) {
        earlyBirdsDone = true;
        io.out(`\n${renderer.format('demo-early-birds', { schools: finishEarly(service.store, schedules, at), when: moscow(at) })}`);
      }
      if (before + tick.inserted > 0 && countDueUnsettled(service.store, nowIso) > 0) io.out(`\n${renderer.format('demo-step', { when: moscow(at) })}`);
      await deliverDue(service, nowIso);
      const next = nextUnsettledSendAt(service.store, nowIso);
      const cap = at.plus({ hours: MAX_JUMP_HOURS });
      at = next !== null && DateTime.fromISO(next) < cap ? DateTime.fromISO(next, { zone: 'utc' }) : cap;
    }
    for (const line of summary(service.store, renderer, { from: moscow(from), to: moscow(to) })) io.out(line);

    if (follow) {
      clock.set(to);
      clock.runFromNow();
      io.out(renderer.format('demo-follow', { from: moscow(to) }));
      const timer = setInterval(() => {
        if (service) void service.tick().catch((error: unknown) => log.error({ err: error }, 'demo tick failed'));
      }, 60_000);
      await nextStopSignal();
      clearInterval(timer);
    }
    return 0;
  } finally {
    if (service !== null) {
      await service.queue.obliterate({ force: true });
      await service.stop();
    }
    if (redis !== null) {
      await removeKeys(redis, prefix);
      await redis.close();
    }
    rmSync(redisDir, { recursive: true, force: true });
  }
};
