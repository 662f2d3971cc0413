import type { DateTime } from 'luxon';
import type { Store } from '../../src/db/client.js';
import { notifications } from '../../src/db/schema.js';
import { deliveryJobId, type DeliveryQueue } from '../../src/queue/queues.js';

/**
 * Whether BullMQ holds no job for a notification due by `at`: none waiting, prioritized, active, or delayed
 * (a retry's backoff). Settled rows alone do not end a wave: a job re-added after a Redis flush, a second
 * scheduler's or a killed worker's stalled one may still run, and a "nothing twice" or "nothing sent" check
 * made before it has left proves nothing. Jobs of later bundles, delayed to their own send time, do not count.
 */
export async function noJobsDueBy(queue: DeliveryQueue, store: Store, at: DateTime): Promise<boolean> {
  const iso = at.toUTC().toISO() ?? '';
  const due = new Set(
    store.db
      .select({ id: notifications.id, bundleKey: notifications.bundleKey, sendAt: notifications.sendAt })
      .from(notifications)
      .all()
      .filter((r) => r.sendAt <= iso)
      .map(deliveryJobId),
  );
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'active', 'delayed']);
  return !jobs.some((job) => job.id !== undefined && due.has(job.id));
}
