import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('loadConfig', () => {
  it('fills every setting with its documented default', () => {
    const cfg = loadConfig({});
    expect(cfg.DATABASE_PATH).toBe('./data/roadmap.db');
    expect(cfg.SEND_TIME).toBe('09:30');
    expect(cfg.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(cfg.dryRun).toBe(true);
  });

  it('runs for real only with a token and no DRY_RUN', () => {
    expect(loadConfig({ BOT_TOKEN: '123:abc' }).dryRun).toBe(false);
    expect(loadConfig({ BOT_TOKEN: '123:abc', DRY_RUN: '1' }).dryRun).toBe(true);
  });

  it('names each wrong variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ SEND_TIME: '9.30', NOW: 'tomorrow', REDIS_URL: 'localhost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('SEND_TIME="9.30": expected a time of day as HH:mm');
    expect(message).toContain('NOW="tomorrow": expected an ISO 8601 instant');
    expect(message).toContain('REDIS_URL="localhost": expected a redis:// URL');
  });

  it('refuses webhook mode without the secret Telegram must send back', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.org/telegram' })).toThrow(
      /WEBHOOK_SECRET="": expected a secret whenever WEBHOOK_URL is set/,
    );
    expect(loadConfig({ WEBHOOK_URL: 'https://bot.example.org/telegram', WEBHOOK_SECRET: 's3cret' }).WEBHOOK_SECRET).toBe('s3cret');
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(loadConfig({ BOT_TOKEN: '', REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });
});
