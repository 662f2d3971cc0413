/**
 * Typed answers to the bot's questions (a return comment, a problem's reason, a planned date, a help
 * request). The question is read back from SQLite, so an answer after a restart still lands; the answer is
 * re-authorized like a press of the button that asked.
 */
import type { Context } from 'grammy';
import { clearQuestion, type PendingQuestion, pendingQuestion } from '../../db/pending-questions.js';
import { supervisorChain } from '../../db/roster.js';
import { getStatus, recordComment, setPlannedDate, StaleStatusError } from '../../db/statuses.js';
import type { Person, PersonRole } from '../../domain/roster.js';
import { InvalidTransitionError } from '../../domain/status-machine.js';
import { resolvePerson } from '../auth.js';
import { stateLine } from '../item-view.js';
import { parsePlannedDate } from '../planned-date.js';
import { resolvePress } from '../press-target.js';
import { type BotServices, notifyPerson } from '../services.js';
import { sendTriggeredNow } from '../triggered.js';
import { moveItem, type MoveOutcome } from './press.js';

/** At most this many characters of a typed line are kept and forwarded. */
const MAX_ANSWER = 1000;

type AnswerPress = Parameters<typeof moveItem>[0];

function stateReply(rt: BotServices, press: AnswerPress, outcome: MoveOutcome): string {
  const line = stateLine(rt.say, rt.store, { ...press.item, status: outcome.status });
  return outcome.kind === 'moved' ? line : `${rt.say('bot-press-unchanged', { why: outcome.why })}\n${line}`;
}

async function answerReturn(rt: BotServices, ctx: Context, press: AnswerPress, q: PendingQuestion, text: string): Promise<void> {
  const outcome = moveItem(press, 'returned', { comment: text, expectedVersion: q.ref.version });
  if (outcome.kind === 'moved') await sendTriggeredNow(rt, press.item.ref, 'returned');
  await ctx.reply(stateReply(rt, press, outcome));
}

async function answerPlannedDate(rt: BotServices, ctx: Context, press: AnswerPress, q: PendingQuestion, text: string): Promise<boolean> {
  const today = rt.clock.now().setZone(press.item.zone).toISODate() ?? '';
  const date = parsePlannedDate(text, today);
  if (date === null) {
    await ctx.reply(rt.say('bot-bad-date'));
    return false;
  }
  const current = getStatus(rt.store, press.item.ref);
  let outcome: MoveOutcome;
  if (current === null || current.status === 'pending' || current.status === 'returned') {
    outcome = moveItem(press, 'in_progress', { plannedDate: date, expectedVersion: q.ref.version });
  } else {
    try {
      const status = setPlannedDate(rt.store, { ...press.item.ref, plannedDate: date, actorId: press.person.id, via: 'button', expectedVersion: q.ref.version }, rt.clock.now());
      outcome = { kind: 'moved', status };
    } catch (error) {
      if (error instanceof StaleStatusError) outcome = { kind: 'unchanged', status: error.current, why: 'stale' };
      else if (error instanceof InvalidTransitionError) outcome = { kind: 'unchanged', status: current, why: 'not_allowed' };
      else throw error;
    }
  }
  await ctx.reply(stateReply(rt, press, outcome));
  return true;
}

/**
 * A coordinator's reason for «Проблема» becomes the item's comment (with an audit event, the status as it
 * is), so the school card and the export show it; then it goes up the ladder. A closed item keeps its
 * state and nobody is bothered.
 */
async function answerProblem(rt: BotServices, ctx: Context, press: AnswerPress, text: string): Promise<void> {
  try {
    recordComment(rt.store, { ...press.item.ref, comment: text, actorId: press.person.id, via: 'button' }, rt.clock.now());
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    await ctx.reply(stateReply(rt, press, { kind: 'unchanged', status: getStatus(rt.store, press.item.ref), why: 'not_allowed' }));
    return;
  }
  await forward(rt, ctx, press, 'problem', text);
}

/**
 * Who a person's «Нужна помощь» reaches: the people just above them (a school's curator and municipal
 * coordinator, a curator's municipal coordinator, a municipal coordinator's regional one); nobody above the
 * regional coordinator is in the bot.
 */
export const HELPERS: Record<PersonRole, readonly PersonRole[]> = {
  school: ['curator', 'municipal'],
  curator: ['municipal'],
  municipal: ['regional'],
  regional: [],
  admin: [],
};

/** Tells people up the ladder (those just above for help; the curator and the region for a problem) in their private chats. */
async function forward(rt: BotServices, ctx: Context, press: AnswerPress, kind: 'help' | 'problem', text: string): Promise<void> {
  const subject = press.item.ref.subject;
  const chain = subject.type === 'school' ? supervisorChain(rt.store, { schoolId: subject.id }) : supervisorChain(rt.store, { personId: press.person.id });
  const roles: readonly PersonRole[] = kind === 'help' ? HELPERS[press.person.role] : ['curator', 'regional'];
  const recipients = chain.filter((l) => roles.includes(l.role)).flatMap((l) => l.people).filter((p) => p.id !== press.person.id);
  const message = rt.say(kind === 'help' ? 'bot-help-forward' : 'bot-problem-forward', {
    from: press.person.fullName,
    title: press.item.title,
    subject: press.item.subject,
    subjectCode: press.item.subjectCode,
    text,
  });
  let reached = 0;
  for (const person of recipients) if (await notifyPerson(rt, ctx.api, person, message)) reached += 1;
  rt.log.info({ personId: press.person.id, item: press.item.ref, kind, recipients: recipients.map((p) => p.id), reached }, 'typed request forwarded');
  await ctx.reply(rt.say('bot-forwarded', { count: reached }));
}

/** Handles a plain text message in a private chat. */
export function createAnswerHandler(rt: BotServices) {
  return async (ctx: Context): Promise<void> => {
    const person: Person | null = resolvePerson(rt.store, ctx.from?.id);
    if (person === null) {
      await ctx.reply(rt.say('bot-start-stranger'));
      return;
    }
    const q = pendingQuestion(rt.store, person.id);
    if (q === null) {
      await ctx.reply(rt.say('bot-no-question'));
      return;
    }
    const text = (ctx.message?.text ?? '').trim().slice(0, MAX_ANSWER);
    if (text === '') return;
    const target = resolvePress(rt.store, rt.schedules, person, { action: q.ref.action, notificationId: q.ref.notificationId, version: q.ref.version });
    if (target.kind !== 'item') {
      clearQuestion(rt.store, person.id);
      rt.log.warn({ personId: person.id, question: q, target: target.kind }, 'typed answer no longer applies');
      await ctx.reply(rt.say('bot-press-outdated'));
      return;
    }
    const press: AnswerPress = { rt, person, data: { action: q.ref.action, notificationId: q.ref.notificationId, version: q.ref.version }, item: target.item, milestone: target.milestone };
    switch (q.kind) {
      case 'return_comment':
        clearQuestion(rt.store, person.id);
        await answerReturn(rt, ctx, press, q, text);
        return;
      case 'planned_date':
        if (await answerPlannedDate(rt, ctx, press, q, text)) clearQuestion(rt.store, person.id);
        return;
      case 'help_request':
        clearQuestion(rt.store, person.id);
        await forward(rt, ctx, press, 'help', text);
        return;
      case 'problem_reason':
        clearQuestion(rt.store, person.id);
        await answerProblem(rt, ctx, press, text);
        return;
    }
  };
}
