/**
 * Telegram's limits for one token, kept by every process that sends with it (the delivery worker, the bot's
 * replies and triggered sends) on shared Redis keys:
 * - per chat, about one message a second: a key that lives for the gap after a send; a sender may send to
 *   the chat only if it creates the key (SET NX). BullMQ's per-group limits are a Pro feature.
 * - overall, about 30 messages a second: a slot clock (Redis TIME, µs) hands out evenly spaced send
 *   instants however requests bunch up, and a sliding-second log of real sends is the last check before a
 *   request leaves, for senders whose timer fired late (a busy event loop) and would close up on others.
 * - interactive sends (replies, triggered messages, the bundle after /start) take slots however far ahead
 *   the clock is; the worker's bundles take one only while it is near, so a burst of presses is answered
 *   ahead of the morning wave.
 */
import type { Redis } from 'ioredis';

/**
 * A request leaves a few ms after its permit, and network jitter may bring two sends closer than their
 * permits were; this margin keeps them at least the gap apart at Telegram's end.
 */
export const PACING_MARGIN_MS = 50;

/** How long a chat reservation outlasts the gap, for the few ms between reserving it and taking a slot. */
const RESERVATION_SLACK_MS = 10_000;

/**
 * Slots are this much wider than 1/rate, so that sends leaving a little late rarely meet the sliding-second
 * check: 1.5 % (0.5 ms) drew 26 429s in the bench before that check existed; 4 % costs 1.2 msg/s at 30/s.
 */
const SLOT_STRETCH = 1.04;

/** The scheduled lane takes a slot only while the clock is at most this far ahead (≈ 9 sends at 30/s). */
const SCHEDULED_LOOKAHEAD_MS = 300;

/**
 * Reserve the chat for ARGV[1] ms if free (returns 0), else return how many ms to wait before asking again:
 * until it is free, but at most one gap (ARGV[2]), since a reservation shrinks to the gap once its send leaves.
 */
const RESERVE_CHAT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return math.min(ttl, tonumber(ARGV[2]))`;

/**
 * Takes the next slot on the clock (KEYS[1]; ARGV[1] µs apart) and returns µs until it. With a chat key
 * (KEYS[2]), extends the chat's reservation to cover the wait plus ARGV[2] ms: a reservation that expired
 * while its holder waited for a slot would let a second sender into the chat.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local waitMs = math.ceil((slot - now) / 1000)
redis.call('SET', KEYS[1], slot + tonumber(ARGV[1]), 'PX', waitMs + 60000)
if #KEYS > 1 then redis.call('SET', KEYS[2], '1', 'PX', waitMs + tonumber(ARGV[2])) end
return slot - now`;

/** µs the clock (KEYS[1]) is ahead of now: how long the sends already given a slot will take. */
const CLOCK_AHEAD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
return math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') - now)`;

/**
 * The last check before a request leaves: at most ARGV[2] sends in any ARGV[1] µs (a sorted set of send
 * instants, KEYS[1]; KEYS[2] numbers them). Records this send and returns {0, its instant}, or returns
 * {µs until the oldest leaves the window, ''}. With a chat key (KEYS[3]), restarts its gap of ARGV[3] ms at this send: in the
 * same round trip, as nothing may stand between the permit and the request leaving.
 */
const PERMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, string.format('%.0f', now) .. ':' .. redis.call('INCR', KEYS[2]))
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  redis.call('PEXPIRE', KEYS[2], math.ceil(window / 1000) + 1000)
  if #KEYS > 2 then redis.call('SET', KEYS[3], '1', 'PX', ARGV[3]) end
  return {0, string.format('%.0f', now)}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {math.max(1, tonumber(oldest[2]) + window - now), ''}`;

export interface DeliveryLimits {
  /** Messages per second over all chats (RATE_GLOBAL_PER_SEC); BullMQ's queue limiter caps job starts at it too. */
  globalPerSec: number;
  /** Least gap between two messages to one chat (RATE_PER_CHAT_MS); 0 paces no chat. */
  perChatMs: number;
}

export interface Pacer {
  /** 0 when this caller may send to the chat now (and holds it until its slot and the gap after), else ms to wait. */
  reserveChat(chatId: string): Promise<number>;
  /** Waits until this caller holds the chat (its gap since the last send to it has passed). */
  waitForChat(chatId: string): Promise<void>;
  /** Gives a chat reservation back unused (nothing was sent after all), so the chat's next message need not wait. */
  releaseChat(chatId: string): Promise<void>;
  /**
   * The scheduled lane's turn: waits while the clock is far ahead (interactive sends hold it), before the
   * caller reserves a chat, so a reply to that chat is not held behind the wait.
   */
  yieldToInteractive(): Promise<void>;
  /**
   * Waits for this caller's global slot and the sliding-second permit, then returns the permit's instant
   * (µs on Redis' clock, which every sender shares): the request may leave. With a chat this caller holds,
   * keeps it held through the wait and restarts its gap at the send.
   */
  slot(chatId: string | null): Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPacer(redis: Redis, prefix: string, limits: DeliveryLimits): Pacer {
  const pacesChats = limits.perChatMs > 0;
  const hold = limits.perChatMs + PACING_MARGIN_MS;
  const chatKey = (chatId: string) => `${prefix}:pace:${chatId}`;
  const clockKey = `${prefix}:pace:global`;
  const windowKey = `${prefix}:pace:window`;
  const seqKey = `${windowKey}:seq`;
  const intervalUs = String(Math.ceil((1_000_000 / limits.globalPerSec) * SLOT_STRETCH));
  const windowUs = String((1000 + PACING_MARGIN_MS) * 1000);
  // the limit itself in a second and a margin: a send that arrives that much early still finds room
  const perWindow = String(limits.globalPerSec);

  const reserveChat = async (chatId: string) =>
    pacesChats ? Number(await redis.eval(RESERVE_CHAT, 1, chatKey(chatId), String(hold + RESERVATION_SLACK_MS), String(hold))) : 0;

  return {
    reserveChat,
    async waitForChat(chatId) {
      for (let wait = await reserveChat(chatId); wait > 0; wait = await reserveChat(chatId)) await sleep(wait);
    },
    async releaseChat(chatId) {
      if (pacesChats) await redis.del(chatKey(chatId));
    },
    async yieldToInteractive() {
      const lookaheadUs = SCHEDULED_LOOKAHEAD_MS * 1000;
      for (let aheadUs = Number(await redis.eval(CLOCK_AHEAD, 1, clockKey)); aheadUs > lookaheadUs; ) {
        await sleep(Math.ceil((aheadUs - lookaheadUs) / 1000));
        aheadUs = Number(await redis.eval(CLOCK_AHEAD, 1, clockKey));
      }
    },
    async slot(chatId) {
      const chat = pacesChats && chatId !== null ? chatKey(chatId) : null;
      const chatKeys = chat === null ? [] : [chat];
      const waitUs = Number(await redis.eval(TAKE_SLOT, 1 + chatKeys.length, clockKey, ...chatKeys, intervalUs, String(hold + RESERVATION_SLACK_MS)));
      if (waitUs > 0) await sleep(Math.ceil(waitUs / 1000));
      for (;;) {
        const [retryUs, instant] = (await redis.eval(PERMIT, 2 + chatKeys.length, windowKey, seqKey, ...chatKeys, windowUs, perWindow, String(hold))) as [number, string];
        if (retryUs === 0) return Number(instant);
        await sleep(Math.ceil(retryUs / 1000));
      }
    },
  };
}
