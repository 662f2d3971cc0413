/**
 * A separate process for the concurrency test: opens its own connection to the shared database file and
 * keeps pressing "the next button" on a few items with the version it just read, like a person would.
 * Prints one JSON line: how many presses landed and how many found the item already moved.
 */
import { DateTime } from 'luxon';
import { openStore } from '../../src/db/client.js';
import type { StatusValue } from '../../src/domain/status.js';
import { applyTransition, getStatus, StaleStatusError } from '../../src/db/statuses.js';
import type { ItemRef } from '../../src/domain/status.js';

const [dbPath, itemCount, presses, startAt] = process.argv.slice(2);
if (!dbPath || !itemCount || !presses || !startAt) throw new Error('usage: transition-worker DB ITEMS PRESSES START_MS');

/** Where the next press takes an item: round and round through submit and return. */
const NEXT: Partial<Record<StatusValue, StatusValue>> = {
  pending: 'in_progress',
  in_progress: 'submitted',
  submitted: 'returned',
  returned: 'submitted',
};

const store = openStore(dbPath, { migrate: false });
// sleep until the agreed start so both processes press at the same time
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, Number(startAt) - Date.now()));
let landed = 0;
let stale = 0;
for (let i = 0; i < Number(presses); i += 1) {
  const ref: ItemRef = { scheduleId: 'race', occurrenceKey: 'stage1-docs', subject: { type: 'school', id: i % Number(itemCount) } };
  const seen = getStatus(store, ref);
  const from = seen?.status ?? 'pending';
  const to = NEXT[from];
  if (!to) throw new Error(`no next press from ${from}`);
  try {
    applyTransition(
      store,
      {
        ...ref,
        to,
        actorId: null,
        capacities: ['coordinator'],
        via: 'button',
        comment: to === 'returned' ? `returned by ${process.pid}` : null,
        expectedVersion: seen?.version ?? 0,
        requiresConfirmation: true,
      },
      DateTime.now(),
    );
    landed += 1;
  } catch (error) {
    if (!(error instanceof StaleStatusError)) throw error;
    stale += 1;
  }
}
store.close();
process.stdout.write(`${JSON.stringify({ landed, stale })}\n`);
