/**
 * The one rig every test and bench that delivers builds on: a Bot API emulator on loopback, a private key
 * prefix on the suite's Redis with its delivery queue, and delivery workers sending to the emulator through
 * the production send path. The queue tests, the delivery tests and the bot tests add their own world (a
 * roster, a clock, a bot) on top. Needs no vitest runner, so benches and child processes use it too.
 */
import type { DeliveryLimits } from '../../src/delivery/pacing.js';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Render } from '../../src/delivery/send-path.js';
import { createTelegramTransport } from '../../src/delivery/telegram-transport.js';
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerDeps,
} from '../../src/delivery/worker.js';
import { createDeliveryQueue, type DeliveryQueue } from '../../src/queue/queues.js';
import { createRedisClient } from '../../src/queue/redis.js';
import { createEmulatorWorker, silent, TOKEN } from '../queue/emulator-worker.js';
import { type BotApiEmulator, type EmulatorLimits, startBotApiEmulator } from './bot-api-emulator.js';
import { startEmulatorThread } from './emulator-thread.js';

export interface RigOptions {
  redisUrl: string;
  /** Limits the emulator enforces (none by default). */
  emulatorLimits?: EmulatorLimits | null;
  /** Runs the emulator on a thread of its own (benches whose load would stall it; see emulator-thread.ts). */
  emulatorThread?: boolean;
}

/** What a test picks for a worker; the rest (connection, prefix, queue, transport, log) is the rig's. */
export type RigWorkerOptions = Pick<DeliveryWorkerDeps, 'store' | 'clock'> &
  Partial<Pick<DeliveryWorkerDeps, 'retry' | 'burst' | 'concurrency' | 'stall'>> & {
    limits?: DeliveryLimits;
    /** Default: production's Fluent render with the callback-data codec. */
    render?: Render;
    /** HTTP timeout per request of a custom-render worker. @defaultValue 5 */
    timeoutSeconds?: number;
  };

export interface DeliveryRig {
  redisUrl: string;
  prefix: string;
  connection: Redis;
  queue: DeliveryQueue;
  emulator: BotApiEmulator;
  /** A delivery worker on a connection of its own, closed with the rig. */
  startWorker(options: RigWorkerOptions): DeliveryWorker;
  /** Deletes every key under the prefix, as a FLUSHALL would (without touching other tests' keys). */
  flushQueueKeys(): Promise<number>;
  close(): Promise<void>;
}

/** Fast by default: tests that are about Telegram's limits ask for them. */
export const UNPACED: DeliveryLimits = { globalPerSec: 1000, perChatMs: 0 };

export async function startDeliveryRig(options: RigOptions): Promise<DeliveryRig> {
  const { redisUrl } = options;
  const prefix = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const connection = createRedisClient(redisUrl);
  const queue = createDeliveryQueue(connection, prefix);
  const emulatorOptions = { limits: options.emulatorLimits ?? null };
  const emulator = options.emulatorThread ? await startEmulatorThread(emulatorOptions) : await startBotApiEmulator(emulatorOptions);
  const workers: { worker: DeliveryWorker; connection: Redis }[] = [];

  const flushQueueKeys = async () => {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) removed += await connection.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return removed;
  };

  return {
    redisUrl,
    prefix,
    connection,
    queue,
    emulator,
    startWorker({ render, limits = UNPACED, retry = { attempts: 3, backoffMs: 200 }, timeoutSeconds = 5, ...rest }) {
      const workerConnection = createRedisClient(redisUrl);
      const deps = { ...rest, connection: workerConnection, prefix, queue, limits, retry };
      const worker =
        render === undefined
          ? createEmulatorWorker({ ...deps, apiRoot: emulator.url })
          : createDeliveryWorker({
              ...deps,
              render,
              transport: createTelegramTransport({ token: TOKEN, apiRoot: emulator.url, timeoutSeconds }),
              log: silent,
            });
      workers.push({ worker, connection: workerConnection });
      return worker;
    },
    flushQueueKeys,
    async close() {
      for (const w of workers) {
        await w.worker.close();
        await w.connection.quit();
      }
      await queue.obliterate({ force: true });
      await flushQueueKeys();
      await queue.close();
      await connection.quit();
      await emulator.stop();
    },
  };
}
