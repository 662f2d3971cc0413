import { Api, InputFile } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { RenderedButton, RenderedMessage, Transport } from './transport.js';

export interface TelegramTransportOptions {
  token: string;
  /** `TELEGRAM_API_ROOT`: Telegram itself, a local Bot API server or a test emulator. */
  apiRoot: string;
  /** Give up on one HTTP call after this long; the job is retried with backoff. */
  timeoutSeconds?: number;
}

/** The inline keyboard Telegram expects for rendered button rows; none when there are no buttons. */
export function inlineKeyboard(rows: RenderedButton[][]): InlineKeyboardMarkup | undefined {
  const keyboard = rows.filter((row) => row.length > 0);
  if (keyboard.length === 0) return undefined;
  return { inline_keyboard: keyboard.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

/** Sends one rendered message to a chat (no link previews), a photo with its caption; returns Telegram's message id. */
export async function sendRendered(api: Api, chatId: string, message: RenderedMessage): Promise<number> {
  const replyMarkup = inlineKeyboard(message.buttons);
  if (message.photo) {
    const photo = new InputFile(message.photo.bytes, message.photo.filename);
    const sent = await api.sendPhoto(chatId, photo, { caption: message.text, ...(replyMarkup ? { reply_markup: replyMarkup } : {}) });
    return sent.message_id;
  }
  const sent = await api.sendMessage(chatId, message.text, {
    link_preview_options: { is_disabled: true },
    ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
  });
  return sent.message_id;
}

/**
 * Sends through the Bot API with grammY. Errors are thrown as grammY raised them (GrammyError for Telegram's
 * answers, HttpError for the network), for `classifyTelegramError`.
 */
export function createTelegramTransport(options: TelegramTransportOptions): Transport {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 30 });
  return {
    name: 'telegram',
    async send(to, message, onRequest) {
      onRequest?.();
      return { messageId: await sendRendered(api, to.chatId, message) };
    },
  };
}
