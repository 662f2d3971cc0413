/**
 * Reads of the roster tables (regions, municipalities, schools, curator assignments): the whole of it for the
 * planner, and the small look-ups the bot and delivery make (who supervises this school, which schools may
 * this person act on, what a subject is called).
 */
import { and, eq, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { findFederalSubject, normaliseRegionName } from '../domain/regions.js';
import type { Role } from '../domain/roles.js';
import { codesOfSharedNames, type Person, type PersonPreferences, type Region, type Roster } from '../domain/roster.js';
import type { SubjectRef } from '../domain/status.js';
import type { Store } from './client.js';
import { DEFAULT_PREFERENCES, getPerson, selectPeople } from './people.js';
import { curatorAssignments, municipalities, people, regions, schools } from './schema.js';

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
 * The part of the roster that one region's subjects need: the region, its municipalities and active schools,
 * the current curator assignments of those schools, and everyone who may play a role for them (the region's
 * people, its schools' and municipalities' people, its schools' curators). `indexRoster` over it answers
 * `subjectsOf` and `resolve` for the region's subjects as over the whole roster; a reply about one person
 * then reads their region, not the country.
 */
export function loadRegionRoster(store: Store, regionId: number, defaults: PersonPreferences = DEFAULT_PREFERENCES): Roster {
  const { db } = store;
  // subqueries, not id lists: each term of the people query's OR then walks its own index
  const municipalityIds = db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.regionId, regionId));
  const inRegion = and(eq(schools.active, true), inArray(schools.municipalityId, municipalityIds));
  const schoolIds = db.select({ id: schools.id }).from(schools).where(inRegion);
  const current = and(isNull(curatorAssignments.until), inArray(curatorAssignments.schoolId, schoolIds));
  const curatorBySchool = new Map<number, number>();
  for (const a of db
    .select({ schoolId: curatorAssignments.schoolId, curatorId: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(current)
    .all()) {
    curatorBySchool.set(a.schoolId, a.curatorId);
  }
  return {
    regions: db.select().from(regions).where(eq(regions.id, regionId)).all(),
    municipalities: db
      .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.regionId, regionId))
      .orderBy(municipalities.id)
      .all(),
    schools: db
      .select({ id: schools.id, code: schools.code, name: schools.name, municipalityId: schools.municipalityId })
      .from(schools)
      .where(inRegion)
      .orderBy(schools.id)
      .all(),
    people: selectPeople(
      store,
      or(
        eq(people.regionId, regionId),
        inArray(people.schoolId, schoolIds),
        inArray(people.municipalityId, municipalityIds),
        inArray(people.id, db.select({ id: curatorAssignments.curatorId }).from(curatorAssignments).where(current)),
      ),
      defaults,
    ),
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

/** The IANA zone of a stored region, or null when there is no such region. */
export function regionZone(store: Store, regionId: number): string | null {
  return store.db.select({ tz: regions.timeZone }).from(regions).where(eq(regions.id, regionId)).get()?.tz ?? null;
}

/** An item's subject as the roster stores it (a school, a curator, a municipality or a region), if it is there. */
function subjectRow(store: Store, subject: SubjectRef): { name: string; regionId: number } | undefined {
  const { db } = store;
  const id = subject.id;
  switch (subject.type) {
    case 'school':
      return db.select({ name: schools.name, regionId: schools.regionId }).from(schools).where(eq(schools.id, id)).get();
    case 'curator':
      return db.select({ name: people.fullName, regionId: people.regionId }).from(people).where(eq(people.id, id)).get();
    case 'municipality':
      return db.select({ name: municipalities.name, regionId: municipalities.regionId }).from(municipalities).where(eq(municipalities.id, id)).get();
    case 'region':
      return db.select({ name: regions.name, regionId: regions.id }).from(regions).where(eq(regions.id, id)).get();
  }
}

/** The region of an item's subject, or null when it is gone. */
export function subjectRegion(store: Store, subject: SubjectRef): number | null {
  return subjectRow(store, subject)?.regionId ?? null;
}

/** The roster name of an item's subject, or null. */
export function subjectName(store: Store, subject: SubjectRef): string | null {
  return subjectRow(store, subject)?.name ?? null;
}

/** Schools (active or not) with this code, one per region that uses it. */
export function schoolsByCode(store: Store, code: string): { id: number; code: string; name: string }[] {
  return store.db.select({ id: schools.id, code: schools.code, name: schools.name }).from(schools).where(eq(schools.code, code)).all();
}

export interface PlacedSchool {
  id: number;
  code: string;
  name: string;
  /** The code to show beside the name: another active school of the region bears it (`sharedNameCodes`). */
  nameCode: string | null;
  municipality: string;
  region: Region;
}

/** The given schools with their municipality's name and their region. */
export function placedSchools(store: Store, schoolIds: readonly number[]): PlacedSchool[] {
  if (schoolIds.length === 0) return [];
  const codes = sharedNameCodes(store, schoolIds);
  return store.db
    .select({ id: schools.id, code: schools.code, name: schools.name, municipality: municipalities.name, region: regions })
    .from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(inArray(schools.id, [...schoolIds]))
    .all()
    .map((school) => ({ ...school, nameCode: codes.get(school.id) ?? null }));
}

/**
 * The codes to show beside the names of these schools, each compared with the active schools of its region
 * (`codesOfSharedNames`): school id → code, for those whose name is not their own.
 */
export function sharedNameCodes(store: Store, schoolIds: readonly number[]): Map<number, string> {
  if (schoolIds.length === 0) return new Map();
  const ids = [...schoolIds];
  const regionIds = store.db.selectDistinct({ id: schools.regionId }).from(schools).where(inArray(schools.id, ids));
  const named = store.db
    .select({ id: schools.id, code: schools.code, name: schools.name, regionId: schools.regionId })
    .from(schools)
    .where(or(inArray(schools.id, ids), and(eq(schools.active, true), inArray(schools.regionId, regionIds))))
    .all();
  const codes = codesOfSharedNames(named);
  const wanted = new Set(ids);
  for (const id of codes.keys()) if (!wanted.has(id)) codes.delete(id);
  return codes;
}

/**
 * Every subject of a type that a file may name, with its region: active schools by code, curators and
 * municipalities by name. Region subjects are looked up with `findRegion`.
 */
export function namedSubjects(store: Store, type: 'school' | 'curator' | 'municipality'): { id: number; regionId: number; name: string }[] {
  const { db } = store;
  switch (type) {
    case 'school':
      return db.select({ id: schools.id, regionId: schools.regionId, name: schools.code }).from(schools).where(eq(schools.active, true)).all();
    case 'curator':
      return db.select({ id: people.id, regionId: people.regionId, name: people.fullName }).from(people).where(eq(people.role, 'curator')).all();
    case 'municipality':
      return db.select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name }).from(municipalities).all();
  }
}
