/**
 * The roster as the planner and the bot see it: plain data read from the store, no database handles.
 */

export const PERSON_ROLES = ['school', 'curator', 'municipal', 'regional', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const PERSON_STATES = ['active', 'unreachable', 'left'] as const;
export type PersonState = (typeof PERSON_STATES)[number];

export interface Region {
  id: number;
  /** ISO 3166-2:RU, e.g. "RU-SAR". */
  code: string;
  name: string;
  /** IANA zone, e.g. "Europe/Saratov". */
  timeZone: string;
}

export interface Municipality {
  id: number;
  regionId: number;
  name: string;
}

export interface School {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
}

export interface PersonPreferences {
  /** Sending window, local `HH:mm`. */
  windowStart: string;
  windowEnd: string;
  /** ISO weekday of the weekly digest, 1 = Monday. */
  digestDay: number;
}

export interface Person {
  id: number;
  fullName: string;
  role: PersonRole;
  regionId: number;
  /** Set for municipal coordinators and school representatives. */
  municipalityId: number | null;
  /** Set for school representatives. */
  schoolId: number | null;
  telegramUserId: string | null;
  chatId: string | null;
  state: PersonState;
  preferences: PersonPreferences;
}

export interface Roster {
  regions: Region[];
  municipalities: Municipality[];
  schools: School[];
  people: Person[];
  /** Current curator of each school: school id → curator person id. */
  curatorBySchool: Map<number, number>;
}

/** A school as `codesOfSharedNames` compares it: in its region, by its name. */
export interface NamedSchool {
  id: number;
  code: string;
  name: string;
  regionId: number;
}

/** A name as a reader tells names apart: case, «ё» and runs of spaces do not make two schools different. */
function readAs(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('ё', 'е');
}

/**
 * The code to show beside a school's name where the name alone does not say which school is meant: two or
 * more of the given schools of one region bear it (two «СОШ с. Дмитриевка Озинского района»). School id →
 * its code; a school whose name is its own is absent (a school given twice counts once). The one rule for
 * every place that names a school.
 */
export function codesOfSharedNames(schools: Iterable<NamedSchool>): Map<number, string> {
  const byName = new Map<string, NamedSchool[]>();
  const seen = new Set<number>();
  for (const school of schools) {
    if (seen.has(school.id)) continue;
    seen.add(school.id);
    const key = `${school.regionId}\n${readAs(school.name)}`;
    const same = byName.get(key);
    if (same) same.push(school);
    else byName.set(key, [school]);
  }
  const codes = new Map<number, string>();
  for (const same of byName.values()) {
    if (same.length > 1) for (const school of same) codes.set(school.id, school.code);
  }
  return codes;
}
