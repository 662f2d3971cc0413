import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDeliveryQueue } from '../../src/queue/queues.js';
import { connectRedis, createRedisClient, RedisUnavailableError } from '../../src/queue/redis.js';
import { freePort, startRedisServer } from '../../src/queue/redis-server.js';

const log = pino({ level: 'silent' });
let dir = '';

afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('connectRedis', () => {
  it('uses REDIS_URL when it answers', async () => {
    const redis = await connectRedis({ REDIS_URL: inject('redisUrl') }, log);
    expect(redis.privateServer).toBe(false);
    expect(await redis.client.ping()).toBe('PONG');
    await redis.close();
  });

  it('says what to do when REDIS_URL does not answer', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(connectRedis({ REDIS_URL: url }, log)).rejects.toThrow(RedisUnavailableError);
    await expect(connectRedis({ REDIS_URL: url }, log)).rejects.toThrow(`REDIS_URL=${url} does not answer PING`);
  });
});

describe('private redis-server', () => {
  it('keeps a delayed job across a restart, in its append-only file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'redis-aof-'));
    const first = await startRedisServer({ dataDir: dir });
    const client = createRedisClient(first.url);
    const queue = createDeliveryQueue(client, 'aof');
    await queue.add('deliver', { bundleKey: '7@2022-06-01' }, { jobId: 'b7-20220601', delay: 3_600_000 });
    await queue.close();
    client.disconnect();
    await first.stop();

    const second = await startRedisServer({ dataDir: dir });
    const again = createRedisClient(second.url);
    const reopened = createDeliveryQueue(again, 'aof');
    const delayed = await reopened.getDelayed();
    expect(delayed.map((j) => [j.id, j.data.bundleKey])).toEqual([['b7-20220601', '7@2022-06-01']]);
    await reopened.close();
    again.disconnect();
    await second.stop();
  });
});
