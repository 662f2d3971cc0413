/**
 * Everything the service derives from the environment's configuration, in one place: the planner's
 * settings, everyone's default sending window, Telegram's limits and the bot's dependencies.
 */
import type { Logger } from 'pino';
import type { BotDeps } from '../bot/deps.js';
import type { Clock } from '../config/clock.js';
import type { Config } from '../config/env.js';
import type { Store } from '../db/client.js';
import type { DeliveryLimits } from '../delivery/pacing.js';
import type { PersonPreferences } from '../domain/roster.js';
import { DEFAULT_PLANNER_SETTINGS, type PlannerSettings } from '../planner/types.js';
import type { RedisConnection } from '../queue/redis.js';
import type { Schedule } from '../schedule/types.js';

/** Planner settings: the bundle's send time (SEND_TIME); the rest are the planner's defaults. */
export function plannerSettingsFrom(config: Pick<Config, 'SEND_TIME'>): PlannerSettings {
  return { ...DEFAULT_PLANNER_SETTINGS, sendTime: config.SEND_TIME };
}

/** What a person who never opened /settings gets: SEND_WINDOW_START–SEND_WINDOW_END, digest on Monday. */
export function preferenceDefaultsFrom(config: Pick<Config, 'SEND_WINDOW_START' | 'SEND_WINDOW_END'>): PersonPreferences {
  return { windowStart: config.SEND_WINDOW_START, windowEnd: config.SEND_WINDOW_END, digestDay: 1 };
}

/** Telegram's limits as configured (RATE_GLOBAL_PER_SEC, RATE_PER_CHAT_MS). */
export function deliveryLimitsFrom(config: Pick<Config, 'RATE_GLOBAL_PER_SEC' | 'RATE_PER_CHAT_MS'>): DeliveryLimits {
  return { globalPerSec: config.RATE_GLOBAL_PER_SEC, perChatMs: config.RATE_PER_CHAT_MS };
}

/** The bot's dependencies: it paces its sends on the same Redis keys as the delivery worker. */
export function botDepsFromConfig(
  config: Config,
  parts: { store: Store; schedules: readonly Schedule[]; clock: Clock; log: Logger; redis: RedisConnection },
): BotDeps {
  if (config.BOT_TOKEN === undefined) throw new Error('BOT_TOKEN is required to run the bot');
  const { redis, ...rest } = parts;
  return {
    token: config.BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    ...rest,
    config: {
      webhookUrl: config.WEBHOOK_URL,
      webhookSecret: config.WEBHOOK_SECRET,
      webhookPort: config.WEBHOOK_PORT,
      planner: plannerSettingsFrom(config),
      preferenceDefaults: preferenceDefaultsFrom(config),
      deadlineDays: 14,
    },
    pacing: { redis: redis.client, prefix: config.QUEUE_PREFIX, limits: deliveryLimitsFrom(config) },
  };
}
