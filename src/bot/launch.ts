/**
 * Starting and stopping the bot for `roadmap-bot start --only bot`: long polling with grammY's runner by
 * default, or a webhook (`WEBHOOK_URL`) that checks Telegram's secret-token header on every request.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { type Bot, webhookCallback } from 'grammy';
import { createServer, type Server } from 'node:http';
import { createBot } from './bot.js';
import type { BotDeps } from './deps.js';

/** The updates the bot handles; Telegram sends `my_chat_member` only when asked for it. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface RunningBot {
  mode: 'polling' | 'webhook';
  /** The port the webhook server listens on (webhook mode). */
  port: number | null;
  stop(): Promise<void>;
}

/**
 * Starts receiving updates; resolves once the bot is listening. `signal` aborts the start-up calls (getMe and
 * the rest), so a Telegram that does not answer cannot hold the start (or a stop during it) forever.
 */
export async function startBot(deps: BotDeps, abort?: AbortSignal): Promise<RunningBot> {
  const { bot, services } = createBot(deps);
  // grammY types its signal with the abort-controller shim; at run time it only adds an 'abort' listener,
  // which Node's own AbortSignal has
  const signal = abort as Parameters<Bot['init']>[0];
  await bot.init(signal);
  try {
    await bot.api.setMyCommands(
      [
        { command: 'start', description: services.say('bot-command-start') },
        { command: 'help', description: services.say('bot-command-help') },
      ],
      undefined,
      signal,
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.log.warn({ err: String(error) }, 'setMyCommands (default scope) failed; continuing');
  }
  const { webhookUrl, webhookSecret } = deps.config;
  if (webhookUrl === undefined) {
    await bot.api.deleteWebhook(undefined, signal);
    const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
    deps.log.info({ username: bot.botInfo.username }, 'bot started (long polling)');
    return {
      mode: 'polling',
      port: null,
      stop: async () => {
        if (runner.isRunning()) await runner.stop();
      },
    };
  }
  if (webhookSecret === undefined) throw new Error('WEBHOOK_SECRET is required with WEBHOOK_URL');
  const handle = webhookCallback(bot, 'http', { secretToken: webhookSecret });
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.log.error({ err: String(error) }, 'webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(deps.config.webhookPort ?? 8080, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : null;
  await bot.api.setWebhook(webhookUrl, { secret_token: webhookSecret, allowed_updates: ALLOWED_UPDATES }, signal);
  deps.log.info({ port, url: webhookUrl }, 'bot started (webhook)');
  return {
    mode: 'webhook',
    port,
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
