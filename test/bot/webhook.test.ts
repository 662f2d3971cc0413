import pino from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/bot/launch.js';
import { fixedClock } from '../../src/config/clock.js';
import { openStore, type Store } from '../../src/db/client.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { type BotApiEmulator } from '../support/bot-api-emulator.js';
import { type DeliveryRig, startDeliveryRig, UNPACED } from '../support/delivery-rig.js';
import { at, TOKEN } from './fixture.js';

describe('startBot in webhook mode', () => {
  let emu: BotApiEmulator;
  let store: Store;
  let running: RunningBot;
  let rig: DeliveryRig;
  afterEach(async () => {
    await running.stop();
    await rig.close();
    store.close();
  });

  it('registers the webhook with its secret and the updates it handles, and handles only requests carrying that secret', async () => {
    rig = await startDeliveryRig({ redisUrl: inject('redisUrl') });
    emu = rig.emulator;
    store = openStore(':memory:');
    running = await startBot({
      token: TOKEN,
      apiRoot: emu.url,
      store,
      schedules: [],
      clock: fixedClock(at('2022-05-31T08:00')),
      log: pino({ level: 'silent' }),
      config: { webhookUrl: 'https://bot.example/hook', webhookSecret: 's3cret', webhookPort: 0, planner: DEFAULT_PLANNER_SETTINGS, deadlineDays: 14 },
      pacing: { redis: rig.connection, prefix: rig.prefix, limits: UNPACED },
    });
    expect(running.mode).toBe('webhook');
    const setWebhook = emu.requests().find((r) => r.method === 'setWebhook');
    expect(setWebhook?.params).toMatchObject({
      url: 'https://bot.example/hook',
      secret_token: 's3cret',
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });

    const update = (id: number) =>
      JSON.stringify({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 9001, type: 'private', first_name: 'X' }, from: { id: 9001, is_bot: false, first_name: 'X' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } });
    const post = (secret: string | null, id: number) =>
      fetch(`http://127.0.0.1:${running.port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: update(id),
      });
    expect((await post('wrong', 1)).status).toBe(401);
    expect((await post(null, 2)).status).toBe(401);
    expect(emu.sent(9001)).toHaveLength(0);
    expect((await post('s3cret', 3)).status).toBe(200);
    expect(emu.sent(9001)[0]?.text).toMatch(/^Этот бот работает только для участников/);
  });
});
