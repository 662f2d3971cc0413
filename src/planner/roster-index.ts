/**
 * The roster indexed once per planner pass, so resolving "the curator of school N" or "the municipal
 * coordinators of its municipality" is a map lookup, never a scan.
 */
import type { Municipality, Person, Region, Roster, School } from '../roster/model.js';
import type { Role, Scope } from '../schedule/types.js';
import { type SubjectRef, subjectKey } from './status.js';

/** A subject of an item with what messages and digests need to say about it. */
export interface Subject {
  ref: SubjectRef;
  name: string;
  region: Region;
  /** The school's municipality, or the municipality itself; null for curators and regions. */
  municipality: Municipality | null;
}

export interface RosterIndex {
  regions: Region[];
  regionById: ReadonlyMap<number, Region>;
  personById: ReadonlyMap<number, Person>;
  /** Subjects of each scope, per region id. */
  subjectsOf(scope: Scope, regionId: number): readonly Subject[];
  municipality(id: number): Municipality | null;
  /** The subject a status is about, or null when the roster no longer has it. */
  subject(ref: SubjectRef): Subject | null;
  /** Active people who play `role` for `subject` (the school's representatives, its curator ...). */
  resolve(subject: Subject, role: Role): readonly Person[];
  /** People of a region the bot cannot reach (Telegram refused them). */
  unreachableIn(regionId: number): readonly Person[];
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

const NONE: readonly never[] = [];

/** Builds the index in one pass over each roster list. */
export function indexRoster(roster: Roster): RosterIndex {
  const regionById = new Map(roster.regions.map((r) => [r.id, r]));
  const municipalityById = new Map(roster.municipalities.map((m) => [m.id, m]));
  const personById = new Map(roster.people.map((p) => [p.id, p]));

  const schoolsByMunicipality = new Map<number, School[]>();
  const schoolSubjects = new Map<number, Subject[]>();
  const schoolSubjectById = new Map<number, Subject>();
  for (const school of roster.schools) {
    const municipality = municipalityById.get(school.municipalityId);
    const region = municipality ? regionById.get(municipality.regionId) : undefined;
    if (!municipality || !region) continue;
    push(schoolsByMunicipality, municipality.id, school);
    const subject: Subject = { ref: { type: 'school', id: school.id }, name: school.name, region, municipality };
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
        region,
        municipality,
      });
    }
  }

  const schoolReps = new Map<number, Person[]>();
  const municipals = new Map<number, Person[]>();
  const byRegionRole = new Map<string, Person[]>();
  const unreachable = new Map<number, Person[]>();
  const curatorSubjects = new Map<number, Subject[]>();
  for (const person of roster.people) {
    if (person.state === 'unreachable') push(unreachable, person.regionId, person);
    const region = regionById.get(person.regionId);
    if (person.role === 'curator' && person.state !== 'left' && region) {
      push(curatorSubjects, region.id, { ref: { type: 'curator', id: person.id }, name: person.fullName, region, municipality: null });
    }
    if (person.state !== 'active' || person.role === 'admin') continue;
    push(byRegionRole, `${person.regionId}/${person.role}`, person);
    if (person.role === 'school' && person.schoolId !== null) push(schoolReps, person.schoolId, person);
    if (person.role === 'municipal' && person.municipalityId !== null) push(municipals, person.municipalityId, person);
  }

  const schoolsByCurator = new Map<number, number[]>();
  const activeCurator = (schoolId: number): Person | null => {
    const curator = personById.get(roster.curatorBySchool.get(schoolId) ?? -1);
    return curator && curator.state === 'active' ? curator : null;
  };
  for (const [schoolId, curatorId] of roster.curatorBySchool) push(schoolsByCurator, curatorId, schoolId);

  const peopleIn = (regionId: number, role: Role): readonly Person[] => byRegionRole.get(`${regionId}/${role}`) ?? NONE;

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
    roster.regions.map((region) => [region.id, [{ ref: { type: 'region' as const, id: region.id }, name: region.name, region, municipality: null }]]),
  );
  const subjectsByScope: Record<Scope, Map<number, Subject[]>> = {
    school: schoolSubjects,
    curator: curatorSubjects,
    municipality: municipalitySubjects,
    region: regionSubjects,
  };

  const byRef = new Map<string, Subject>();
  for (const map of Object.values(subjectsByScope)) {
    for (const list of map.values()) for (const subject of list) byRef.set(subjectKey(subject.ref), subject);
  }

  return {
    regions: roster.regions,
    subject: (ref) => byRef.get(subjectKey(ref)) ?? null,
    municipality: (id) => municipalityById.get(id) ?? null,
    regionById,
    personById,
    subjectsOf: (scope, regionId) => subjectsByScope[scope].get(regionId) ?? NONE,
    resolve,
    unreachableIn: (regionId) => unreachable.get(regionId) ?? NONE,
    peopleIn,
    curatorOf: (schoolId) => personById.get(roster.curatorBySchool.get(schoolId) ?? -1) ?? null,
  };
}
