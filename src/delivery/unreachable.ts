/**
 * When someone turns out to be unreachable (403: blocked the bot, deleted the account), the person is marked
 * so and their supervisor is told, once per time they become unreachable.
 */
import { and, eq } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { supervisorChain } from '../db/roster-repo.js';
import { people, regions, schools } from '../db/schema.js';
import type { PlannedNotification } from '../planner/types.js';
import type { Person } from '../domain/roster.js';

/**
 * active → unreachable as a check-and-set: true only for the caller that made the change, so of several
 * workers hitting 403 for one person at once exactly one tells the supervisor.
 */
export function markUnreachable(store: Store, personId: number): boolean {
  const changed = store.db
    .update(people)
    .set({ state: 'unreachable' })
    .where(and(eq(people.id, personId), eq(people.state, 'active')))
    .returning({ id: people.id })
    .all();
  return changed.length === 1;
}

function zoneOf(store: Store, regionId: number): string {
  const region = store.db.select({ timeZone: regions.timeZone }).from(regions).where(eq(regions.id, regionId)).get();
  if (!region) throw new RangeError(`No region with id ${regionId}`);
  return region.timeZone;
}

/**
 * Notices to the nearest rung above `person` that has someone reachable (curator for a school
 * representative, municipal coordinator for a curator, regional for a municipal coordinator), to go out now.
 */
export function unreachableNotices(store: Store, person: Person, now: DateTime): PlannedNotification[] {
  const rung = supervisorChain(store, { personId: person.id })
    .map((level) => level.people.filter((p) => p.state === 'active' && p.chatId !== null))
    .find((reachable) => reachable.length > 0);
  if (!rung) return [];
  const school =
    person.schoolId === null
      ? undefined
      : store.db.select({ name: schools.name }).from(schools).where(eq(schools.id, person.schoolId)).get();
  return rung.map((supervisor) => {
    const zone = zoneOf(store, supervisor.regionId);
    const localDate = now.setZone(zone).toISODate() ?? '';
    const dedupeKey = `unreachable/${person.id}/${supervisor.id}/${localDate}`;
    return {
      dedupeKey,
      bundleKey: `${supervisor.id}@${localDate}/${dedupeKey}`,
      recipientId: supervisor.id,
      recipientRole: supervisor.role,
      zone,
      sendAt: now.toUTC().toISO() ?? '',
      localDate,
      kind: 'unreachable',
      templateId: 'unreachable',
      params: { personName: person.fullName, personRole: person.role, schoolName: school?.name ?? null },
      buttons: [],
      item: null,
      step: 'unreachable',
    };
  });
}
