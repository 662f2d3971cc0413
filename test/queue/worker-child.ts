/**
 * A delivery worker in its own process, for the crash test: the shared database file, Redis and the
 * emulator; BullMQ locks short enough that a restarted worker takes over a dead one's jobs in seconds.
 * Prints "ready" once it listens; SIGTERM closes it, SIGKILL is the point of the test.
 */
import { DateTime } from 'luxon';
import { fixedClock } from '../../src/config/clock.js';
import { openStore } from '../../src/db/client.js';
import { createDeliveryQueue } from '../../src/queue/queues.js';
import { createRedisClient } from '../../src/queue/redis.js';
import { createEmulatorWorker } from './emulator-worker.js';

const [dbPath, redisUrl, prefix, apiRoot, at] = process.argv.slice(2);
if (!dbPath || !redisUrl || !prefix || !apiRoot || !at) throw new Error('usage: worker-child DB REDIS_URL PREFIX API_ROOT ISO');

const store = openStore(dbPath, { migrate: false });
const queueConnection = createRedisClient(redisUrl);
const workerConnection = createRedisClient(redisUrl);
const queue = createDeliveryQueue(queueConnection, prefix);
const delivery = createEmulatorWorker({
  store,
  connection: workerConnection,
  prefix,
  queue,
  apiRoot,
  clock: fixedClock(DateTime.fromISO(at)),
  limits: { globalPerSec: 200, perChatMs: 0 },
  concurrency: 10,
  stall: { lockDurationMs: 2_000, stalledIntervalMs: 1_000 },
});
await delivery.worker.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void delivery.close().then(async () => {
    await queue.close();
    await queueConnection.quit();
    await workerConnection.quit();
    store.close();
  });
});
