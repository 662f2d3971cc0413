/**
 * Who is pressing, and may they touch this? Every update is resolved to a person by the Telegram user id
 * it came from (never by anything in the message or the callback data), and every item is checked against
 * that person's scope: a curator only their current schools, a municipal coordinator only their
 * municipality, a regional coordinator only their region.
 */
import type { Store } from '../db/client.js';
import { findPersonByTelegramUser } from '../db/people.js';
import { schoolIdsInScope, subjectRegion } from '../db/roster.js';
import type { Person } from '../domain/roster.js';
import type { SubjectRef } from '../domain/status.js';

/** The registered person behind a Telegram user who is still on the roster, or null. */
export function resolvePerson(store: Store, telegramUserId: number | undefined): Person | null {
  if (telegramUserId === undefined) return null;
  const person = findPersonByTelegramUser(store, String(telegramUserId));
  return person && person.state !== 'left' ? person : null;
}

/**
 * Whether an item about `subject` lies in the person's scope. Curators' own items (a visit plan) are theirs
 * and their coordinators'; municipality items belong to that municipality's coordinator and the region's.
 */
export function subjectInScope(store: Store, person: Person, subject: SubjectRef): boolean {
  if (person.role === 'admin') return true;
  switch (subject.type) {
    case 'school':
      return schoolIdsInScope(store, person).includes(subject.id);
    case 'curator': {
      if (person.role === 'curator') return person.id === subject.id;
      if (person.role === 'school') return false;
      const curator = { ...person, role: 'curator' as const, id: subject.id };
      const theirs = schoolIdsInScope(store, curator);
      const mine = new Set(schoolIdsInScope(store, person));
      return theirs.some((id) => mine.has(id));
    }
    case 'municipality':
      if (person.role === 'municipal') return person.municipalityId === subject.id;
      return person.role === 'regional' && subjectRegion(store, subject) === person.regionId;
    case 'region':
      return person.role === 'regional' && person.regionId === subject.id;
  }
}

/** Roles that see summaries over many schools (digests, exports, school cards). */
export function isCoordinator(person: Person): boolean {
  return person.role === 'municipal' || person.role === 'regional' || person.role === 'admin';
}
