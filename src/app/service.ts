/**
 * The long-lived service: the scheduler (node-cron tick), the delivery worker and the bot, each optional,
 * sharing one store and one Redis. `roadmap-bot start` and the demo both build it here, so the demo runs the
 * production wiring. Stopping takes no new work, lets what is in flight finish, then closes connections.
 */
import { dirname, join } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { type RunningBot, startBot } from '../bot/launch.js';
import { createTelegramRender } from '../bot/telegram-render.js';
import type { Clock } from '../config/clock.js';
import type { Config } from '../config/env.js';
import { redactUrl } from '../config/redact.js';
import { openStore, type Store } from '../db/client.js';
import { createConsoleTransport } from '../delivery/console-transport.js';
import { createRenderer } from '../delivery/render.js';
import { createTelegramTransport } from '../delivery/telegram-transport.js';
import type { Transport } from '../delivery/transport.js';
import { closeWhenReady, createDeliveryWorker, type DeliveryWorker } from '../delivery/worker.js';
import { type PlannerSettings } from '../planner/types.js';
import { createDeliveryQueue, type DeliveryQueue, type RetryPolicy } from '../queue/queues.js';
import { connectRedis, createRedisClient, type RedisConnection } from '../queue/redis.js';
import { runTick, type TickResult } from '../queue/tick.js';
import { loadSchedules } from '../schedule/load.js';
import type { Schedule } from '../schedule/types.js';
import { botDepsFromConfig, deliveryLimitsFrom, plannerSettingsFrom, preferenceDefaultsFrom } from './settings.js';

export const SERVICE_PARTS = ['scheduler', 'worker', 'bot'] as const;
export type ServicePart = (typeof SERVICE_PARTS)[number];

export interface ServiceOptions {
  config: Config;
  clock: Clock;
  /** Which parts run in this process. */
  parts: ReadonlySet<ServicePart>;
  log: Logger;
  /** Where the dry-run console transport prints. */
  out: (text: string) => void;
  /** Defaults: the files in SCHEDULES_DIR. */
  schedules?: Schedule[];
  /** Defaults: DEFAULT_PLANNER_SETTINGS with SEND_TIME. */
  settings?: PlannerSettings;
  /** An open connection to reuse (it is then not closed by `stop`); default: `connectRedis(config)`. */
  redis?: RedisConnection;
  /** Run the cron tick (default true); the demo drives ticks itself. */
  cron?: boolean;
  retryPolicy?: RetryPolicy;
  /** Bundles a worker handles at once. */
  concurrency?: number;
  /**
   * Aborts the start (a stop signal or the start deadline): whatever it waits for (the first tick, Telegram's
   * getMe) gives up, what was opened is closed, and `startService` rejects with a `ServiceStartAborted`.
   */
  signal?: AbortSignal;
}

/** The start was given up: `reason` says why (a stop signal, or what did not answer in time). */
export class ServiceStartAborted extends Error {
  override name = 'ServiceStartAborted';
}

/** `work`, or a rejection as soon as `signal` aborts, whichever comes first. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ServiceStartAborted(String(signal.reason)));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface Service {
  store: Store;
  queue: DeliveryQueue;
  redis: RedisConnection;
  schedules: Schedule[];
  /** The worker, when this process runs one. */
  worker: DeliveryWorker | null;
  /** Runs one tick now, after any tick in progress (ticks never overlap within a process). */
  tick(): Promise<TickResult>;
  /** Stops taking work, waits for what is in flight, closes everything it opened. Idempotent. */
  stop(): Promise<void>;
}

/** Where a dry run writes its pictures: `photos/` beside the database (`./data/photos` for an in-memory one). */
function photoDirOf(config: Config): string {
  return join(config.DATABASE_PATH === ':memory:' ? 'data' : dirname(config.DATABASE_PATH), 'photos');
}

function createTransport(config: Config, clock: Clock, out: (text: string) => void): Transport {
  if (config.dryRun || config.BOT_TOKEN === undefined) return createConsoleTransport({ out, clock, photoDir: photoDirOf(config) });
  return createTelegramTransport({ token: config.BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT });
}

/** Opens the store and Redis and starts the requested parts. The first tick runs before this resolves. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { config, clock, log, parts } = options;
  const schedules = options.schedules ?? loadSchedules(config.SCHEDULES_DIR);
  const settings = options.settings ?? plannerSettingsFrom(config);
  const store = openStore(config.DATABASE_PATH);
  const ownRedis = options.redis === undefined;
  let redis: RedisConnection;
  try {
    redis = options.redis ?? (await connectRedis(config, log));
  } catch (error) {
    store.close();
    throw error;
  }
  const queue = createDeliveryQueue(redis.client, config.QUEUE_PREFIX);
  // a worker blocks on its connection, so it gets its own rather than the shared one
  const workerConnection = parts.has('worker') ? createRedisClient(redis.url) : null;
  const worker =
    workerConnection === null
      ? null
      : createDeliveryWorker({
          store,
          connection: workerConnection,
          prefix: config.QUEUE_PREFIX,
          queue,
          transport: createTransport(config, clock, options.out),
          render: createTelegramRender(store, createRenderer()),
          clock,
          log,
          limits: deliveryLimitsFrom(config),
          ...(options.retryPolicy ? { retry: options.retryPolicy } : {}),
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        });

  let chain: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<TickResult> => {
    const next = chain.then(() =>
      runTick({
        store,
        queue,
        clock,
        schedules,
        settings,
        preferenceDefaults: preferenceDefaultsFrom(config),
        log,
        ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      }),
    );
    chain = next.catch(() => undefined);
    return next;
  };

  let task: ScheduledTask | null = null;
  let bot: RunningBot | null = null;
  let stopping: Promise<void> | null = null;
  const graceful = async () => {
    if (task !== null) await task.stop();
    if (bot !== null) await bot.stop();
    await chain;
    if (worker !== null) await worker.close();
    await closeWhenReady(queue);
    if (workerConnection !== null) await workerConnection.quit();
    if (ownRedis) await redis.close();
    store.close();
    log.info('service stopped');
  };
  // Redis or Telegram gone: nothing in flight will finish, so drop the connections. Rows left claimed or
  // sending are settled by the next start once their leases run out.
  const forced = async () => {
    log.warn({ seconds: config.STOP_TIMEOUT_SECONDS }, 'stop did not finish in time; closing connections without waiting');
    if (worker !== null) void worker.worker.close(true).catch(() => undefined);
    workerConnection?.disconnect();
    if (ownRedis) await redis.forceClose();
    else redis.client.disconnect();
    store.close();
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), config.STOP_TIMEOUT_SECONDS * 1000);
      });
      const outcome = await Promise.race([graceful().then(() => 'done' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'late') await forced();
    })();
    return stopping;
  };
  try {
    if (parts.has('scheduler')) {
      await unlessAborted(tick(), options.signal);
      if (options.cron !== false) {
        task = cron.schedule(
          config.TICK_CRON,
          async () => {
            try {
              await tick();
            } catch (error) {
              log.error({ err: error }, 'scheduler tick failed; the next tick retries');
            }
          },
          { noOverlap: true, name: 'scheduler-tick' },
        );
      }
    }
    if (parts.has('bot')) {
      if (config.dryRun || config.BOT_TOKEN === undefined) {
        log.warn('bot not started: it needs BOT_TOKEN and no DRY_RUN (messages still go to the console)');
      } else {
        bot = await unlessAborted(startBot(botDepsFromConfig(config, { store, schedules, clock, log, redis }), options.signal), options.signal);
      }
    }
    log.info({ parts: [...parts], bot: bot?.mode ?? null, redis: redactUrl(redis.url), prefix: config.QUEUE_PREFIX, dryRun: config.dryRun }, 'service started');
  } catch (error) {
    // a first tick or a bot that fails at start must not leave the worker, Redis and SQLite open
    await stop();
    throw error;
  }
  return { store, queue, redis, schedules, worker, tick, stop };
}
