/**
 * Reads of the roster: the whole of it for the planner, and the small look-ups the bot and delivery make
 * (who is this Telegram user, who supervises this school, which schools may this person act on).
 */
import { and, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import {
  PERSON_ROLES,
  PERSON_STATES,
  type Person,
  type PersonPreferences,
  type PersonRole,
  type PersonState,
  type Region,
  type Roster,
} from '../domain/roster.js';
import { findFederalSubject, normaliseRegionName } from '../domain/regions.js';
import type { Role } from '../domain/roles.js';
import type { Store } from './client.js';
import { curatorAssignments, municipalities, people, preferences, regions, schools } from './schema.js';

/** What a person who never opened /settings gets: 09:00–20:00, digest on Monday. */
export const DEFAULT_PREFERENCES: PersonPreferences = { windowStart: '09:00', windowEnd: '20:00', digestDay: 1 };

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`Corrupt ${what} "${value}" in people`);
  return found;
}

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
    role: oneOf(PERSON_ROLES, p.role, 'role'),
    regionId: p.regionId,
    municipalityId: p.municipalityId,
    schoolId: p.schoolId,
    telegramUserId: p.telegramUserId,
    chatId: p.chatId,
    state: oneOf(PERSON_STATES, p.state, 'state'),
    preferences: {
      windowStart: row.windowStart ?? defaults.windowStart,
      windowEnd: row.windowEnd ?? defaults.windowEnd,
      digestDay: row.digestDay ?? defaults.digestDay,
    },
  };
}

function selectPeople(store: Store, where: SQL | undefined, defaults = DEFAULT_PREFERENCES): Person[] {
  return store.db
    .select(personColumns)
    .from(people)
    .leftJoin(preferences, eq(preferences.personId, people.id))
    .where(where)
    .orderBy(people.id)
    .all()
    .map((row) => toPerson(row, defaults));
}

/**
 * The whole roster as plain data. `defaults` fill in preferences nobody set (the configured sending window).
 * Left schools are omitted; people are all there, with their state.
 */
export function loadRoster(store: Store, defaults: PersonPreferences = DEFAULT_PREFERENCES): Roster {
  const curatorBySchool = new Map<number, number>();
  for (const a of store.db
    .select({ schoolId: curatorAssignments.schoolId, curatorId: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(isNull(curatorAssignments.until))
    .all()) {
    curatorBySchool.set(a.schoolId, a.curatorId);
  }
  return {
    regions: store.db.select().from(regions).orderBy(regions.id).all(),
    municipalities: store.db
      .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
      .from(municipalities)
      .orderBy(municipalities.id)
      .all(),
    schools: store.db
      .select({ id: schools.id, code: schools.code, name: schools.name, municipalityId: schools.municipalityId })
      .from(schools)
      .where(eq(schools.active, true))
      .orderBy(schools.id)
      .all(),
    people: selectPeople(store, undefined, defaults),
    curatorBySchool,
  };
}

/**
 * The stored region an operator names by ISO code ("RU-SAR", any case) or by any name variant the federal
 * subjects table knows ("Саратовская обл."); null when the store has no such region.
 */
export function findRegion(store: Store, nameOrCode: string): Region | null {
  const stored = store.db.select().from(regions).all();
  const code = findFederalSubject(nameOrCode)?.code ?? nameOrCode.trim().toUpperCase();
  const name = normaliseRegionName(nameOrCode);
  return stored.find((r) => r.code === code) ?? stored.find((r) => normaliseRegionName(r.name) === name) ?? null;
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
  const conditions = [
    filter.role !== undefined && eq(people.role, filter.role),
    filter.regionId !== undefined && eq(people.regionId, filter.regionId),
    filter.municipalityId !== undefined && eq(people.municipalityId, filter.municipalityId),
    filter.schoolId !== undefined && eq(people.schoolId, filter.schoolId),
    filter.state !== undefined && eq(people.state, filter.state),
  ].filter((c): c is SQL => c !== false);
  return selectPeople(store, and(...conditions));
}

/** One rung of the escalation ladder; `people` is empty when nobody holds it (escalate past it). */
export interface ChainLevel {
  role: Role;
  people: Person[];
}

const stillThere = ne(people.state, 'left');

function curatorsOf(store: Store, schoolId: number): Person[] {
  const current = store.db
    .select({ curatorId: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(and(eq(curatorAssignments.schoolId, schoolId), isNull(curatorAssignments.until)))
    .all()
    .map((a) => a.curatorId);
  return current.length === 0 ? [] : selectPeople(store, and(inArray(people.id, current), stillThere));
}

function coordinators(store: Store, role: 'municipal' | 'regional', where: SQL): Person[] {
  return selectPeople(store, and(eq(people.role, role), where, stillThere));
}

function schoolChain(store: Store, schoolId: number): ChainLevel[] {
  const school = store.db.select().from(schools).where(eq(schools.id, schoolId)).get();
  if (!school) throw new RangeError(`No school with id ${schoolId}`);
  return [
    { role: 'school', people: selectPeople(store, and(eq(people.schoolId, schoolId), eq(people.role, 'school'), stillThere)) },
    { role: 'curator', people: curatorsOf(store, schoolId) },
    { role: 'municipal', people: coordinators(store, 'municipal', eq(people.municipalityId, school.municipalityId)) },
    { role: 'regional', people: coordinators(store, 'regional', eq(people.regionId, school.regionId)) },
  ];
}

/**
 * The escalation ladder, lowest first: for a school, its representatives → its current curator → its
 * municipal coordinators → its regional coordinators; for a person, the rungs above them (a curator's
 * municipal coordinators are those of the municipalities of their current schools). People who left are
 * skipped. Admins and regional coordinators have nobody above them.
 */
export function supervisorChain(store: Store, of: { schoolId: number } | { personId: number }): ChainLevel[] {
  if ('schoolId' in of) return schoolChain(store, of.schoolId);
  const person = getPerson(store, of.personId);
  if (!person) throw new RangeError(`No person with id ${of.personId}`);
  const regional: ChainLevel = { role: 'regional', people: coordinators(store, 'regional', eq(people.regionId, person.regionId)) };
  switch (person.role) {
    case 'school':
      if (person.schoolId === null) return [regional];
      return schoolChain(store, person.schoolId).slice(1);
    case 'curator': {
      const municipalityIds = [
        ...new Set(
          store.db
            .select({ municipalityId: schools.municipalityId })
            .from(curatorAssignments)
            .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
            .where(and(eq(curatorAssignments.curatorId, person.id), isNull(curatorAssignments.until)))
            .all()
            .map((r) => r.municipalityId),
        ),
      ];
      const municipal =
        municipalityIds.length === 0 ? [] : coordinators(store, 'municipal', inArray(people.municipalityId, municipalityIds));
      return [{ role: 'municipal', people: municipal }, regional];
    }
    case 'municipal':
      return [regional];
    case 'regional':
    case 'admin':
      return [];
  }
}

/**
 * Ids of the active schools a person may act on: a representative their own school, a curator the schools
 * they hold now, a municipal coordinator their municipality's, a regional coordinator their region's, an
 * admin every school.
 */
export function schoolIdsInScope(store: Store, person: Person): number[] {
  const active = eq(schools.active, true);
  const ids = (where: SQL | undefined) =>
    store.db.select({ id: schools.id }).from(schools).where(and(active, where)).orderBy(schools.id).all().map((s) => s.id);
  switch (person.role) {
    case 'school':
      return person.schoolId === null ? [] : ids(eq(schools.id, person.schoolId));
    case 'curator':
      return store.db
        .select({ id: schools.id })
        .from(curatorAssignments)
        .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
        .where(and(active, eq(curatorAssignments.curatorId, person.id), isNull(curatorAssignments.until)))
        .orderBy(schools.id)
        .all()
        .map((s) => s.id);
    case 'municipal':
      return person.municipalityId === null ? [] : ids(eq(schools.municipalityId, person.municipalityId));
    case 'regional':
      return ids(eq(schools.regionId, person.regionId));
    case 'admin':
      return ids(undefined);
  }
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
