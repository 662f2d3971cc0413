/**
 * What the bot is built from: passed in explicitly (bot-base's `createBot(token, { config, logger })`
 * style), so nothing reads the environment on import and tests build a bot around an emulator and a
 * temporary database.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
import type { DeliveryLimits } from '../delivery/pacing.js';
import type { PersonPreferences } from '../domain/roster.js';
import type { PlannerSettings } from '../planner/types.js';
import type { Schedule } from '../schedule/types.js';

/** Settings the bot reads; `startBot` maps them from the environment's `Config`. */
export interface BotConfig {
  /** Public HTTPS URL Telegram posts updates to; unset: long polling. */
  webhookUrl?: string | undefined;
  /** Checked against the `X-Telegram-Bot-Api-Secret-Token` header in webhook mode. */
  webhookSecret?: string | undefined;
  webhookPort?: number | undefined;
  /** Planner settings used when the bot plans a triggered message (a return to the school). */
  planner: PlannerSettings;
  /** The sending window of people who never set theirs (SEND_WINDOW_START/END); default 09:00–20:00. */
  preferenceDefaults?: PersonPreferences;
  /** Days `/deadlines` looks ahead without an argument, and the greeting's horizon. */
  deadlineDays: number;
}

/** Where the bot takes its sending pace from: the same Redis keys as the delivery worker's. */
export interface BotPacing {
  redis: Redis;
  /** QUEUE_PREFIX of the worker it shares Telegram's limits with. */
  prefix: string;
  limits: DeliveryLimits;
}

export interface BotDeps {
  token: string;
  /** `TELEGRAM_API_ROOT`: Telegram, a local Bot API server or the test emulator. */
  apiRoot: string;
  store: Store;
  schedules: readonly Schedule[];
  clock: Clock;
  log: Logger;
  config: BotConfig;
  pacing: BotPacing;
}
