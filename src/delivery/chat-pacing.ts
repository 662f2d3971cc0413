/**
 * Telegram allows about one message per second to one chat. BullMQ's per-group limits are a Pro feature,
 * so each chat gets a Redis key that lives for the gap after a send: a worker may send to the chat only if
 * it creates the key (SET NX), so workers in several processes share one pace.
 */
import type { Redis } from 'ioredis';

/** Reserve the chat if free (returns 0), else return how many ms until it is. */
const RESERVE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl`;

/**
 * A request leaves a few ms after its reservation, and network jitter may bring two sends closer than the
 * reservations were; this margin keeps them at least the gap apart at Telegram's end.
 */
export const PACING_MARGIN_MS = 50;

export interface ChatPacer {
  /** 0 when this caller may send to the chat now (and holds it for the gap), else ms to wait. */
  reserve(chatId: string): Promise<number>;
}

export function createChatPacer(redis: Redis, prefix: string, gapMs: number): ChatPacer {
  if (gapMs <= 0) return { reserve: () => Promise.resolve(0) };
  const hold = String(gapMs + PACING_MARGIN_MS);
  return {
    async reserve(chatId) {
      const wait = await redis.eval(RESERVE, 1, `${prefix}:pace:${chatId}`, hold);
      return Number(wait);
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
if slot - now > tonumber(ARGV[2]) then return now - slot end
redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'PX', 60000)
return slot - now`;

/**
 * A slot is reserved only when it is at most this many slots ahead; a caller further back waits and asks
 * again. Reserving everything at once (a burst of 90 replies) let one sender that woke late land right
 * before the next one's slot, and 30 sends then fit in Telegram's sliding second: a 429. Reserved this late,
 * a slow waker's successor has not reserved yet and takes its slot after it.
 */
const RESERVE_AHEAD_SLOTS = 2;

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
  const interval = Math.ceil((1_000_000 / perSecond) * SLOT_STRETCH);
  const horizon = String(interval * RESERVE_AHEAD_SLOTS);
  const sleepUs = (us: number) => new Promise((r) => setTimeout(r, Math.ceil(us / 1000)));
  return {
    async take() {
      for (;;) {
        // ≥ 0: reserved, µs until the slot; < 0: the next free slot is that far off, too far to reserve yet
        const answer = Number(await redis.eval(NEXT_SLOT, 1, `${prefix}:pace:global`, String(interval), horizon));
        if (answer >= 0) {
          if (answer > 0) await sleepUs(answer);
          return;
        }
        await sleepUs(-answer - interval * RESERVE_AHEAD_SLOTS);
      }
    },
  };
}
