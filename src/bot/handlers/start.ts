/**
 * `/start <code>`: redeems an invite and greets the person by name and role with their scope and next
 * deadlines. A bad code gets one clear sentence that reveals nothing about anyone; `/start` from a stranger
 * says how to get an invite, and nothing else.
 */
import type { Context } from 'grammy';
import { redeemInvite } from '../../db/invites.js';
import type { Person } from '../../domain/roster.js';
import { isCoordinator, resolvePerson } from '../auth.js';
import { setRoleCommands } from '../command-menu.js';
import { personZone } from '../overview.js';
import { isOpenItem, personItems } from '../person-items.js';
import type { BotServices } from '../services.js';
import { scopeParams, sendWelcome } from '../welcome.js';
import { itemLines } from './item-lines.js';

/** Whom the person answers for, in words. */
export function scopeText(rt: BotServices, person: Person): string {
  return rt.say('bot-scope', scopeParams(rt, person));
}

/** The person's open items (as assignee or confirmer, any scope) due within `days`, overdue ones first. */
export function nextDeadlines(rt: BotServices, person: Person, days: number): string {
  const zone = personZone(rt.store, person);
  const today = rt.clock.now().setZone(zone);
  const until = today.plus({ days }).toISODate() ?? '';
  const items = personItems(rt.store, rt.schedules, person, zone).filter((i) => isOpenItem(i) && i.due <= until);
  return itemLines(rt, items, today.toISODate() ?? '', days, isCoordinator(person));
}

export function welcome(rt: BotServices, person: Person): string {
  return [
    rt.say('bot-welcome', { name: person.fullName, role: person.role }),
    scopeText(rt, person),
    nextDeadlines(rt, person, rt.config.deadlineDays),
  ].join('\n\n');
}

export function createStartHandler(rt: BotServices) {
  return async (ctx: Context): Promise<void> => {
    const code = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    const from = ctx.from?.id;
    const chatId = ctx.chat?.id;
    if (from === undefined || chatId === undefined) return;
    if (code === '') {
      const person = resolvePerson(rt.store, from);
      await ctx.reply(person ? welcome(rt, person) : rt.say('bot-start-stranger'));
      return;
    }
    const result = redeemInvite(rt.store, code, String(from), String(chatId), rt.clock.now());
    rt.log.info({ telegramUserId: from, outcome: result.outcome }, 'invite redemption');
    switch (result.outcome) {
      case 'bound':
        // one message: the greeting, the day's lines that waited for them and what is due now, with buttons
        await sendWelcome(rt, result.person);
        await setRoleCommands(ctx.api, rt.say, rt.log, chatId, result.person.role);
        return;
      case 'other_identity':
        await ctx.reply(rt.say('bot-start-other-identity', { name: result.person.fullName }));
        return;
      default:
        await ctx.reply(rt.say('bot-start-invalid', { reason: result.outcome }));
    }
  };
}
