/**
 * The grammY bot: registration, inline status answers and commands, wired to the store. Built from an
 * explicit dependencies object; `run.ts` starts it with long polling or a webhook.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import { randomUUID } from 'node:crypto';
import { createPacer } from '../delivery/pacing.js';
import { createRenderer, type Renderer } from '../delivery/render.js';
import { createTelegramTransport } from '../delivery/telegram-transport.js';
import { COMMANDS } from './command-menu.js';
import type { BotDeps } from './deps.js';
import { createAnswerHandler } from './handlers/answers.js';
import { createCommandHandler } from './handlers/commands.js';
import { curatorActions } from './handlers/curator.js';
import { createMembershipHandler } from './handlers/membership.js';
import { municipalActions } from './handlers/municipal.js';
import { createPressHandler } from './handlers/press.js';
import { digestActions } from './handlers/regional.js';
import { schoolActions } from './handlers/school.js';
import { createStartHandler } from './handlers/start.js';
import { replyPacing } from './reply-pacing.js';
import { createTurns } from './turns.js';
import type { BotServices } from './services.js';
import { createTelegramRender } from './telegram-render.js';

/**
 * A reply is paced, so a 429 is rare (another process on the token, Telegram's own hiccup); when one comes,
 * the reply waits its turn rather than being dropped: a greeting lost is a person who never knows they joined.
 */
const RETRY = { maxRetryAttempts: 20, maxDelaySeconds: 120 };

export interface CreatedBot {
  bot: Bot;
  services: BotServices;
}

/**
 * Builds the bot. Nothing is sent until it is started (`startBot`) or fed updates (`bot.handleUpdate`).
 * @param renderer the Fluent renderer (default: `templates/ru`)
 */
export function createBot(deps: BotDeps, renderer: Renderer = createRenderer()): CreatedBot {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot } });
  const { redis, prefix, limits } = deps.pacing;
  const pacer = createPacer(redis, prefix, limits);
  // installed first, so it runs inside autoRetry: every retry of a reply takes a slot again
  bot.api.config.use(replyPacing(pacer));
  bot.api.config.use(autoRetry(RETRY));
  const render = createTelegramRender(deps.store, renderer);
  const services: BotServices = {
    ...deps,
    renderer,
    say: (id, params) => renderer.format(id, params),
    render,
    sendPath: {
      owner: `bot-${randomUUID().slice(0, 8)}`,
      // a triggered message is one request: a minute is far beyond its longest attempt
      leaseMs: 60_000,
      store: deps.store,
      transport: createTelegramTransport({ token: deps.token, apiRoot: deps.apiRoot }),
      render,
      clock: deps.clock,
      pacer,
      log: deps.log,
    },
  };
  const { log, say } = services;

  // one update's synchronous work per turn of the event loop, so paced sends' timers fire on time in a burst
  const nextTurn = createTurns();
  bot.use(async (_ctx, next) => {
    await nextTurn();
    await next();
  });
  // one update at a time per chat: a press and the typed answer after it never race
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  // personal data stays in private chats: in groups the bot says only that it works in private
  bot.use(async (ctx, next) => {
    if (ctx.chat === undefined || ctx.chat.type === 'private') return next();
    log.info({ chatId: ctx.chat.id, type: ctx.chat.type, updateId: ctx.update.update_id }, 'ignored update from a non-private chat');
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: say('bot-private-only') });
    else if (ctx.message?.text?.startsWith('/')) await ctx.reply(say('bot-private-only'));
  });

  bot.command('start', createStartHandler(services));
  for (const name of COMMANDS) bot.command(name, createCommandHandler(services, name));
  bot.on(
    'callback_query:data',
    createPressHandler(services, { ...schoolActions, ...curatorActions, ...municipalActions }, digestActions),
  );
  bot.on('message:text', createAnswerHandler(services));
  bot.on('my_chat_member', createMembershipHandler(services));

  bot.catch(async (error) => {
    const ctx = error.ctx;
    const cause = error.error;
    log.error(
      { updateId: ctx.update.update_id, err: cause instanceof Error ? { message: cause.message, stack: cause.stack } : String(cause) },
      'update handler failed',
    );
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: say('bot-error-apology') });
      else if (ctx.chat?.type === 'private') await ctx.reply(say('bot-error-apology'));
    } catch (apologyError) {
      log.warn({ updateId: ctx.update.update_id, err: String(apologyError) }, 'could not apologise either');
    }
  });
  return { bot, services };
}
