/**
 * Inline button presses: decode, resolve the person, re-authorize, then hand the item to the action of the
 * pressing role (a `/snooze` choice to its own handler). Whatever happens the callback is answered; a press that changes nothing (second press,
 * stale button, past schedule) shows the item's current state.
 */
import type { Context } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { askQuestion, type QuestionKind } from '../../db/pending-questions.js';
import type { StoredNotification } from '../../db/notifications.js';
import { applyTransition, getStatus, StaleStatusError, type StoredStatus } from '../../db/statuses.js';
import type { LocalDate } from '../../domain/local-date.js';
import type { ButtonAction } from '../../domain/notification.js';
import type { Person } from '../../domain/roster.js';
import { capacitiesFor, findPath, InvalidTransitionError } from '../../domain/status-machine.js';
import type { StatusValue } from '../../domain/status.js';
import type { Milestone } from '../../schedule/types.js';
import { resolvePerson } from '../auth.js';
import { type CallbackData, decodeCallbackData, refersToNotification } from '../callback-data.js';
import { stateLine } from '../item-view.js';
import { type ItemTarget, resolvePress } from '../press-target.js';
import type { BotServices } from '../services.js';
import { pressSnooze } from './snooze.js';

/** A press on an item, authorized. */
export interface ItemPress {
  rt: BotServices;
  ctx: Context;
  person: Person;
  data: CallbackData;
  item: ItemTarget;
  milestone: Milestone;
}

export type ItemAction = (press: ItemPress) => Promise<void>;
/** A press on a button about no one item; `notification` is the row it was drawn for. */
export type DigestAction = (rt: BotServices, ctx: Context, person: Person, notification: StoredNotification) => Promise<void>;

/** The status a "finished" press leads to: confirmed by a coordinator, submitted for review, or done. */
export function finishedStatus(milestone: Milestone, person: Person): StatusValue {
  if (milestone.confirmBy === null) return 'done';
  return capacitiesFor(person.role, milestone).some((c) => c === 'coordinator' || c === 'confirmer') ? 'confirmed' : 'submitted';
}

/** The message the button sat on, with the pressed item's buttons removed and its state appended. */
async function showOnMessage(press: Pick<ItemPress, 'ctx' | 'data'>, line: string): Promise<void> {
  const message = press.ctx.callbackQuery?.message;
  if (!message || !('text' in message) || message.text === undefined) return;
  const rows = message.reply_markup?.inline_keyboard ?? [];
  const keep = (b: InlineKeyboardButton) => !('callback_data' in b) || !refersToNotification(b.callback_data, press.data.notificationId);
  const keyboard = rows.map((row) => row.filter(keep)).filter((row) => row.length > 0);
  const unchanged = message.text.endsWith(line) && keyboard.length === rows.length;
  if (unchanged) return;
  const text = message.text.endsWith(line) ? message.text : `${message.text}\n\n${line}`;
  await press.ctx.editMessageText(text.length <= 4096 ? text : line, { reply_markup: { inline_keyboard: keyboard } });
}

/** Shows the item as it is now (after a change, or instead of one). */
export async function showState(press: ItemPress, status: StoredStatus | null, answer: string): Promise<void> {
  const line = stateLine(press.rt.say, press.rt.store, { ...press.item, status });
  await press.ctx.answerCallbackQuery({ text: answer });
  await showOnMessage(press, line);
}

export type MoveOutcome =
  | { kind: 'moved'; status: StoredStatus }
  | { kind: 'unchanged'; status: StoredStatus | null; why: 'stale' | 'not_allowed' | 'already' };

/**
 * Moves the item to `target` along the state machine (a coordinator's «Сделано» may take several edges),
 * each edge its own audited transition; the first must find the version the button (or question) saw.
 */
export function moveItem(
  press: Omit<ItemPress, 'ctx'>,
  target: StatusValue,
  extra: { comment?: string; plannedDate?: LocalDate; expectedVersion?: number } = {},
): MoveOutcome {
  const { rt, item, person, milestone } = press;
  const requiresConfirmation = milestone.confirmBy !== null;
  const current = getStatus(rt.store, item.ref);
  let version = extra.expectedVersion ?? press.data.version;
  if ((current?.version ?? 0) !== version) return { kind: 'unchanged', status: current, why: 'stale' };
  const path = findPath(current?.status ?? 'pending', target, requiresConfirmation);
  if (path === null) return { kind: 'unchanged', status: current, why: 'not_allowed' };
  if (path.length === 0) return { kind: 'unchanged', status: current, why: 'already' };
  const capacities = capacitiesFor(person.role, milestone);
  let status = current;
  try {
    for (const to of path) {
      const last = to === target;
      status = applyTransition(
        rt.store,
        {
          ...item.ref,
          to,
          actorId: person.id,
          capacities,
          via: 'button',
          requiresConfirmation,
          expectedVersion: version,
          ...(last && extra.comment !== undefined ? { comment: extra.comment } : {}),
          ...(last && extra.plannedDate !== undefined ? { plannedDate: extra.plannedDate } : {}),
        },
        rt.clock.now(),
      );
      version = status.version;
    }
  } catch (error) {
    if (error instanceof StaleStatusError) return { kind: 'unchanged', status: error.current, why: 'stale' };
    if (error instanceof InvalidTransitionError) {
      rt.log.warn({ personId: person.id, item: item.ref, from: error.from, to: error.to, reason: error.reason }, 'transition refused');
      return { kind: 'unchanged', status: getStatus(rt.store, item.ref), why: 'not_allowed' };
    }
    throw error;
  }
  if (status === null) throw new Error('a non-empty path always records a status');
  return { kind: 'moved', status };
}

/** Moves the item and shows the outcome on the message. */
export async function pressMove(press: ItemPress, target: StatusValue): Promise<MoveOutcome> {
  const outcome = moveItem(press, target);
  const answer = outcome.kind === 'moved' ? press.rt.say('bot-press-saved') : press.rt.say('bot-press-unchanged', { why: outcome.why });
  await showState(press, outcome.status, answer);
  return outcome;
}

/** Asks for a typed answer; the question survives a restart. */
export async function ask(press: ItemPress, kind: QuestionKind, messageId: string, params: Record<string, string> = {}): Promise<void> {
  const { rt, ctx, person, data } = press;
  const chatId = ctx.chat?.id;
  const asking = ctx.callbackQuery?.message?.message_id;
  if (chatId === undefined || asking === undefined) return;
  const version = getStatus(rt.store, press.item.ref)?.version ?? 0;
  askQuestion(rt.store, person.id, kind, { action: data.action, notificationId: data.notificationId, version, chatId, messageId: asking }, rt.clock.now());
  await ctx.answerCallbackQuery();
  await ctx.reply(rt.say(messageId, { title: press.item.title, subject: press.item.subject, subjectCode: press.item.subjectCode, ...params }));
}

/** Routes every press; `actions` and `digestActions` are the roles' handlers. */
export function createPressHandler(
  rt: BotServices,
  actions: Partial<Record<ButtonAction, ItemAction>>,
  digestActions: Partial<Record<ButtonAction, DigestAction>>,
) {
  return async (ctx: Context): Promise<void> => {
    const raw = ctx.callbackQuery?.data;
    const person = resolvePerson(rt.store, ctx.from?.id);
    if (person === null) {
      rt.log.warn({ telegramUserId: ctx.from?.id }, 'press from an unregistered user refused');
      await ctx.answerCallbackQuery({ text: rt.say('bot-not-registered-short') });
      return;
    }
    const decoded = decodeCallbackData(raw);
    if (decoded === null) {
      rt.log.warn({ personId: person.id, data: raw }, 'forged or foreign callback data refused');
      await ctx.answerCallbackQuery({ text: rt.say('bot-press-invalid') });
      return;
    }
    if (decoded.kind === 'snooze') {
      await pressSnooze(rt, ctx, person, decoded.choice);
      return;
    }
    const { data } = decoded;
    const target = resolvePress(rt.store, rt.schedules, person, data);
    switch (target.kind) {
      case 'invalid':
      case 'refused':
        rt.log.warn({ personId: person.id, data: raw, reason: target.reason }, `press ${target.kind}`);
        await ctx.answerCallbackQuery({ text: rt.say(target.kind === 'invalid' ? 'bot-press-invalid' : 'bot-press-refused') });
        return;
      case 'digest': {
        const handler = digestActions[target.action];
        if (!handler) throw new Error(`No handler for digest action ${target.action}`);
        await ctx.answerCallbackQuery();
        await handler(rt, ctx, person, target.notification);
        return;
      }
      case 'outdated': {
        const press = { rt, ctx, person, data, item: target.item };
        const line = stateLine(rt.say, rt.store, target.item);
        await ctx.answerCallbackQuery({ text: rt.say('bot-press-outdated') });
        await showOnMessage(press, line);
        return;
      }
      case 'item': {
        const handler = actions[target.action];
        if (!handler) throw new Error(`No handler for item action ${target.action}`);
        await handler({ rt, ctx, person, data, item: target.item, milestone: target.milestone });
        return;
      }
    }
  };
}
