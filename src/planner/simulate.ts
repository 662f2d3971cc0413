/**
 * Runs the planner over a span of days the way production does (a pass at every step, what was planned
 * remembered, a bundle closed once it has gone out) and returns what would be delivered. Pure: `preview`,
 * tests and the message-load bench all use it.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import { bundleLine, HANDOFF_BUNDLE, type PlannedNotification } from '../domain/notification.js';
import { addDays } from '../schedule/day-number.js';
import { bundleKey } from './keys.js';
import { plan } from './plan.js';
import type { PlanInput } from './types.js';

export interface SimulationInput extends Omit<PlanInput, 'now' | 'alreadyPlanned'> {
  /** First and last local day whose deliveries are returned. */
  from: LocalDate;
  to: LocalDate;
  /** Local hours at which the planner runs each day, in every zone of the roster. Default 6–11. */
  passHours?: readonly number[];
}

/** One message as it goes out: a bundle (or a triggered item) with everything planned into it by then. */
export interface Delivery {
  bundleKey: string;
  recipientId: number;
  /** UTC ISO instant of the earliest item: when the bundle goes out. */
  sendAt: string;
  localDate: LocalDate;
  /** False for a triggered message, which does not close the person's day. */
  scheduled: boolean;
  items: PlannedNotification[];
}

const DEFAULT_PASS_HOURS = [6, 7, 8, 9, 10, 11];

function passInstants(input: SimulationInput): number[] {
  const zones = new Set(input.roster.regions.map((r) => r.timeZone));
  const instants = new Set<number>();
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    for (const zone of zones) {
      for (const hour of input.passHours ?? DEFAULT_PASS_HOURS) {
        instants.add(DateTime.fromISO(`${day}T${String(hour).padStart(2, '0')}:00`, { zone }).toMillis());
      }
    }
  }
  return [...instants].sort((a, b) => a - b);
}

/** Every delivery of local days `from`…`to`, in send order. */
export function simulate(input: SimulationInput): Delivery[] {
  const dedupeKeys = new Set<string>();
  const sentBundles = new Set<string>();
  const bundleLines = new Set<string>();
  const handoffSlots = new Set<string>();
  const waiting = new Map<string, PlannedNotification[]>();
  const deliveries: Delivery[] = [];

  const deliverUpTo = (millis: number): void => {
    for (const [key, items] of [...waiting.entries()].sort(([, a], [, b]) => earliest(a).localeCompare(earliest(b)))) {
      const sendAt = earliest(items);
      if (DateTime.fromISO(sendAt).toMillis() > millis) continue;
      waiting.delete(key);
      const first = items[0];
      if (!first) continue;
      // a triggered message outside the window joins the day's bundle: the bundle key says which it is
      const scheduled = key === bundleKey(first.recipientId, first.localDate);
      if (scheduled) sentBundles.add(key);
      if (first.localDate >= input.from && first.localDate <= input.to) {
        deliveries.push({ bundleKey: key, recipientId: first.recipientId, sendAt, localDate: first.localDate, scheduled, items });
      }
    }
  };

  for (const millis of passInstants(input)) {
    deliverUpTo(millis);
    const planned = plan({ ...input, now: DateTime.fromMillis(millis, { zone: 'utc' }), alreadyPlanned: { dedupeKeys, sentBundles, bundleLines, handoffSlots } });
    for (const n of planned) {
      dedupeKeys.add(n.dedupeKey);
      // as the store tells it (`loadAlreadyPlanned`): the lines of daily and hand-off bundles
      const handoff = HANDOFF_BUNDLE.test(n.bundleKey);
      if (handoff) handoffSlots.add(n.bundleKey);
      if (handoff || n.bundleKey === bundleKey(n.recipientId, n.localDate)) bundleLines.add(bundleLine(n.bundleKey, n.dedupeKey));
      const list = waiting.get(n.bundleKey);
      if (list) list.push(n);
      else waiting.set(n.bundleKey, [n]);
    }
    deliverUpTo(millis);
  }
  deliverUpTo(DateTime.fromISO(addDays(input.to, 2), { zone: 'utc' }).toMillis());
  return deliveries.sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.recipientId - b.recipientId);
}

function earliest(items: readonly PlannedNotification[]): string {
  return items.reduce((min, n) => (n.sendAt < min ? n.sendAt : min), items[0]?.sendAt ?? '');
}
