/**
 * How the bot names things in its replies: subjects by their roster names, a status with who set it and
 * when, in the subject's time zone. Wording comes from `templates/ru/bot.ftl`.
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { getPerson } from '../db/roster-repo.js';
import { municipalities, people, regions, schools } from '../db/schema.js';
import type { StoredStatus } from '../db/statuses.js';
import type { Renderer } from '../delivery/render.js';
import type { SubjectRef } from '../domain/status.js';

/** The bot's way to say things: any message id of the templates, with parameters. */
export type Say = Renderer['format'];

/** The roster name of an item's subject (a school, a curator, a municipality or a region). */
export function subjectName(store: Store, subject: SubjectRef): string {
  const { db } = store;
  const name = (() => {
    switch (subject.type) {
      case 'school':
        return db.select({ name: schools.name }).from(schools).where(eq(schools.id, subject.id)).get()?.name;
      case 'curator':
        return db.select({ name: people.fullName }).from(people).where(eq(people.id, subject.id)).get()?.name;
      case 'municipality':
        return db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, subject.id)).get()?.name;
      case 'region':
        return db.select({ name: regions.name }).from(regions).where(eq(regions.id, subject.id)).get()?.name;
    }
  })();
  return name ?? `${subject.type} ${subject.id}`;
}

/** The item's state: «title», subject — status, who set it and when (local time); the promise and comment. */
export function stateLine(
  say: Say,
  store: Store,
  item: { title: string; subject: string; status: StoredStatus | null; zone: string },
): string {
  const status = item.status;
  const who = status?.updatedBy != null ? (getPerson(store, status.updatedBy)?.fullName ?? null) : null;
  const lines = [
    say('bot-item-state', {
      title: item.title,
      subject: item.subject,
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
