/**
 * `/snooze`: the person picks which of their items' reminders to postpone by one working day (never past its
 * deadline; escalations are never postponed). The choices are inline buttons naming each item by an opaque
 * token; a press is re-authorized by finding the token among the pressing person's own items, so a forged or
 * borrowed button finds nothing. With a single snoozable item the command snoozes it at once and says so.
 */
import type { Context } from 'grammy';
import { snooze } from '../../db/statuses.js';
import type { LocalDate } from '../../domain/local-date.js';
import type { Person } from '../../domain/roster.js';
import { subjectInScope } from '../auth.js';
import { itemToken, packSnoozeChoice, type SnoozeChoice } from '../callback-data.js';
import { personToday, personZone } from '../overview.js';
import { type PersonItem, personItems } from '../person-items.js';
import type { BotServices } from '../services.js';
import { itemRefOf, MAX_SNOOZE_CHOICES, type SnoozableItem, snoozableItems } from '../snoozable.js';

function mine(rt: BotServices, person: Person): { today: LocalDate; items: PersonItem[] } {
  return {
    today: personToday(rt.store, person, rt.clock.now()),
    items: personItems(rt.store, rt.schedules, person, personZone(rt.store, person)),
  };
}

function apply(rt: BotServices, person: Person, target: SnoozableItem): void {
  snooze(rt.store, target.ref, target.until, rt.clock.now());
  rt.log.info({ personId: person.id, item: target.ref, until: target.until }, 'reminders snoozed');
}

function snoozedText(rt: BotServices, target: SnoozableItem, only: boolean): string {
  const { title, subjectName, subjectCode } = target.item;
  return rt.say('bot-snoozed', { title, subject: subjectName, subjectCode, until: target.until, only: only ? 'yes' : 'no' });
}

/** Lists the snoozable items as buttons, snoozes the only one, or says there is nothing to snooze. */
export async function snoozeCommand(rt: BotServices, ctx: Context, person: Person): Promise<void> {
  const { today, items } = mine(rt, person);
  const choices = snoozableItems(items, today);
  const [first] = choices;
  if (first === undefined) {
    await ctx.reply(rt.say('bot-snooze-nothing'));
    return;
  }
  if (choices.length === 1) {
    apply(rt, person, first);
    await ctx.reply(snoozedText(rt, first, true));
    return;
  }
  const shown = choices.slice(0, MAX_SNOOZE_CHOICES);
  const inline_keyboard = shown.map(({ item, token }) => [
    {
      text: rt.say('bot-snooze-choice', { title: item.title, subject: item.subjectName, subjectCode: item.subjectCode, due: item.due }),
      callback_data: packSnoozeChoice({ itemToken: token, snoozedUntil: item.snoozedUntil }),
    },
  ]);
  await ctx.reply(rt.say('bot-snooze-choose', { more: choices.length - shown.length }), { reply_markup: { inline_keyboard } });
}

/** A press on a `/snooze` choice: answers the callback and replaces the list with the outcome. */
export async function pressSnooze(rt: BotServices, ctx: Context, person: Person, choice: SnoozeChoice): Promise<void> {
  const { today, items } = mine(rt, person);
  // only items the person is reminded of: a confirmer's snooze would silence the assignee
  const item = items.find((i) => i.capacity === 'assignee' && itemToken(itemRefOf(i)) === choice.itemToken);
  if (item === undefined || !subjectInScope(rt.store, person, item.subject)) {
    rt.log.warn({ personId: person.id, itemToken: choice.itemToken }, 'snooze press refused: not an item the person is reminded of');
    await ctx.answerCallbackQuery({ text: rt.say('bot-press-refused') });
    return;
  }
  const show = async (text: string, answer: string) => {
    await ctx.answerCallbackQuery({ text: answer });
    await ctx.editMessageText(text, { reply_markup: { inline_keyboard: [] } });
  };
  if (item.snoozedUntil !== choice.snoozedUntil) {
    if (item.snoozedUntil === null) {
      // the bot never draws a snooze date the item did not have
      rt.log.warn({ personId: person.id, itemToken: choice.itemToken, stamp: choice.snoozedUntil }, 'snooze press refused: forged date');
      await ctx.answerCallbackQuery({ text: rt.say('bot-press-invalid') });
      return;
    }
    const text = rt.say('bot-snooze-already', { title: item.title, subject: item.subjectName, subjectCode: item.subjectCode, until: item.snoozedUntil });
    await show(text, rt.say('bot-press-unchanged', { why: 'already' }));
    return;
  }
  const [target] = snoozableItems([item], today);
  if (target === undefined) {
    const text = rt.say('bot-snooze-not-possible', { title: item.title, subject: item.subjectName, subjectCode: item.subjectCode, due: item.due });
    await show(text, rt.say('bot-press-unchanged', { why: 'not_allowed' }));
    return;
  }
  apply(rt, person, target);
  await show(snoozedText(rt, target, false), rt.say('bot-press-saved'));
}
