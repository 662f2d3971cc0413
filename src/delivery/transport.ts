/**
 * How a rendered message leaves the building: Telegram in production, the console in dry runs and demos.
 */
import type { PersonRole } from '../domain/roster.js';

/** An inline button: its label and its callback data, an opaque short string (≤ 64 bytes) the bot decodes. */
export interface RenderedButton {
  text: string;
  data: string;
}

/** A picture sent with a message (`sendPhoto`): PNG bytes and the file name Telegram shows. */
export interface RenderedPhoto {
  bytes: Uint8Array;
  filename: string;
}

/**
 * One Telegram message: text and inline keyboard rows; with a photo, the text is its caption (at most 1,024
 * characters, so a picture goes as its own part after a long text, not under it).
 */
export interface RenderedMessage {
  text: string;
  buttons: RenderedButton[][];
  photo?: RenderedPhoto;
}

export interface Recipient {
  personId: number;
  fullName: string;
  role: PersonRole;
  chatId: string;
  /** IANA zone the recipient lives in. */
  zone: string;
}

export interface Delivered {
  /** Telegram's message id (synthetic for the console). */
  messageId: number;
}

/** Sends one message; throws on failure (`classifyTelegramError` sorts what it threw). */
export interface Transport {
  readonly name: 'telegram' | 'console';
  /**
   * `onRequest` runs synchronously just before the request leaves, so the caller can record that from then on
   * the message may have arrived (the narrowest window a crash can leave undecided).
   */
  send(to: Recipient, message: RenderedMessage, onRequest?: () => void): Promise<Delivered>;
}
