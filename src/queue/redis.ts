/**
 * Finding Redis: `REDIS_URL`, else a server already on 127.0.0.1:6379, else a private `redis-server` child
 * keeping its append-only file under `./data/redis`, else a clear error.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import { redactUrl } from '../config/redact.js';
import { pingRedis, redisServerOnPath, startRedisServer } from './redis-server.js';

const DEFAULT_LOCAL_URL = 'redis://127.0.0.1:6379';
/** Where the private server keeps its AOF, so delayed jobs survive a restart of the app. */
export const PRIVATE_REDIS_DIR = './data/redis';

export interface RedisConnection {
  /** Where Redis is, for logs and for processes that open their own connections. */
  url: string;
  /** A shared client for queues and workers (BullMQ duplicates it for blocking reads). */
  client: Redis;
  /** True when this process started its own `redis-server`. */
  privateServer: boolean;
  /** Closes the client and stops the private server, if any. */
  close(): Promise<void>;
  /** Drops the client at once (no waiting for replies that may never come) and stops the private server. */
  forceClose(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** A client as BullMQ workers need it: commands wait for a reconnect instead of failing after retries. */
export function createRedisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * Connects to Redis as described above. A private server is stopped by `close()` and, as a last resort,
 * when this process exits.
 */
export async function connectRedis(
  config: Pick<Config, 'REDIS_URL'>,
  log: Pick<Logger, 'info' | 'warn'>,
  options: { dataDir?: string } = {},
): Promise<RedisConnection> {
  if (config.REDIS_URL !== undefined) {
    if (!(await pingRedis(config.REDIS_URL, 2_000))) {
      throw new RedisUnavailableError(`REDIS_URL=${redactUrl(config.REDIS_URL)} does not answer PING; is that server running?`);
    }
    return wrap(config.REDIS_URL, false, () => Promise.resolve());
  }
  if (await pingRedis(DEFAULT_LOCAL_URL, 500)) {
    log.info({ url: DEFAULT_LOCAL_URL }, 'using the Redis server on the default port');
    return wrap(DEFAULT_LOCAL_URL, false, () => Promise.resolve());
  }
  if (!redisServerOnPath()) {
    throw new RedisUnavailableError(
      'No Redis: REDIS_URL is unset, nothing answers on 127.0.0.1:6379 and redis-server is not on PATH.\n' +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ' +
        'or set REDIS_URL=redis://host:port to an existing server.',
    );
  }
  const dataDir = options.dataDir ?? PRIVATE_REDIS_DIR;
  const server = await startRedisServer({ dataDir });
  log.warn({ url: server.url, dataDir }, 'started a private redis-server; set REDIS_URL to use a shared one');
  const killOnExit = () => {
    void server.stop();
  };
  process.once('exit', killOnExit);
  return wrap(server.url, true, async () => {
    process.off('exit', killOnExit);
    await server.stop();
  });
}

function wrap(url: string, privateServer: boolean, stopServer: () => Promise<void>): RedisConnection {
  const client = createRedisClient(url);
  return {
    url,
    client,
    privateServer,
    close: async () => {
      await client.quit();
      await stopServer();
    },
    forceClose: async () => {
      client.disconnect();
      await stopServer();
    },
  };
}
