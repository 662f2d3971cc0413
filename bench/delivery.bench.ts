/**
 * Delivery at Telegram's limits: 3,000 messages to 1,000 chats (three each) through the loopback Bot API
 * emulator enforcing 30 messages/s overall and 1/s per chat (429 past them), on real Redis and SQLite.
 * Takes about 100 s: the limit, not the code, sets the pace. The emulator runs on a thread of its own, as
 * Telegram is a server elsewhere: the worker's load must not delay the clock that judges its pace.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listNotifications } from '../src/db/notifications.js';
import { startRedisServer } from '../src/queue/redis-server.js';
import { notification, startDeliveryHarness } from '../test/support/delivery-harness.js';
import { waitFor } from '../test/support/wait.js';
import { peakRssMb, report } from './report.js';

const CHATS = 1000;
const PER_CHAT = 3;
const TOTAL = CHATS * PER_CHAT;

const redis = await startRedisServer({ dataDir: null });
const dir = mkdtempSync(join(tmpdir(), 'delivery-bench-'));
const h = await startDeliveryHarness({
  redisUrl: redis.url,
  databasePath: join(dir, 'bench.db'),
  emulatorLimits: { globalPerSec: 30, perChatMs: 1000 },
  emulatorThread: true,
  limits: { globalPerSec: 30, perChatMs: 1000 },
  extraPeople: CHATS,
});
try {
  const sendAt = DateTime.now().plus({ seconds: 2 });
  const planned = [];
  for (let round = 0; round < PER_CHAT; round += 1) {
    for (const recipientId of h.extraPeople) {
      const dedupeKey = `bench/${recipientId}/${round}`;
      const n = notification({ recipientId, sendAt, dedupeKey, kind: 'returned', bundleKey: `${recipientId}@x/${dedupeKey}` });
      planned.push({ ...n, params: { key: dedupeKey } });
    }
  }
  await h.plan(planned);
  await waitFor('every notification handled', () => listNotifications(h.store, { state: 'sent', limit: TOTAL }).length === TOTAL
    || listNotifications(h.store, { state: 'failed' }).length + listNotifications(h.store, { state: 'dead' }).length > 0, 600_000, 1000);

  const sent = h.emulator.sent();
  const keys = sent.map((m) => JSON.parse((m.text ?? '').replace(/^\S+ /, '')) as { key: string });
  const unique = new Set(keys.map((k) => k.key));
  const first = sent[0]?.at ?? 0;
  const last = sent.at(-1)?.at ?? 0;
  const rows = listNotifications(h.store, { state: 'sent', limit: TOTAL });
  const delays = rows
    .map((r) => DateTime.fromISO(r.sentAt ?? '').toMillis() - DateTime.fromISO(r.sendAt).toMillis())
    .sort((a, b) => a - b);
  const p95 = delays[Math.floor(delays.length * 0.95)] ?? 0;

  report('delivery.throughput', (sent.length - 1) / ((last - first) / 1000), 'msg/s', '>= 28');
  report('delivery.rate_limited', h.emulator.rateLimited(), '429s', '0');
  report('delivery.duplicates', sent.length - unique.size, 'messages', '0');
  report('delivery.lost', TOTAL - unique.size, 'messages', '0');
  report('delivery.p95_delay', p95 / 1000, 's behind send time');
  report('delivery.peak_rss', peakRssMb(), 'MB (worker, with the emulator thread)');
} finally {
  await h.stop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
