/**
 * The `people` table with each person's preferences: who someone is, by id or Telegram user, and the
 * changes the bot and delivery make to a person (preferences, reachability).
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import {
  type Person,
  PERSON_ROLES,
  PERSON_STATES,
  type PersonPreferences,
  type PersonRole,
  type PersonState,
} from '../domain/roster.js';
import type { Store } from './client.js';
import { allOf, oneOf } from './columns.js';
import { people, preferences } from './schema.js';

/** What a person who never opened /settings gets: 09:00–20:00, digest on Monday. */
export const DEFAULT_PREFERENCES: PersonPreferences = { windowStart: '09:00', windowEnd: '20:00', digestDay: 1 };

const personColumns = {
  person: people,
  windowStart: preferences.windowStart,
  windowEnd: preferences.windowEnd,
  digestDay: preferences.digestDay,
};

type PersonRow = {
  person: typeof people.$inferSelect;
  windowStart: string | null;
  windowEnd: string | null;
  digestDay: number | null;
};

function toPerson(row: PersonRow, defaults: PersonPreferences): Person {
  const p = row.person;
  return {
    id: p.id,
    fullName: p.fullName,
    role: oneOf(PERSON_ROLES, p.role, `people row ${p.id}: role`),
    regionId: p.regionId,
    municipalityId: p.municipalityId,
    schoolId: p.schoolId,
    telegramUserId: p.telegramUserId,
    chatId: p.chatId,
    state: oneOf(PERSON_STATES, p.state, `people row ${p.id}: state`),
    preferences: {
      windowStart: row.windowStart ?? defaults.windowStart,
      windowEnd: row.windowEnd ?? defaults.windowEnd,
      digestDay: row.digestDay ?? defaults.digestDay,
    },
  };
}

export function selectPeople(store: Store, where: SQL | undefined, defaults = DEFAULT_PREFERENCES): Person[] {
  return store.db
    .select(personColumns)
    .from(people)
    .leftJoin(preferences, eq(preferences.personId, people.id))
    .where(where)
    .orderBy(people.id)
    .all()
    .map((row) => toPerson(row, defaults));
}

export function getPerson(store: Store, personId: number): Person | null {
  return selectPeople(store, eq(people.id, personId))[0] ?? null;
}

/** The registered person behind a Telegram user, or null for a stranger. */
export function findPersonByTelegramUser(store: Store, telegramUserId: string): Person | null {
  return selectPeople(store, eq(people.telegramUserId, telegramUserId))[0] ?? null;
}

export interface PeopleFilter {
  role?: PersonRole;
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
  state?: PersonState;
}

/** People matching every given field, in id order. */
export function listPeople(store: Store, filter: PeopleFilter = {}): Person[] {
  return selectPeople(
    store,
    allOf(
      filter.role !== undefined && eq(people.role, filter.role),
      filter.regionId !== undefined && eq(people.regionId, filter.regionId),
      filter.municipalityId !== undefined && eq(people.municipalityId, filter.municipalityId),
      filter.schoolId !== undefined && eq(people.schoolId, filter.schoolId),
      filter.state !== undefined && eq(people.state, filter.state),
    ),
  );
}

/** Saves a person's /settings choices. */
export function savePreferences(store: Store, personId: number, prefs: PersonPreferences): void {
  store.db
    .insert(preferences)
    .values({ personId, ...prefs })
    .onConflictDoUpdate({ target: preferences.personId, set: prefs })
    .run();
}

/** Marks a person reachable or not (403 from Telegram) or gone. */
export function setPersonState(store: Store, personId: number, state: PersonState): void {
  store.db.update(people).set({ state }).where(eq(people.id, personId)).run();
}

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

/**
 * Gives every person a chat id derived from their id (`base` + id), as if all had opened their invite
 * link: the demo's way to have a chat for every message.
 */
export function assignChatsFromIds(store: Store, base: number): void {
  if (!Number.isSafeInteger(base)) throw new RangeError(`chat id base must be an integer, got ${base}`);
  // inlined, not bound: better-sqlite3 binds a JS number as REAL, and the ids would read "900000004.0"
  store.db.update(people).set({ chatId: sql`cast(${sql.raw(String(base))} + ${people.id} as text)` }).run();
}
