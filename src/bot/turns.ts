/**
 * Handling an update is mostly synchronous work (SQLite reads and writes, rendering): a registration burst
 * hands the bot a hundred updates at once, and their synchronous parts would run back to back for a second
 * or more. Meanwhile every paced send waits on a timer for its slot: it would fire late, and sends would
 * leave in clumps that break Telegram's per-second limit. So each update starts its work on a turn of its
 * own: one per turn of the event loop, with the timers between turns.
 */

/** Resolves on this caller's turn: one caller per turn of the event loop, in the order they asked. */
export type NextTurn = () => Promise<void>;

export function createTurns(): NextTurn {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const grant = () => {
    // scheduled from inside an immediate callback, the next grant runs on the following turn, after timers
    waiting.shift()?.();
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(grant);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(grant);
      }
    });
}
