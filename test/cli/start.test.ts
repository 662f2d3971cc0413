import { Redis } from 'ioredis';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { notifications } from '../../src/db/schema.js';
import { } from '../queue/harness.js';
import { seedWave, WAVE_AT } from '../queue/wave-fixture.js';
import { type BotApiEmulator, startBotApiEmulator } from '../support/bot-api-emulator.js';
import { waitFor } from '../support/wait.js';

const BIN = join(import.meta.dirname, '../../bin/roadmap-bot.js');

describe('roadmap-bot start', () => {
  let dir: string;
  let emulator: BotApiEmulator;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'start-test-'));
    emulator = await startBotApiEmulator();
  });
  afterEach(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ticks at start, delivers the morning messages through the bot API, and exits 0 on SIGTERM', async () => {
    const dbPath = join(dir, 'bot.db');
    const store = openStore(dbPath);
    seedWave(store, 4);
    store.close();
    const prefix = `start-${randomUUID().slice(0, 8)}`;
    const child = spawn(process.execPath, [BIN, 'start', '--now', WAVE_AT.minus({ seconds: 1 }).toISO() ?? ''], {
      env: {
        ...process.env,
        DATABASE_PATH: dbPath,
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: prefix,
        BOT_TOKEN: '123456:TEST-token',
        TELEGRAM_API_ROOT: emulator.url,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // 4 school representatives and the regional coordinator hear about the 01.06 deadline at 09:30
    await waitFor('the morning messages', () => new Set(emulator.sent().map((m) => m.chatId)).size >= 5, 30_000);
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);

    const check = openStore(dbPath);
    try {
      const sent = check.db.select().from(notifications).all().filter((r) => r.state === 'sent');
      expect(new Set(sent.map((r) => r.bundleKey)).size).toBe(new Set(emulator.sent().map((m) => m.chatId)).size);
    } finally {
      check.close();
    }
    const redis = new Redis(inject('redisUrl'));
    try {
      await redis.eval(
        "for _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end return 0",
        0,
        `${prefix}:*`,
      );
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  it('stops at once with a plain message when webhook mode has no secret', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--now', WAVE_AT.toISO() ?? ''], {
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'bot.db'),
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `start-${randomUUID().slice(0, 8)}`,
        BOT_TOKEN: '123456:TEST-token',
        TELEGRAM_API_ROOT: emulator.url,
        // webhook mode refuses to start without the secret Telegram must send back
        WEBHOOK_URL: 'https://bot.example.org/telegram',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, output).toBe(1);
    expect(output).toMatch(/WEBHOOK_SECRET="": expected a secret whenever WEBHOOK_URL is set/);
    expect(output).not.toMatch(/\n\s+at /);
  }, 30_000);
});
