import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/config/clock.js';
import { openStore, type Store } from '../../src/db/client.js';
import { notifications } from '../../src/db/schema.js';
import { noJobsDueBy } from '../support/queue-drained.js';
import { waitFor } from '../support/wait.js';
import { chatsReached, createHarness, dueBundles, dueRowsIn, duplicates, type Harness } from './harness.js';
import { seedWave, WAVE_AT } from './wave-fixture.js';

const CHILD = join(import.meta.dirname, 'worker-child.ts');

function startChild(dbPath: string, h: Harness): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dbPath, h.redisUrl, h.prefix, h.emulator.url, WAVE_AT.toISO() ?? ''],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker child exited with ${code} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('a delivery worker process killed mid-wave', () => {
  let h: Harness;
  let store: Store;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    h = await createHarness();
    dir = mkdtempSync(join(tmpdir(), 'crash-test-'));
    store = openStore(join(dir, 'bot.db'));
  });
  afterEach(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await stopped(child);
    }
    await h.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no message and sends none twice when SIGKILLed in a 500-school wave and restarted', async () => {
    seedWave(store, 500);
    const dbPath = join(dir, 'bot.db');
    await h.tick(store, fixedClock(WAVE_AT));
    const due = dueBundles(store, WAVE_AT);
    expect(due.size).toBeGreaterThanOrEqual(500);

    const first = await startChild(dbPath, h);
    children.push(first);
    await waitFor('a third of the wave', () => h.emulator.sent().length >= due.size / 3);
    first.kill('SIGKILL');
    await stopped(first);
    const atKill = h.emulator.sent().length;
    expect(atKill).toBeLessThan(due.size);

    children.push(await startChild(dbPath, h));
    // rows settled and the dead worker's stalled jobs taken over and finished: only then can "none twice" hold
    await waitFor(
      'the restarted worker to finish the wave',
      async () => dueRowsIn(store, WAVE_AT, ['sent', 'failed']) && (await noJobsDueBy(h.queue, store, WAVE_AT)),
      30_000,
    );

    const reached = chatsReached(h.emulator);
    expect(duplicates(h.emulator)).toBe(0);
    // a bundle whose request had left when the kill came cannot be known to have arrived: it is failed
    // ("interrupted"), listed by `outbox` and never resent on its own; every other bundle arrived exactly once
    const interrupted = store.db
      .select({ bundleKey: notifications.bundleKey, lastError: notifications.lastError, state: notifications.state })
      .from(notifications)
      .all()
      .filter((r) => r.state === 'failed');
    expect(interrupted.every((r) => r.lastError?.startsWith('interrupted'))).toBe(true);
    const interruptedBundles = new Set(interrupted.map((r) => r.bundleKey));
    // rows claimed but not yet requested are sent by the restarted worker; only requests already on the wire
    // when the kill came (at most the worker's concurrency, 10) are left undecided. Measured over 6 runs at
    // 200 msg/s: 0-7 such bundles, of which 0-1 had not reached the emulator.
    expect(interruptedBundles.size).toBeLessThanOrEqual(10);
    expect(reached.size + [...interruptedBundles].filter((b) => !reached.has(chatOf(store, b))).length).toBe(due.size);
  }, 60_000);
});

function chatOf(store: Store, bundleKey: string): string {
  const personId = Number(bundleKey.split('@')[0]);
  const row = store.sqlite.prepare('select chat_id as chatId from people where id = ?').get(personId) as { chatId: string };
  return row.chatId;
}
