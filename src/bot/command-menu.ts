/**
 * The command menu each person sees, set per chat for their role. Telegram refusing it is logged and
 * otherwise ignored: the commands work without the menu.
 */
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { PersonRole } from '../domain/roster.js';
import type { Say } from './item-view.js';

export const COMMANDS = ['status', 'deadlines', 'school', 'digest', 'snooze', 'settings', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const BY_ROLE: Record<PersonRole, readonly CommandName[]> = {
  school: ['status', 'deadlines', 'snooze', 'settings', 'help'],
  curator: ['status', 'deadlines', 'school', 'snooze', 'settings', 'help'],
  municipal: ['status', 'deadlines', 'school', 'digest', 'snooze', 'settings', 'help'],
  regional: ['status', 'deadlines', 'school', 'digest', 'settings', 'help'],
  admin: ['status', 'deadlines', 'school', 'digest', 'settings', 'help'],
};

export function commandsFor(role: PersonRole): readonly CommandName[] {
  return BY_ROLE[role];
}

/** Sets the role's menu for one private chat; returns whether Telegram accepted it. */
export async function setRoleCommands(api: Api, say: Say, log: Logger, chatId: number, role: PersonRole): Promise<boolean> {
  try {
    await api.setMyCommands(
      commandsFor(role).map((command) => ({ command, description: say(`bot-command-${command}`) })),
      { scope: { type: 'chat', chat_id: chatId } },
    );
    return true;
  } catch (error) {
    log.warn({ chatId, role, err: error instanceof Error ? error.message : String(error) }, 'setMyCommands failed; continuing without the menu');
    return false;
  }
}
