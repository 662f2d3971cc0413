/**
 * A municipal coordinator's answers to a status prompt about a lagging school: «Сделано», «В работе до …»
 * (asks a date), «Проблема» (asks a reason), «Напомнить куратору» (the curator gets a nudge now).
 */
import { supervisorChain } from '../../db/roster.js';
import { getStatus } from '../../db/statuses.js';
import { notifyPerson } from '../services.js';
import { ask, finishedStatus, type ItemAction, pressMove, showState } from './press.js';

const done: ItemAction = async (press) => {
  await pressMove(press, finishedStatus(press.milestone, press.person));
};

const inProgressUntil: ItemAction = (press) => ask(press, 'planned_date', 'bot-ask-planned-date');

const problem: ItemAction = (press) => ask(press, 'problem_reason', 'bot-ask-problem-reason');

/** The school's current curator gets a nudge now; the press changes no status. */
const remindCurator: ItemAction = async (press) => {
  const { rt, item, person } = press;
  const curators =
    item.ref.subject.type === 'school' ? (supervisorChain(rt.store, { schoolId: item.ref.subject.id }).find((l) => l.role === 'curator')?.people ?? []) : [];
  const due = item.notification.params.due;
  const text = rt.say('bot-curator-nudge', {
    from: person.fullName,
    title: item.title,
    subject: item.subject,
    due: typeof due === 'string' ? due : '',
  });
  let reached = 0;
  for (const curator of curators) if (await notifyPerson(rt, press.ctx.api, curator, text)) reached += 1;
  rt.log.info({ personId: person.id, item: item.ref, curators: curators.map((c) => c.id), reached}, 'curator nudged');
  await showState(press, getStatus(rt.store, item.ref), rt.say('bot-nudge-sent', { count: reached }));
};

export const municipalActions = {
  done,
  in_progress_until: inProgressUntil,
  problem,
  remind_curator: remindCurator,
} as const;
