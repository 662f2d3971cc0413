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
