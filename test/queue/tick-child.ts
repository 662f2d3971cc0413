/**
 * A second scheduler process for the concurrency test: opens the shared database file and Redis, waits for
 * the agreed start, runs one tick at the given instant and prints its result as one JSON line.
 */
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { fixedClock } from '../../src/config/clock.js';
import { openStore } from '../../src/db/client.js';
import { createDeliveryQueue } from '../../src/queue/queues.js';
import { createRedisClient } from '../../src/queue/redis.js';
import { runTick } from '../../src/queue/tick.js';
import { FEDERAL_SCHEDULE, SETTINGS } from './wave-fixture.js';

const [dbPath, redisUrl, prefix, at, startAt] = process.argv.slice(2);
if (!dbPath || !redisUrl || !prefix || !at || !startAt) throw new Error('usage: tick-child DB REDIS_URL PREFIX ISO START_MS');

const store = openStore(dbPath, { migrate: false });
const connection = createRedisClient(redisUrl);
const queue = createDeliveryQueue(connection, prefix);
await queue.waitUntilReady();
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const result = await runTick({
  store,
  queue,
  clock: fixedClock(DateTime.fromISO(at)),
  schedules: FEDERAL_SCHEDULE,
  settings: SETTINGS,
  log: pino({ level: 'silent' }),
});
await queue.close();
await connection.quit();
store.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
