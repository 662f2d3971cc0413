import { DateTime } from 'luxon';
import { z } from 'zod';
import { redactUrl, SECRET_VARIABLES } from './redact.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm, e.g. 09:30');

const isoInstant = z.string().refine((v) => DateTime.fromISO(v, { setZone: true }).isValid, {
  message: 'an ISO 8601 instant with an offset, e.g. 2022-05-31T10:00+04:00',
});

const ianaZone = z.string().refine((v) => DateTime.now().setZone(v).isValid, {
  message: 'an IANA time zone, e.g. Europe/Saratov',
});

/** Every setting, with its default. `.env.example` documents each one. */
const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/roadmap.db'),
  REDIS_URL: z.string().url('a redis:// URL, e.g. redis://127.0.0.1:6379').optional(),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _').default('roadmap'),
  BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'a Bot API token like 123456:ABC-def').optional(),
  BOT_USERNAME: z.string().regex(/^[A-Za-z0-9_]{3,}$/, 'the bot username without @').default('roadmap500_bot'),
  DRY_RUN: bool.default(false),
  TELEGRAM_API_ROOT: z.string().url('an http(s) URL, e.g. http://127.0.0.1:9000').default('https://api.telegram.org'),
  WEBHOOK_URL: z.string().url('the public https URL Telegram posts updates to').optional(),
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 of A-Z a-z 0-9 _ -').optional(),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  NOW: isoInstant.optional(),
  TICK_CRON: z.string().min(1).default('* * * * *'),
  SCHEDULES_DIR: z.string().min(1).default('./schedules'),
  DEFAULT_TIME_ZONE: ianaZone.default('Europe/Moscow'),
  SEND_TIME: hhmm.default('09:30'),
  SEND_WINDOW_START: hhmm.default('09:00'),
  SEND_WINDOW_END: hhmm.default('20:00'),
  INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RATE_GLOBAL_PER_SEC: z.coerce.number().int().min(1).max(1000).default(30),
  RATE_PER_CHAT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  START_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
});

/** Settings that only make sense together. */
const envRules = envSchema.refine((cfg) => cfg.WEBHOOK_URL === undefined || cfg.WEBHOOK_SECRET !== undefined, {
  path: ['WEBHOOK_SECRET'],
  message: 'a secret whenever WEBHOOK_URL is set (Telegram sends it back on every update, so forged posts are refused)',
});

export type Config = z.infer<typeof envSchema> & { dryRun: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once. Empty strings count as unset, as in most `.env` files. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envRules.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const value = input[name] ?? '';
        const secret = SECRET_VARIABLES.has(name) && value !== '';
        const shown = secret ? `(${value.length} characters, not shown)` : JSON.stringify(name === 'REDIS_URL' ? redactUrl(value) : value);
        return `${name}=${shown}: expected ${issue.message}`;
      }),
    );
  }
  const cfg = parsed.data;
  return { ...cfg, dryRun: cfg.DRY_RUN || cfg.BOT_TOKEN === undefined };
}
