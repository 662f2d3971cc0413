/**
 * A registration burst during the morning wave: 1,200 people open their invite links within a second while
 * the worker delivers 1,200 morning bundles to 1,200 others who joined before, all through one token against the loopback Bot API emulator
 * enforcing Telegram's limits (30 messages/s overall, 1/s per chat; 429 past them). The bot's replies and
 * the worker pace on the same Redis clocks. About 90 s: the limit sets the pace. The emulator runs on a
 * thread of its own, as Telegram is a server elsewhere: the bot's load must not delay the clock that judges it.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startBot } from '../src/bot/launch.js';
import { systemClock } from '../src/config/clock.js';
import { issueInvites } from '../src/db/invites.js';
import { listNotifications } from '../src/db/notifications.js';
import { people } from '../src/db/schema.js';
import { inArray } from 'drizzle-orm';
import { DEFAULT_PLANNER_SETTINGS } from '../src/planner/types.js';
import { startRedisServer } from '../src/queue/redis-server.js';
import { createRedisClient } from '../src/queue/redis.js';
import { TOKEN } from '../test/queue/emulator-worker.js';
import { chatOf, notification, startDeliveryHarness } from '../test/support/delivery-harness.js';
import { waitFor } from '../test/support/wait.js';
import { peakRssMb, report } from './report.js';

const PEOPLE = Number(process.env.BURST_PEOPLE ?? 1200);
const TELEGRAM = { globalPerSec: 30, perChatMs: 1000 };

const redis = await startRedisServer({ dataDir: null });
const dir = mkdtempSync(join(tmpdir(), 'burst-bench-'));
const h = await startDeliveryHarness({
  redisUrl: redis.url,
  databasePath: join(dir, 'bench.db'),
  emulatorLimits: TELEGRAM,
  emulatorThread: true,
  limits: TELEGRAM,
  extraPeople: 2 * PEOPLE,
});
// the first half joined before and get the wave; the second half have not joined yet and open their invites
const joined = h.extraPeople.slice(0, PEOPLE);
const joining = h.extraPeople.slice(PEOPLE);
h.store.db.update(people).set({ chatId: null, telegramUserId: null }).where(inArray(people.id, joining)).run();
const pacingClient = createRedisClient(redis.url);
const bot = await startBot({
  token: TOKEN,
  apiRoot: h.emulator.url,
  store: h.store,
  schedules: [],
  clock: systemClock,
  log: pino({ level: 'silent' }),
  config: { planner: DEFAULT_PLANNER_SETTINGS, deadlineDays: 14 },
  pacing: { redis: pacingClient, prefix: h.prefix, limits: TELEGRAM },
});
try {
  const invites = issueInvites(h.store, joining, { now: DateTime.now(), ttlDays: 30 });
  const sendAt = DateTime.now();
  // what a real morning reminder carries
  const params = { title: 'Размещение концептуальных документов', due: '2022-06-01', timing: 'other', days: 3, subject: 'МОУ СОШ № 1', municipality: 'Балаковский район' };
  await h.plan(joined.map((recipientId) => ({ ...notification({ recipientId, sendAt, dedupeKey: `burst/${recipientId}` }), params })));
  const pressedAt = new Map<string, number>();
  for (const invite of invites) {
    const chat = Number(chatOf(invite.personId));
    pressedAt.set(String(chat), Date.now());
    h.emulator.injectUpdate({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat, type: 'private', first_name: 'U' },
        from: { id: chat, is_bot: false, first_name: 'U' },
        text: `/start ${invite.code}`,
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
  }
  const greetings = () => h.emulator.sent().filter((m) => (m.text ?? '').startsWith('Здравствуйте'));
  const bundlesSent = () => listNotifications(h.store, { state: 'sent', limit: 3 * PEOPLE }).filter((n) => n.dedupeKey.startsWith('burst/')).length;
  await waitFor('every greeting and every bundle', () => greetings().length >= PEOPLE && bundlesSent() === PEOPLE, 600_000, 1000);
  const sent = h.emulator.sent();
  const first = Math.min(...sent.map((m) => m.at));
  const last = Math.max(...sent.map((m) => m.at));
  const latencies = greetings()
    .map((m) => h.emulator.startedAt + m.at - (pressedAt.get(m.chatId) ?? 0))
    .sort((a, b) => a - b);

  report('burst.greetings_delivered', new Set(greetings().map((m) => m.chatId)).size, `of ${PEOPLE}`, String(PEOPLE));
  report('burst.bundles_delivered', bundlesSent(), `of ${PEOPLE}`, String(PEOPLE));
  report('burst.rate_limited', h.emulator.rateLimited(), '429s', '0');
  report('burst.throughput', (sent.length - 1) / ((last - first) / 1000), 'msg/s', '>= 28');
  report('burst.reply_latency.p95', (latencies[Math.floor(latencies.length * 0.95)] ?? 0) / 1000, 's from /start to the greeting, under load');
  report('burst.peak_rss', peakRssMb(), 'MB (bot and worker, with the emulator thread)');
} finally {
  await bot.stop();
  await pacingClient.quit();
  await h.stop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
