/**
 * The bot's own calls (replies to commands and presses, edits, documents) share Telegram's limits with the
 * delivery worker: one token has one global limit for everything it sends. Each such call first waits for
 * the chat's gap and takes a slot on the same Redis clocks the worker uses, so a registration burst during
 * the morning wave draws no 429s. They are the interactive lane: the worker takes a slot only while the clock
 * is near, so a reply waits a fraction of a second behind it, not behind the whole wave.
 */
import type { Transformer } from 'grammy';
import type { Pacer } from '../delivery/pacing.js';

/** Calls that put a message in a chat: they count towards the per-chat limit. */
const NEW_MESSAGES: ReadonlySet<string> = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'copyMessage', 'forwardMessage']);
/** Calls that change a message already there: they count towards the token's limit only. */
const EDITS: ReadonlySet<string> = new Set(['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']);

export function replyPacing(pacer: Pacer): Transformer {
  return async (prev, method, payload, signal) => {
    if (NEW_MESSAGES.has(method) || EDITS.has(method)) {
      const chatId = (payload as { chat_id?: unknown }).chat_id;
      const chat = NEW_MESSAGES.has(method) && (typeof chatId === 'number' || typeof chatId === 'string') ? String(chatId) : null;
      if (chat !== null) await pacer.waitForChat(chat);
      await pacer.slot(chat);
    }
    return prev(method, payload, signal);
  };
}
