/**
 * The roster indexed once per planner pass, so resolving "the curator of school N" or "the municipal
 * coordinators of its municipality" is a map lookup, never a scan.
 */
import { codesOfSharedNames, type Municipality, type Person, type Region, type Roster, type School } from '../domain/roster.js';
import { ROLES, type Role, type Scope } from '../domain/roles.js';
import type { SubjectRef } from '../domain/status.js';

/** A subject of an item with what messages and digests need to say about it. */
export interface Subject {
  ref: SubjectRef;
  name: string;
  /** A school's code when another school of its region bears the same name (`codesOfSharedNames`), else null. */
  code: string | null;
  region: Region;
  /** The school's municipality, or the municipality itself; null for curators and regions. */
  municipality: Municipality | null;
}

export interface RosterIndex {
  regions: Region[];
  regionById: ReadonlyMap<number, Region>;
  /** Subjects of each scope, per region id. */
  subjectsOf(scope: Scope, regionId: number): readonly Subject[];
  municipality(id: number): Municipality | null;
  /** The subject a status is about, or null when the roster no longer has it. */
  subject(ref: SubjectRef): Subject | null;
  /** Active people who play `role` for `subject` (the school's representatives, its curator ...). */
  resolve(subject: Subject, role: Role): readonly Person[];
  /** People of a region the bot cannot reach (Telegram refused them). */
  unreachableIn(regionId: number): readonly Person[];
  /** Active people of a region who have not started the bot yet (no chat), in roster order. */
  notJoinedIn(regionId: number): readonly Person[];
  /** Active people holding a role in a region. */
  peopleIn(regionId: number, role: Role): readonly Person[];
  /** The school's current curator, if any (whatever their state). */
  curatorOf(schoolId: number): Person | null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(people: Iterable<Person>): Person[] {
  return [...new Map([...people].map((p) => [p.id, p])).values()];
}

function byId<T extends { id: number }>(list: readonly T[]): Map<number, T> {
  const map = new Map<number, T>();
  for (const item of list) map.set(item.id, item);
  return map;
}

const ROLE_INDEX: Record<Role, number> = { school: 0, curator: 1, municipal: 2, regional: 3 };

/** A number per (region, role): a national roster is indexed every pass, and string keys were its cost. */
function regionRoleKey(regionId: number, role: Role): number {
  return regionId * ROLES.length + ROLE_INDEX[role];
}

const NONE: readonly never[] = [];

/** Builds the index in one pass over each roster list. */
export function indexRoster(roster: Roster): RosterIndex {
  const regionById = byId(roster.regions);
  const municipalityById = byId(roster.municipalities);
  const personById = byId(roster.people);

  const schoolsByMunicipality = new Map<number, School[]>();
  const schoolSubjects = new Map<number, Subject[]>();
  const schoolSubjectById = new Map<number, Subject>();
  const placed = roster.schools.flatMap((school) => {
    const municipality = municipalityById.get(school.municipalityId);
    const region = municipality ? regionById.get(municipality.regionId) : undefined;
    return municipality && region ? [{ school, municipality, region }] : [];
  });
  const sharedNameCodes = codesOfSharedNames(placed.map(({ school, region }) => ({ ...school, regionId: region.id })));
  for (const { school, municipality, region } of placed) {
    push(schoolsByMunicipality, municipality.id, school);
    const code = sharedNameCodes.get(school.id) ?? null;
    const subject: Subject = { ref: { type: 'school', id: school.id }, name: school.name, code, region, municipality };
    push(schoolSubjects, region.id, subject);
    schoolSubjectById.set(school.id, subject);
  }

  const municipalitySubjects = new Map<number, Subject[]>();
  for (const municipality of roster.municipalities) {
    const region = regionById.get(municipality.regionId);
    if (region) {
      push(municipalitySubjects, region.id, {
        ref: { type: 'municipality', id: municipality.id },
        name: municipality.name,
        code: null,
        region,
        municipality,
      });
    }
  }

  const schoolReps = new Map<number, Person[]>();
  const municipals = new Map<number, Person[]>();
  const byRegionRole = new Map<number, Person[]>();
  const unreachable = new Map<number, Person[]>();
  const notJoined = new Map<number, Person[]>();
  const curatorSubjects = new Map<number, Subject[]>();
  for (const person of roster.people) {
    if (person.state === 'unreachable') push(unreachable, person.regionId, person);
    if (person.state === 'active' && person.chatId === null && person.role !== 'admin') push(notJoined, person.regionId, person);
    const region = regionById.get(person.regionId);
    if (person.role === 'curator' && person.state !== 'left' && region) {
      push(curatorSubjects, region.id, { ref: { type: 'curator', id: person.id }, name: person.fullName, code: null, region, municipality: null });
    }
    if (person.state !== 'active' || person.role === 'admin') continue;
    push(byRegionRole, regionRoleKey(person.regionId, person.role), person);
    if (person.role === 'school' && person.schoolId !== null) push(schoolReps, person.schoolId, person);
    if (person.role === 'municipal' && person.municipalityId !== null) push(municipals, person.municipalityId, person);
  }

  const schoolsByCurator = new Map<number, number[]>();
  const activeCurator = (schoolId: number): Person | null => {
    const curator = personById.get(roster.curatorBySchool.get(schoolId) ?? -1);
    return curator && curator.state === 'active' ? curator : null;
  };
  for (const [schoolId, curatorId] of roster.curatorBySchool) push(schoolsByCurator, curatorId, schoolId);

  const peopleIn = (regionId: number, role: Role): readonly Person[] => byRegionRole.get(regionRoleKey(regionId, role)) ?? NONE;

  const forSchools = (schoolIds: readonly number[], role: Role, regionId: number): Person[] => {
    if (role === 'regional') return [...peopleIn(regionId, role)];
    const found: Person[] = [];
    for (const id of schoolIds) {
      if (role === 'school') found.push(...(schoolReps.get(id) ?? NONE));
      if (role === 'curator') {
        const curator = activeCurator(id);
        if (curator) found.push(curator);
      }
      if (role === 'municipal') {
        const subject = schoolSubjectById.get(id);
        if (subject?.municipality) found.push(...(municipals.get(subject.municipality.id) ?? NONE));
      }
    }
    return unique(found);
  };

  const resolve = (subject: Subject, role: Role): readonly Person[] => {
    const { ref, region } = subject;
    switch (ref.type) {
      case 'school':
        if (role === 'school') return schoolReps.get(ref.id) ?? NONE;
        if (role === 'curator') {
          const curator = activeCurator(ref.id);
          return curator ? [curator] : NONE;
        }
        if (role === 'municipal') return subject.municipality ? (municipals.get(subject.municipality.id) ?? NONE) : NONE;
        return peopleIn(region.id, role);
      case 'curator': {
        if (role === 'curator') {
          const curator = personById.get(ref.id);
          return curator && curator.state === 'active' ? [curator] : NONE;
        }
        return forSchools(schoolsByCurator.get(ref.id) ?? NONE, role, region.id);
      }
      case 'municipality':
        if (role === 'municipal') return municipals.get(ref.id) ?? NONE;
        return forSchools((schoolsByMunicipality.get(ref.id) ?? NONE).map((s) => s.id), role, region.id);
      case 'region':
        return peopleIn(ref.id, role);
    }
  };

  const regionSubjects = new Map(
    roster.regions.map((region) => [region.id, [{ ref: { type: 'region' as const, id: region.id }, name: region.name, code: null, region, municipality: null }]]),
  );
  const subjectsByScope: Record<Scope, Map<number, Subject[]>> = {
    school: schoolSubjects,
    curator: curatorSubjects,
    municipality: municipalitySubjects,
    region: regionSubjects,
  };

  const byRef: Record<Scope, Map<number, Subject>> = { school: schoolSubjectById, curator: new Map(), municipality: new Map(), region: new Map() };
  for (const scope of ['curator', 'municipality', 'region'] as const) {
    for (const list of subjectsByScope[scope].values()) for (const subject of list) byRef[scope].set(subject.ref.id, subject);
  }

  return {
    regions: roster.regions,
    subject: (ref) => byRef[ref.type].get(ref.id) ?? null,
    municipality: (id) => municipalityById.get(id) ?? null,
    regionById,
    subjectsOf: (scope, regionId) => subjectsByScope[scope].get(regionId) ?? NONE,
    resolve,
    unreachableIn: (regionId) => unreachable.get(regionId) ?? NONE,
    notJoinedIn: (regionId) => notJoined.get(regionId) ?? NONE,
    peopleIn,
    curatorOf: (schoolId) => personById.get(roster.curatorBySchool.get(schoolId) ?? -1) ?? null,
  };
}
