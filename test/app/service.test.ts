import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startService } from '../../src/app/service.js';
import { fixedClock } from '../../src/config/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type RedisServerHandle, startRedisServer } from '../../src/queue/redis-server.js';
import { type BotApiEmulator, startBotApiEmulator } from '../support/bot-api-emulator.js';
import { WAVE_AT } from '../queue/wave-fixture.js';

async function connectedClients(url: string): Promise<number> {
  const probe = new Redis(url);
  try {
    const list = String(await probe.call('CLIENT', 'LIST'));
    return list.trim().split('\n').length - 1; // not counting the probe itself
  } finally {
    probe.disconnect();
  }
}

describe('startService', () => {
  let redis: RedisServerHandle;
  let emulator: BotApiEmulator;
  let dir: string;
  beforeEach(async () => {
    // a server of its own: other test files' clients would blur the count
    redis = await startRedisServer({ dataDir: null });
    emulator = await startBotApiEmulator();
    dir = mkdtempSync(join(tmpdir(), 'service-test-'));
  });
  afterEach(async () => {
    await emulator.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes the worker, the queue and Redis it opened when the bot fails to start', async () => {
    const config = {
      ...loadConfig({
        DATABASE_PATH: join(dir, 'bot.db'),
        REDIS_URL: redis.url,
        BOT_TOKEN: '123456:TEST-token',
        TELEGRAM_API_ROOT: emulator.url,
      }),
      // what loadConfig refuses, handed in directly so the bot itself fails at start
      WEBHOOK_URL: 'https://bot.example.org/telegram',
    };
    const before = await connectedClients(redis.url);
    await expect(
      startService({
        config,
        clock: fixedClock(WAVE_AT),
        parts: new Set(['scheduler', 'worker', 'bot'] as const),
        log: pino({ level: 'silent' }),
        out: () => undefined,
        cron: false,
      }),
    ).rejects.toThrow(/WEBHOOK_SECRET is required/);
    await expect.poll(() => connectedClients(redis.url), { timeout: 5_000 }).toBe(before);
  });
});
