/**
 * What the bot is built from: passed in explicitly (bot-base's `createBot(token, { config, logger })`
 * style), so nothing reads the environment on import and tests build a bot around an emulator and a
 * temporary database.
 */
import type { Logger } from 'pino';
import type { Clock } from '../config/clock.js';
import type { Store } from '../db/client.js';
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
  /** Days `/deadlines` looks ahead without an argument, and the greeting's horizon. */
  deadlineDays: number;
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
}
