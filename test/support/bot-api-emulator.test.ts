import { Bot, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from './bot-api-emulator.js';

let emulator: BotApiEmulator | null = null;

afterEach(async () => {
  await emulator?.stop();
  emulator = null;
});

describe('Bot API emulator', () => {
  it('feeds injected updates to a long-polling grammY bot and records its replies', async () => {
    emulator = await startBotApiEmulator();
    const bot = new Bot('123:abc', { client: { apiRoot: emulator.url } });
    const replied = new Promise<void>((resolve) => {
      bot.on('message:text', async (ctx) => {
        await ctx.reply(`echo ${ctx.message.text}`);
        resolve();
      });
    });
    void bot.start({ drop_pending_updates: false });
    emulator.injectUpdate({
      message: { message_id: 1, date: 0, chat: { id: 55, type: 'private', first_name: 'A' }, from: { id: 55, is_bot: false, first_name: 'A' }, text: 'привет' },
    });
    await replied;
    await bot.stop();
    expect(emulator.sent().map((m) => [m.chatId, m.text])).toEqual([['55', 'echo привет']]);
    expect(emulator.requests().map((r) => r.method)).toContain('getUpdates');
  });

  it('accepts a document upload and records its name and size', async () => {
    emulator = await startBotApiEmulator();
    const bot = new Bot('123:abc', { client: { apiRoot: emulator.url } });
    await bot.api.sendDocument(55, new InputFile(Buffer.from('xlsx bytes'), 'отставание.xlsx'), { caption: 'Отчёт' });
    expect(emulator.sent()[0]).toMatchObject({ method: 'sendDocument', chatId: '55', text: 'Отчёт', document: { filename: 'отставание.xlsx', size: 10 } });
  });

  it('answers 429 with retry_after past the per-chat limit, and 403 for a blocked chat', async () => {
    emulator = await startBotApiEmulator({ limits: { globalPerSec: 30, perChatMs: 1000 } });
    const bot = new Bot('123:abc', { client: { apiRoot: emulator.url } });
    await bot.api.sendMessage(1, 'a');
    await expect(bot.api.sendMessage(1, 'b')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    emulator.block(2);
    await expect(bot.api.sendMessage(2, 'c')).rejects.toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(emulator.rateLimited()).toBe(1);
    expect(emulator.sent()).toHaveLength(1);
  });
});
