/**
 * The shared pacer on real Redis: the slot clock, the sliding-second check, the chat gap and the lanes,
 * measured by when each caller is let go (the instant its request would leave).
 */
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPacer } from '../../src/delivery/pacing.js';
import { createRedisClient } from '../../src/queue/redis.js';

let redis: Redis;
beforeAll(() => {
  redis = createRedisClient(inject('redisUrl'));
});
afterAll(async () => {
  await redis.quit();
});

const newPacer = (globalPerSec: number, perChatMs: number) => createPacer(redis, `pace-${randomUUID().slice(0, 8)}`, { globalPerSec, perChatMs });
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** The least span of `count` consecutive instants (µs), in ms. */
const leastSpanMs = (instants: number[], count: number) => {
  const sorted = [...instants].sort((a, b) => a - b);
  return Math.min(...sorted.slice(count - 1).map((t, i) => (t - (sorted[i] ?? 0)) / 1000));
};

describe('pacing', () => {
  it('lets no more than the limit go in any second, even when the timers of waiting senders fire late', async () => {
    const pacer = newPacer(10, 0);
    const senders = Array.from({ length: 30 }, () => pacer.slot(null));
    // a busy event loop (a burst of updates being handled): every slot due meanwhile is missed at once
    await new Promise((r) => setTimeout(r, 150));
    busyFor(700);
    const permits = await Promise.all(senders);
    // on Redis' clock, which judges every sender: any 11 consecutive sends span more than a second
    expect(leastSpanMs(permits, 11)).toBeGreaterThan(1000);
    // and they were not just spread out: 30 at 10 a second take about three seconds
    expect(leastSpanMs(permits, 30)).toBeLessThan(4000);
  }, 20_000);

  it("keeps a chat held through its holder's wait for a slot, so a second sender to the chat follows a gap later", async () => {
    const pacer = newPacer(10, 1000);
    // the clock is two seconds ahead: interactive sends to other chats hold it
    const others = Array.from({ length: 20 }, () => pacer.slot(null));
    expect(await pacer.reserveChat('a')).toBe(0);
    const first = pacer.slot('a');
    const second = pacer.waitForChat('a').then(() => pacer.slot('a'));
    const [firstAt, secondAt] = await Promise.all([first, second]);
    await Promise.all(others);
    expect((secondAt - firstAt) / 1000).toBeGreaterThanOrEqual(1000);
  }, 20_000);

  it('gives interactive sends their slots ahead of scheduled ones', async () => {
    const pacer = newPacer(20, 0);
    const replies = Array.from({ length: 20 }, () => pacer.slot(null));
    const bundle = pacer.yieldToInteractive().then(() => pacer.slot(null));
    const replyPermits = await Promise.all(replies);
    const bundlePermit = await bundle;
    // the clock may be at most 300 ms (6 slots at 20/s) ahead when the scheduled send takes its slot
    expect(replyPermits.filter((t) => t < bundlePermit).length).toBeGreaterThanOrEqual(14);
  }, 20_000);

  it('lets a scheduled send go at once when nothing interactive waits', async () => {
    const pacer = newPacer(20, 0);
    const order: string[] = [];
    const scheduled = pacer.yieldToInteractive().then(() => order.push('bundle'));
    const timer = new Promise((r) => setTimeout(r, 100)).then(() => order.push('100 ms'));
    await Promise.all([scheduled, timer]);
    expect(order).toEqual(['bundle', '100 ms']);
  });
});
