/**
 * From decisions to notifications: drops what is already planned, then gives each the day and instant it
 * goes out. Scheduled kinds share their person's one morning bundle of the day; a day whose bundle has
 * already gone out is closed, so its late arrivals move to the person's next working day.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';
import { type AlreadyPlanned, bundleLine, handoffBundleKey, type PlannedNotification, TRIGGERED_KINDS } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';
import { isWorkingDay, nextWorkingDay, workingDayOnOrAfter } from '../schedule/calendar.js';
import type { PlanContext } from './context.js';
import type { PlannerSettings } from './types.js';
import { bundleKey } from './keys.js';

interface LocalNow {
  today: LocalDate;
  time: string;
}

function clamp(time: string, person: Person): string {
  const { windowStart, windowEnd } = person.preferences;
  if (time < windowStart) return windowStart;
  return time > windowEnd ? windowEnd : time;
}

/** Builds the pass's instant arithmetic with caches: thousands of people share a handful of zones and days. */
interface Instant {
  millis: number;
  /** UTC ISO, as `sendAt` carries it. */
  iso: string;
}

function makeClock(ctx: PlanContext) {
  const instants = new Map<string, Instant>();
  const nows = new Map<string, LocalNow>();
  const nowInstant: Instant = { millis: ctx.now.toMillis(), iso: ctx.now.toUTC().toISO() ?? '' };
  return {
    nowInstant,
    at(zone: string, day: LocalDate, time: string): Instant {
      const key = `${zone}|${day}|${time}`;
      let instant = instants.get(key);
      if (!instant) {
        const dt = DateTime.fromISO(`${day}T${time}`, { zone });
        instant = { millis: dt.toMillis(), iso: dt.toUTC().toISO() ?? '' };
        instants.set(key, instant);
      }
      return instant;
    },
    now(zone: string): LocalNow {
      let local = nows.get(zone);
      if (!local) {
        const dt = ctx.now.setZone(zone);
        local = { today: dt.toISODate() ?? '', time: dt.toFormat('HH:mm') };
        nows.set(zone, local);
      }
      return local;
    },
  };
}

/**
 * Gives each decision of the pass its zone, bundle and send time (in place: the decision is the notification),
 * and returns them in a deterministic order (send time, recipient, then the policies' order). A decision whose
 * dedupe key exists, or whose day is already past, is dropped.
 */
export function assignSendTimes(ctx: PlanContext, already: AlreadyPlanned): PlannedNotification[] {
  const clock = makeClock(ctx);
  // a person's items of one day share their bundle, worked out once; keyed by person, then by the chosen day
  const bundles = new Map<number, Timed>();
  const result: PlannedNotification[] = [];
  const sendMillis: number[] = [];
  const { decisions, recipients } = ctx;
  // one line per item in a bundle: what the stored bundles already say, then this pass's decisions
  const lines = new Set(already.bundleLines ?? []);
  // hand-off slots this pass opens at once: the pass's other hand-offs of that slot go with them
  const opened = new Set<string>();
  for (let i = 0; i < decisions.length; i += 1) {
    const n = decisions[i];
    const person = recipients[i];
    // keys are unique by construction within a pass (one decision per item, step and person)
    if (n === undefined || person === undefined || already.dedupeKeys.has(n.dedupeKey)) continue;
    const region = ctx.index.regionById.get(person.regionId);
    if (!region) continue;
    const zone = region.timeZone;
    const local = clock.now(zone);
    if (n.localDate < local.today) continue;
    let timed: Timed;
    const atOnce = TRIGGERED_KINDS.has(n.kind) && withinWindow(local, person);
    if (n.kind === 'confirm_handoff') {
      timed = handoff(n, person, zone, local, already, opened, clock);
      // the day's bundle says nothing more about the item: it has been handed over (never dropped for a line:
      // the morning's notice that the item lagged is what this submission answers)
      lines.add(bundleLine(timed.bundleKey, n.dedupeKey));
    } else if (atOnce) {
      timed = triggered(n, person, local, clock);
    } else {
      // a triggered message outside the window waits for the person's next bundle, not a message of its own
      const chosen = TRIGGERED_KINDS.has(n.kind) ? local.today : n.localDate;
      // the chosen day's bundle already said something about this item (a later one may only repeat it)
      if (lines.has(bundleLine(bundleKey(person.id, chosen), n.dedupeKey))) continue;
      const last = bundles.get(person.id);
      if (last !== undefined && last.chosen === chosen) {
        timed = last;
      } else {
        timed = scheduled(ctx, person, chosen, zone, local, already, clock);
        bundles.set(person.id, timed);
      }
      const line = bundleLine(timed.bundleKey, n.dedupeKey);
      if (lines.has(line)) continue;
      lines.add(line);
    }
    n.zone = zone;
    n.bundleKey = timed.bundleKey;
    n.sendAt = timed.sendAt.iso;
    n.localDate = timed.day;
    sendMillis.push(timed.sendAt.millis);
    result.push(n);
  }
  return inSendOrder(result, sendMillis);
}

/** Each value's rank among the distinct values (0 for the smallest), and how many distinct values there are. */
function denseRanks(values: readonly number[]): { ranks: Uint32Array; count: number } {
  const rankOf = new Map<number, number>();
  for (const value of values) rankOf.set(value, 0);
  const distinct = new Float64Array(rankOf.size);
  let at = 0;
  for (const value of rankOf.keys()) distinct[at++] = value;
  distinct.sort();
  for (let rank = 0; rank < distinct.length; rank += 1) rankOf.set(distinct[rank] ?? 0, rank);
  const ranks = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i += 1) ranks[i] = rankOf.get(values[i] ?? 0) ?? 0;
  return { ranks, count: distinct.length };
}

/** A stable counting sort of the positions `order` by `key` (values 0 … buckets - 1). */
function byKey(order: Uint32Array, key: Uint32Array, buckets: number): Uint32Array {
  const starts = new Uint32Array(buckets + 1);
  for (const i of order) {
    const next = (key[i] ?? 0) + 1;
    starts[next] = (starts[next] ?? 0) + 1;
  }
  for (let b = 1; b <= buckets; b += 1) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
  const sorted = new Uint32Array(order.length);
  for (const i of order) {
    const k = key[i] ?? 0;
    sorted[starts[k] ?? 0] = i;
    starts[k] = (starts[k] ?? 0) + 1;
  }
  return sorted;
}

/**
 * By send time, then recipient, ties in the policies' deterministic order: two stable counting sorts (recipient,
 * then time) over dense ranks, linear where a comparison sort of a 30,000-school pass was its costliest step.
 */
function inSendOrder(result: readonly PlannedNotification[], sendMillis: readonly number[]): PlannedNotification[] {
  const times = denseRanks(sendMillis);
  const people = denseRanks(result.map((n) => n.recipientId));
  const identity = new Uint32Array(result.length);
  for (let i = 0; i < identity.length; i += 1) identity[i] = i;
  const order = byKey(byKey(identity, people.ranks, people.count), times.ranks, times.count);
  const sorted: PlannedNotification[] = [];
  for (const i of order) {
    const n = result[i];
    if (n !== undefined) sorted.push(n);
  }
  return sorted;
}

type Clock = ReturnType<typeof makeClock>;

interface Timed {
  /** The day the policy chose, before a sent bundle moved it. */
  chosen: LocalDate;
  day: LocalDate;
  sendAt: Instant;
  bundleKey: string;
}

function withinWindow(local: LocalNow, person: Person): boolean {
  return isWorkingDay(local.today) && local.time >= person.preferences.windowStart && local.time < person.preferences.windowEnd;
}

/** `HH:mm` → the start of its 30-minute slot as `HHmm`. */
function slotOf(time: string): string {
  return `${time.slice(0, 2)}${time.slice(3, 5) < '30' ? '00' : '30'}`;
}

/** The `HH:mm` 30 minutes after a slot's start `HHmm`. */
function nextSlotTime(slot: string): string {
  const minutes = Number(slot.slice(0, 2)) * 60 + Number(slot.slice(2)) + 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A submission handed to its confirmer (`confirm_handoff`), one message per 30-minute slot of their day
 * (`<person>@<date>/handoff-HHmm`): the first in a slot goes at once; one arriving when the slot's message
 * exists (sent, or waiting) joins the next slot's, sent when that slot starts. Outside the window, at its
 * opening on the next working day (or today, before it opens).
 */
function handoff(
  n: PlannedNotification,
  person: Person,
  zone: string,
  local: LocalNow,
  already: AlreadyPlanned,
  opened: Set<string>,
  clock: Clock,
): Timed {
  const { windowStart, windowEnd } = person.preferences;
  if (withinWindow(local, person)) {
    const key = handoffBundleKey(bundleKey(person.id, local.today), slotOf(local.time));
    if (opened.has(key) || !(already.handoffSlots?.has(key) ?? false)) {
      opened.add(key);
      return { chosen: n.localDate, day: local.today, sendAt: clock.nowInstant, bundleKey: key };
    }
    const next = nextSlotTime(slotOf(local.time));
    if (next < windowEnd) {
      return { chosen: n.localDate, day: local.today, sendAt: clock.at(zone, local.today, next), bundleKey: handoffBundleKey(bundleKey(person.id, local.today), slotOf(next)) };
    }
  }
  const day = isWorkingDay(local.today) && local.time < windowStart ? local.today : nextWorkingDay(local.today);
  return { chosen: n.localDate, day, sendAt: clock.at(zone, day, windowStart), bundleKey: handoffBundleKey(bundleKey(person.id, day), slotOf(windowStart)) };
}

/** A triggered message inside the recipient's window: at once, in a bundle of its own. */
function triggered(n: PlannedNotification, person: Person, local: LocalNow, clock: Clock): Timed {
  return { chosen: n.localDate, day: local.today, sendAt: clock.nowInstant, bundleKey: `${bundleKey(person.id, local.today)}/${n.dedupeKey}` };
}

/**
 * The bundle's time on its day: the send time (earlier on a morning-meeting day), inside the person's window.
 * If that time has passed today and the day's bundle has not gone out, the item goes now (still inside the
 * window); otherwise, or if the day is closed, the next working day.
 */
function scheduled(ctx: PlanContext, person: Person, chosen: LocalDate, zone: string, local: LocalNow, already: AlreadyPlanned, clock: Clock): Timed {
  let day = workingDayOnOrAfter(chosen);
  for (;;) {
    const key = bundleKey(person.id, day);
    if (already.sentBundles.has(key)) {
      day = nextWorkingDay(day);
      continue;
    }
    const base = ctx.morningMeetings.has(key) ? ctx.settings.meetingDaySendTime : ctx.settings.sendTime;
    const at = clock.at(zone, day, clamp(base, person));
    if (at.millis >= clock.nowInstant.millis) return { chosen, day, sendAt: at, bundleKey: key };
    if (day === local.today && withinWindow(local, person)) return { chosen, day, sendAt: clock.nowInstant, bundleKey: key };
    day = nextWorkingDay(day);
  }
}

/**
 * When a person's daily bundle of `day` is due as their preferences stand now: the send time (earlier on a
 * morning-meeting day), inside their window, in `zone`; UTC ISO. The tick re-times waiting bundles by it
 * after a roster import or `/settings` moved someone's zone or window.
 */
export function bundleSendAt(settings: PlannerSettings, person: Person, zone: string, day: LocalDate, morningMeeting: boolean): string {
  const base = morningMeeting ? settings.meetingDaySendTime : settings.sendTime;
  return DateTime.fromISO(`${day}T${clamp(base, person)}`, { zone }).toUTC().toISO() ?? '';
}

/** Whether an event notice of `day` is for a meeting that starts before `morningEndsAt` that day. */
export function isMorningMeeting(settings: PlannerSettings, n: Pick<PlannedNotification, 'kind' | 'params'>, day: LocalDate): boolean {
  const { time, date } = n.params;
  return n.kind === 'event' && date === day && typeof time === 'string' && time < settings.morningEndsAt;
}
