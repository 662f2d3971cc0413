/**
 * Telegram allows about one message per second to one chat. BullMQ's per-group limits are a Pro feature,
 * so each chat gets a Redis key that lives for the gap after a send: a worker may send to the chat only if
 * it creates the key (SET NX), so workers in several processes share one pace.
 */
import type { Redis } from 'ioredis';

/**
 * Reserve the chat for ARGV[1] ms if free (returns 0), else return how many ms to wait before asking again:
 * until it is free, but at most one gap (ARGV[2]), since a reservation shrinks to the gap once its send leaves.
 */
const RESERVE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return math.min(ttl, tonumber(ARGV[2]))`;

/**
 * A request leaves a few ms after its reservation, and network jitter may bring two sends closer than the
 * reservations were; this margin keeps them at least the gap apart at Telegram's end.
 */
export const PACING_MARGIN_MS = 50;

/** How long a reservation outlasts the gap, for the wait between reserving a chat and the send itself. */
const RESERVATION_SLACK_MS = 10_000;

export interface ChatPacer {
  /** 0 when this caller may send to the chat now (and holds it for the gap), else ms to wait. */
  reserve(chatId: string): Promise<number>;
  /**
   * Restarts the chat's gap now, right before the request leaves: the wait for a global slot between the
   * reservation and the send must not eat into the gap the next message to the chat keeps.
   */
  restart(chatId: string): Promise<void>;
  /** Gives a reservation back unused (nothing was sent after all), so the chat's next message need not wait. */
  release(chatId: string): Promise<void>;
}

export function createChatPacer(redis: Redis, prefix: string, gapMs: number): ChatPacer {
  if (gapMs <= 0) return { reserve: () => Promise.resolve(0), restart: () => Promise.resolve(), release: () => Promise.resolve() };
  const hold = gapMs + PACING_MARGIN_MS;
  const key = (chatId: string) => `${prefix}:pace:${chatId}`;
  return {
    async reserve(chatId) {
      // held through the wait for a global slot that follows (seconds in a burst): `restart` then sets the
      // gap from the real send; a reservation that expired during that wait let a second sender in
      const wait = await redis.eval(RESERVE, 1, key(chatId), String(hold + RESERVATION_SLACK_MS), String(hold));
      return Number(wait);
    },
    async restart(chatId) {
      await redis.set(key(chatId), '1', 'PX', hold);
    },
    async release(chatId) {
      await redis.del(key(chatId));
    },
  };
}

/** Waits until this caller holds the chat (its gap since the last send to it has passed). */
export async function waitForChat(pacer: ChatPacer, chatId: string): Promise<void> {
  for (let wait = await pacer.reserve(chatId); wait > 0; wait = await pacer.reserve(chatId)) {
    await new Promise((r) => setTimeout(r, wait));
  }
}

/**
 * Each send takes the next free slot on one clock shared by every worker (Redis TIME, microseconds), so
 * sends leave evenly spaced at the global rate however jobs bunch up. Returns µs to wait for the slot.
 */
const NEXT_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'PX', 60000)
return slot - now`;

/**
 * Slots are this much wider than 1/rate: a send that leaves late (a busy event loop, a GC pause) lets the
 * next ones close up on it, and a sliding second at Telegram's end must still never hold one too many.
 * 1.5 % (0.5 ms) drew 26 429s in the bench; 4 % draws none and costs 1.2 msg/s at 30/s.
 */
const SLOT_STRETCH = 1.04;

export interface GlobalPacer {
  /** Waits for this caller's slot, then returns. */
  take(): Promise<void>;
}

export function createGlobalPacer(redis: Redis, prefix: string, perSecond: number): GlobalPacer {
  const intervalUs = String(Math.ceil((1_000_000 / perSecond) * SLOT_STRETCH));
  return {
    async take() {
      const waitUs = Number(await redis.eval(NEXT_SLOT, 1, `${prefix}:pace:global`, intervalUs));
      if (waitUs > 0) await new Promise((r) => setTimeout(r, Math.ceil(waitUs / 1000)));
    },
  };
}
