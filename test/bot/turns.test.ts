import { describe, expect, it } from 'vitest';
import { createTurns } from '../../src/bot/turns.js';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('turns', () => {
  it("runs a timer that came due during one update's work before the next update's work, keeping their order", async () => {
    const nextTurn = createTurns();
    const order: string[] = [];
    const timer = new Promise((r) => setTimeout(r, 1)).then(() => order.push('timer'));
    const updates = ['a', 'b', 'c'].map(async (name) => {
      await nextTurn();
      busyFor(5);
      order.push(name);
    });
    await Promise.all([timer, ...updates]);
    expect(order.filter((e) => e !== 'timer')).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('b'));
  });

  it('starts work without waiting for a timer when nothing else is waiting for a turn', async () => {
    const nextTurn = createTurns();
    const order: string[] = [];
    const timer = new Promise((r) => setTimeout(r, 50)).then(() => order.push('timer'));
    await nextTurn();
    order.push('work');
    await timer;
    expect(order).toEqual(['work', 'timer']);
  });
});
