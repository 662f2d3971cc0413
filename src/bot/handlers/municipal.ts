/**
 * A municipal coordinator's answers to a status prompt about a lagging school: «Сделано», «В работе до …»
 * (asks a date), «Проблема» (asks a reason), «Напомнить куратору» (the curator gets a nudge now).
 */
import { getStatus } from '../../db/statuses.js';
import { remindCurator } from './nudge.js';
import { ask, finishedStatus, type ItemAction, pressMove, showState } from './press.js';

/**
 * «Сделано». On documents that wait for the curator's check it changes nothing (an earlier prompt's button):
 * the coordinator's word would skip the curator, so the answer points to «Напомнить куратору».
 */
const done: ItemAction = async (press) => {
  const { rt, item, person, milestone } = press;
  const current = getStatus(rt.store, item.ref);
  if (current?.status === 'submitted' && milestone.confirmBy === 'curator' && person.role !== 'curator') {
    await showState(press, current, rt.say('bot-done-waits-curator'));
    return;
  }
  await pressMove(press, finishedStatus(milestone, person));
};

const inProgressUntil: ItemAction = (press) => ask(press, 'planned_date', 'bot-ask-planned-date');

const problem: ItemAction = (press) => ask(press, 'problem_reason', 'bot-ask-problem-reason');

export const municipalActions = {
  done,
  in_progress_until: inProgressUntil,
  problem,
  remind_curator: remindCurator,
} as const;
