/**
 * How the bot names things in its replies: subjects by their roster names, a status with who set it and
 * when, in the subject's time zone. Wording comes from `templates/ru/bot.ftl`.
 */
import { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { getPerson } from '../db/people.js';
import { sharedNameCodes, subjectName as storedSubjectName } from '../db/roster.js';
import type { StoredStatus } from '../db/statuses.js';
import type { Renderer } from '../delivery/render.js';
import type { SubjectRef } from '../domain/status.js';

/** The bot's way to say things: any message id of the templates, with parameters. */
export type Say = Renderer['format'];

/** A school's name, with its code when another school of its region bears the same name (`name-with-code`). */
export function nameWithCode(say: Say, name: string, code: string | null): string {
  return code === null ? name : say('name-with-code', { name, code });
}

/**
 * The roster name of an item's subject (a school, a curator, a municipality or a region), and the code to
 * show beside a school's name that another school of its region bears (templates get it as `subjectCode`).
 */
export function subjectName(store: Store, subject: SubjectRef): { name: string; code: string | null } {
  const name = storedSubjectName(store, subject) ?? `${subject.type} ${subject.id}`;
  return { name, code: subject.type === 'school' ? (sharedNameCodes(store, [subject.id]).get(subject.id) ?? null) : null };
}

/** The item's state: «title», subject — status, who set it and when (local time); the promise and comment. */
export function stateLine(
  say: Say,
  store: Store,
  item: { title: string; subject: string; subjectCode: string | null; status: StoredStatus | null; zone: string },
): string {
  const status = item.status;
  const who = status?.updatedBy != null ? (getPerson(store, status.updatedBy)?.fullName ?? null) : null;
  const lines = [
    say('bot-item-state', {
      title: item.title,
      subject: item.subject,
      subjectCode: item.subjectCode,
      status: status?.status ?? 'pending',
      by: who === null ? (status && status.version > 0 ? 'system' : 'nobody') : 'person',
      who: who ?? '',
      at: status ? DateTime.fromISO(status.updatedAt, { zone: item.zone }).toFormat('dd.MM HH:mm') : '',
    }),
  ];
  if (status?.plannedDate) lines.push(say('bot-item-planned', { planned: status.plannedDate }));
  if (status?.comment) lines.push(say('bot-item-comment', { comment: status.comment }));
  return lines.join('\n');
}
