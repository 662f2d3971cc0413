/**
 * What every handler works with: the bot's dependencies plus the renderer-backed ways to say things and to
 * turn stored notifications into Telegram messages, and a safe way to message a person.
 */
import type { Api } from 'grammy';
import type { Renderer } from '../delivery/render.js';
import type { Render, SendPath } from '../delivery/send-path.js';
import type { Person } from '../domain/roster.js';
import type { BotDeps } from './deps.js';
import type { Say } from './item-view.js';

export interface BotServices extends BotDeps {
  renderer: Renderer;
  say: Say;
  render: Render;
  /** The delivery worker's send path, for messages people trigger (a return, a supervisor's notice). */
  sendPath: SendPath;
}

/**
 * Sends a text to a registered person's private chat. A failure (blocked, network) is logged and reported
 * as false: telling a third person must not fail the action that triggered it.
 */
export async function notifyPerson(rt: BotServices, api: Api, person: Person, text: string): Promise<boolean> {
  if (person.chatId === null || person.state !== 'active') {
    rt.log.info({ personId: person.id, state: person.state }, 'cannot notify a person without a reachable chat');
    return false;
  }
  try {
    await api.sendMessage(person.chatId, text, { link_preview_options: { is_disabled: true } });
    return true;
  } catch (error) {
    rt.log.warn({ personId: person.id, err: error instanceof Error ? error.message : String(error) }, 'notify failed');
    return false;
  }
}
