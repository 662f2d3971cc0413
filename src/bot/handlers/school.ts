/**
 * A school's buttons: «Разместили документы» (submitted), «В работе» (then a planned date), «Нужна помощь»
 * (one typed line for the people just above: a school's curator and municipal coordinator; a curator's or a
 * coordinator's own items have it too).
 */
import { getStatus } from '../../db/statuses.js';
import { sendTriggeredNow } from '../triggered.js';
import { HELPERS } from './answers.js';
import { ask, finishedStatus, type ItemAction, moveItem, pressMove, showState } from './press.js';

const submit: ItemAction = async (press) => {
  const outcome = await pressMove(press, finishedStatus(press.milestone, press.person));
  // near the deadline (or after a return) the curator is told now, not in tomorrow's bundle
  if (outcome.kind === 'moved' && outcome.status.status === 'submitted') await sendTriggeredNow(press.rt, press.item.ref, 'confirm_handoff');
};

/** Marks the item in progress (unless it already is) and asks by when it will be finished. */
const inProgress: ItemAction = async (press) => {
  const current = getStatus(press.rt.store, press.item.ref);
  if (current?.status !== 'in_progress') {
    const outcome = moveItem(press, 'in_progress');
    if (outcome.kind === 'unchanged') {
      await showState(press, outcome.status, press.rt.say('bot-press-unchanged', { why: outcome.why }));
      return;
    }
  }
  await ask(press, 'planned_date', 'bot-ask-planned-date');
};

/** Asks for the one line to forward; someone with nobody above them in the bot is told where to turn instead. */
const help: ItemAction = async (press) => {
  const helpers = HELPERS[press.person.role];
  if (helpers.length === 0) {
    await showState(press, getStatus(press.rt.store, press.item.ref), press.rt.say('bot-help-nobody', { title: press.item.title }));
    return;
  }
  await ask(press, 'help_request', 'bot-ask-help', { helpers: helpers.join('-') });
};

export const schoolActions = { submit, in_progress: inProgress, help } as const;
