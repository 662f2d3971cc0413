/**
 * The bot's share of Telegram's limits in tests: a client of the suite's Redis and a prefix of its own, so
 * the bot's triggered sends go through the same pacers as production without slowing the tests down.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { BotPacing } from '../../src/bot/deps.js';
import { createRedisClient } from '../../src/queue/redis.js';

export interface TestPacing {
  pacing: BotPacing;
  close(): Promise<void>;
}

export function testPacing(prefix = `bot-${randomUUID().slice(0, 8)}`): TestPacing {
  const redis = createRedisClient(inject('redisUrl'));
  return {
    pacing: { redis, prefix, limits: { globalPerSec: 1000, perChatMs: 0 } },
    close: async () => {
      await redis.quit();
    },
  };
}
