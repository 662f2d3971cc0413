import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { getNotification } from '../../src/db/notifications.js';
import { chatOf, type DeliveryHarness, notification, startDeliveryHarness } from '../support/delivery-harness.js';
import { waitFor } from '../support/wait.js';

const redisUrl = inject('redisUrl');
let harness: DeliveryHarness | null = null;
let dir = '';

afterEach(async () => {
  await harness?.stop();
  harness = null;
  rmSync(dir, { recursive: true, force: true });
});

function capture(env: NodeJS.ProcessEnv): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { LOG_LEVEL: 'silent', ...env } };
}

describe('outbox command', () => {
  it('lists a notification that failed after its retries, and sends it again on retry --failed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const databasePath = join(dir, 'bot.db');
    const h = await startDeliveryHarness({ redisUrl, databasePath, retry: { attempts: 2, backoffMs: 20 } });
    harness = h;
    h.emulator.failNext(2, { code: 500, description: 'Internal Server Error' });
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now() })]);
    const id = row?.id ?? 0;
    await waitFor('failed', () => getNotification(h.store, id)?.state === 'failed');

    const env = { DATABASE_PATH: databasePath, REDIS_URL: redisUrl, QUEUE_PREFIX: h.prefix };
    const listed = capture(env);
    expect(await runCli(['outbox', '--state', 'failed'], listed)).toBe(0);
    const lines = listed.stdout.join('\n').split('\n');
    expect(lines[0]).toBe('id\tstate\tsend_at\tperson\tkind\tattempts\tlast_error');
    expect(lines[1]).toBe(
      [id, 'failed', row?.sendAt, `${h.fx.person.repB1} Смирнова Анна Павловна`, 'reminder', 2, '500: Internal Server Error'].join('\t'),
    );
    expect(lines).toHaveLength(2);

    const retried = capture(env);
    expect(await runCli(['outbox', 'retry', '--failed'], retried)).toBe(0);
    expect(retried.stdout).toEqual(['Re-enqueued 1 notification(s) in 1 job(s).']);
    await waitFor('sent', () => getNotification(h.store, id)?.state === 'sent');
    expect(h.emulator.sent(chatOf(h.fx.person.repB1))).toHaveLength(1);
  });

  it('refuses to retry a notification that was sent', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const databasePath = join(dir, 'bot.db');
    const h = await startDeliveryHarness({ redisUrl, databasePath });
    harness = h;
    const [row] = await h.plan([notification({ recipientId: h.fx.person.repB1, sendAt: DateTime.now() })]);
    await waitFor('sent', () => getNotification(h.store, row?.id ?? 0)?.state === 'sent');
    const io = capture({ DATABASE_PATH: databasePath, REDIS_URL: redisUrl, QUEUE_PREFIX: h.prefix });
    expect(await runCli(['outbox', 'retry', String(row?.id)], io)).toBe(1);
    expect(io.stderr.join('')).toBe(`Notification ${row?.id} is sent; only failed or dead ones can be retried.`);
  });

  it('says what states exist when given an unknown one', async () => {
    const io = capture({ DATABASE_PATH: ':memory:' });
    expect(await runCli(['outbox', '--state', 'lost'], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/--state must be one of planned, queued, claimed, sending, sent, skipped, failed, dead, got "lost"/);
  });
});
