/**
 * When someone turns out to be unreachable (403: blocked the bot, deleted the account), the person is marked
 * so and their supervisor is told, once per time they become unreachable.
 */
import type { DateTime } from 'luxon';
import type { Store } from '../db/client.js';
import { placedSchools, regionZone, supervisorChain } from '../db/roster.js';
import type { PlannedNotification } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';

function zoneOf(store: Store, regionId: number): string {
  const zone = regionZone(store, regionId);
  if (zone === null) throw new RangeError(`No region with id ${regionId}`);
  return zone;
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
  const school = person.schoolId === null ? undefined : placedSchools(store, [person.schoolId])[0];
  const schoolName = school?.name ?? null;
  const schoolNameCode = school?.nameCode ?? null;
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
      params: { personName: person.fullName, personRole: person.role, schoolName, schoolNameCode },
      buttons: [],
      item: null,
      step: 'unreachable',
    };
  });
}
