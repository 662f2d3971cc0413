/**
 * Rosters built in code for planner tests: regions with municipalities, schools, one representative per
 * school, curators holding `schoolsPerCurator` schools, one municipal coordinator per municipality and one
 * regional coordinator per region. Ids are assigned in order, so the same spec gives the same roster.
 */
import type { Person, PersonPreferences, PersonRole, Roster } from '../../src/domain/roster.js';

export interface RegionSpec {
  name: string;
  code: string;
  timeZone: string;
  municipalities: number;
  schoolsPerMunicipality: number;
}

export interface RosterSpec {
  regions: RegionSpec[];
  schoolsPerCurator?: number;
  preferences?: PersonPreferences;
}

export const DEFAULT_PREFS: PersonPreferences = { windowStart: '09:00', windowEnd: '20:00', digestDay: 1 };

export const SARATOV: RegionSpec = { name: 'Саратовская область', code: 'RU-SAR', timeZone: 'Europe/Saratov', municipalities: 3, schoolsPerMunicipality: 2 };
export const SVERDLOVSK: RegionSpec = { name: 'Свердловская область', code: 'RU-SVE', timeZone: 'Asia/Yekaterinburg', municipalities: 1, schoolsPerMunicipality: 2 };

export function buildRoster(spec: RosterSpec): Roster {
  const roster: Roster = { regions: [], municipalities: [], schools: [], people: [], curatorBySchool: new Map() };
  const perCurator = spec.schoolsPerCurator ?? 2;
  const preferences = spec.preferences ?? DEFAULT_PREFS;
  let personId = 0;
  const person = (fullName: string, role: PersonRole, regionId: number, municipalityId: number | null, schoolId: number | null): Person => {
    personId += 1;
    const p: Person = { id: personId, fullName, role, regionId, municipalityId, schoolId, telegramUserId: null, chatId: null, state: 'active', preferences };
    roster.people.push(p);
    return p;
  };
  let schoolId = 0;
  spec.regions.forEach((r, ri) => {
    const regionId = ri + 1;
    roster.regions.push({ id: regionId, code: r.code, name: r.name, timeZone: r.timeZone });
    person(`Региональный координатор ${r.code}`, 'regional', regionId, null, null);
    let curator: Person | null = null;
    let held = 0;
    for (let m = 0; m < r.municipalities; m += 1) {
      const municipalityId = roster.municipalities.length + 1;
      roster.municipalities.push({ id: municipalityId, regionId, name: `${r.code} район ${m + 1}` });
      person(`Муниципальный координатор ${r.code}-${m + 1}`, 'municipal', regionId, municipalityId, null);
      for (let s = 0; s < r.schoolsPerMunicipality; s += 1) {
        schoolId += 1;
        roster.schools.push({ id: schoolId, code: `S${schoolId}`, name: `Школа № ${schoolId}`, municipalityId });
        person(`Представитель школы ${schoolId}`, 'school', regionId, municipalityId, schoolId);
        if (curator === null || held >= perCurator) {
          curator = person(`Куратор ${r.code}-${roster.people.length}`, 'curator', regionId, null, null);
          held = 0;
        }
        roster.curatorBySchool.set(schoolId, curator.id);
        held += 1;
      }
    }
  });
  return roster;
}

/** The people of a role, in id order. */
export function peopleOf(roster: Roster, role: PersonRole, regionId?: number): Person[] {
  return roster.people.filter((p) => p.role === role && (regionId === undefined || p.regionId === regionId));
}
