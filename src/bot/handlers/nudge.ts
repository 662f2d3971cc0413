/**
 * «Напомнить куратору» and «Напомнить школе»: whoever acts on a late item gets a nudge now, in their private
 * chat; the press changes no status and shows the item as it is.
 */
import { getPerson, listPeople } from '../../db/people.js';
import { supervisorChain } from '../../db/roster.js';
import { getStatus } from '../../db/statuses.js';
import type { Person } from '../../domain/roster.js';
import { notifyPerson } from '../services.js';
import { type ItemAction, type ItemPress, showState } from './press.js';

/** The curator an item's nudge reaches: the school's current curator, or the curator the item is about. */
function curatorsOf(press: ItemPress): Person[] {
  const { subject } = press.item.ref;
  if (subject.type === 'curator') return [getPerson(press.rt.store, subject.id)].filter((p): p is Person => p !== null);
  if (subject.type !== 'school') return [];
  return supervisorChain(press.rt.store, { schoolId: subject.id }).find((l) => l.role === 'curator')?.people ?? [];
}

function schoolPeopleOf(press: ItemPress): Person[] {
  const { subject } = press.item.ref;
  return subject.type === 'school' ? listPeople(press.rt.store, { role: 'school', schoolId: subject.id, state: 'active' }) : [];
}

async function nudge(press: ItemPress, who: 'curator' | 'school', recipients: readonly Person[]): Promise<void> {
  const { rt, item, person } = press;
  const due = item.notification.params.due;
  const status = getStatus(rt.store, item.ref);
  const text = rt.say(who === 'curator' ? 'bot-curator-nudge' : 'bot-school-nudge', {
    from: person.fullName,
    title: item.title,
    subject: item.subject,
    subjectCode: item.subjectCode,
    due: typeof due === 'string' ? due : '',
    status: status?.status ?? 'pending',
  });
  let reached = 0;
  for (const to of recipients) if (await notifyPerson(rt, press.ctx.api, to, text)) reached += 1;
  rt.log.info({ personId: person.id, item: item.ref, who, recipients: recipients.map((p) => p.id), reached }, 'nudged');
  await showState(press, status, rt.say('bot-nudge-sent', { who, count: reached }));
}

export const remindCurator: ItemAction = (press) => nudge(press, 'curator', curatorsOf(press));
export const remindSchool: ItemAction = (press) => nudge(press, 'school', schoolPeopleOf(press));
