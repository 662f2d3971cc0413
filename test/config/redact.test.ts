import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { redactBotToken, redactUrl } from '../../src/config/redact.js';

describe('credentials in logs and errors', () => {
  it('hides the password of a Redis URL, and leaves a URL without one alone', () => {
    expect(redactUrl('redis://:hunter2@redis.internal:6379/0')).toBe('redis://:***@redis.internal:6379/0');
    expect(redactUrl('redis://bot:hunter2@redis.internal:6379')).toBe('redis://bot:***@redis.internal:6379');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('hides the bot token in a request URL quoted by a network error', () => {
    expect(redactBotToken('request to http://127.0.0.1:1/bot123456:TEST-token/sendMessage failed, reason: connect ECONNREFUSED')).toBe(
      'request to http://127.0.0.1:1/bot***/sendMessage failed, reason: connect ECONNREFUSED',
    );
  });

  it('names a malformed BOT_TOKEN without printing it', () => {
    const error = (() => {
      try {
        loadConfig({ BOT_TOKEN: '123456:SECRET-value ' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('BOT_TOKEN=(20 characters, not shown): expected a Bot API token');
    expect((error as ConfigError).message).not.toContain('SECRET');
  });
});
