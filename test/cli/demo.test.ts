import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRenderer } from '../../src/delivery/render.js';
import { decodePng } from '../support/png.js';
import { runCaptured } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap-bot demo', () => {
  it('prints a Russian burst of every kind around the stage 1 deadline, a summary, and leaves no queue keys', async () => {
    const dbPath = join(dir, 'demo.db');
    const tempPhotoDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('roadmap-bot-photos-'));
    const tempBefore = tempPhotoDirs();
    const { code, out, err } = await runCaptured(['demo'], {
      ...process.env,
      REDIS_URL: inject('redisUrl'),
      DEMO_DATABASE_PATH: dbPath,
      BOT_TOKEN: '',
      LOG_LEVEL: 'error',
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(existsSync(dbPath)).toBe(true);

    const say = createRenderer();
    const label = (kind: string) => say.format('demo-kind', { kind });
    for (const kind of [
      'window_open',
      'reminder',
      // the demo's schools post on 31.05, the day before the deadline: their curators hear it the same day
      'confirm_handoff',
      'returned_reminder',
      'overdue',
      'overdue_supervisor',
      'status_prompt',
      'digest_municipal',
      'digest_regional',
    ]) {
      expect(out, kind).toMatch(new RegExp(`^  ${label(kind)}: [1-9]`, 'm'));
    }
    // what the recipients read, as the console transport prints it: who, their local time, text, buttons
    expect(out).toMatch(/── .+ \(school\) · 31\.05\.2022 09:30 Europe\/Saratov · chat 9\d{8}\n/);
    expect(out).not.toMatch(/ · chat \d+\.\d/);
    expect(out).toMatch(/── .+ \(municipal\) · 03\.06\.2022 /);
    expect(out).toMatch(/── .+ \(regional\) · 06\.06\.2022 /);
    expect(out).toContain('[Сделано]');
    // the regional digest's chart is written beside the database under a stable name, nothing under the temp dir
    const photos = [...out.matchAll(/^photo: (.+)$/gm)].map((m) => m[1] ?? '');
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos) expect(photo).toMatch(new RegExp(`^${join(dir, 'photos')}/\\d+-progress-2022-06-06\\.png$`));
    expect(readdirSync(join(dir, 'photos')).length).toBe(new Set(photos).size);
    expect(decodePng(readFileSync(photos[0] ?? ''))).toMatchObject({ width: 800 });
    expect(tempPhotoDirs()).toEqual(tempBefore);
    // three schools finish an item after its message was queued: the worker re-reads and skips it
    expect(out).toMatch(/отправлено [1-9][\d\s]*, пропущено [1-9]/);
    expect(out).toContain(say.format('demo-summary-title', { from: 'вт 31.05.2022 06:00', to: 'пн 06.06.2022 20:00' }));

    const redis = new Redis(inject('redisUrl'));
    try {
      expect(await redis.keys(`roadmap-demo-${process.pid}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
