/**
 * The roster as a file asks for it: regions, schools and people by their natural keys (region code, school
 * code, full name), before the store's ids are known. The importer builds it; the store's writer applies it.
 */
import type { PersonRole } from './roster.js';

/** The roles a roster assigns; `admin` is never imported. */
export type RosterRole = Exclude<PersonRole, 'admin'>;

/** A region the file names, with its zone (the table's, or the file's override). */
export interface WantedRegion {
  code: string;
  name: string;
  timeZone: string;
}

export interface WantedSchool {
  regionCode: string;
  code: string;
  name: string;
  municipality: string;
  /** Identity key of the curator (see {@link personKey}). */
  curatorKey: string;
}

/**
 * A person the file names. For e-mail and phone, `undefined` means the file has no such column (what the
 * store holds is kept) and `null` that the column is there but empty for this person (cleared).
 */
export interface WantedPerson {
  key: string;
  regionCode: string;
  role: RosterRole;
  fullName: string;
  municipality: string | null;
  schoolCode: string | null;
  email: string | null | undefined;
  phone: string | null | undefined;
}

/** The roster a file asks for, keyed by natural keys; the store's ids are resolved later. */
export interface WantedRoster {
  regions: Map<string, WantedRegion>;
  /** `regionCode` → municipality names. */
  municipalities: Map<string, Set<string>>;
  /** Keyed by `regionCode/schoolCode`. */
  schools: Map<string, WantedSchool>;
  people: Map<string, WantedPerson>;
}

/** How people are told apart within a region: case and ё/е do not make a different person. */
export function personKey(regionCode: string, fullName: string): string {
  return `${regionCode}|${fullName.toLowerCase().replaceAll('ё', 'е')}`;
}

export function schoolKey(regionCode: string, code: string): string {
  return `${regionCode}/${code}`;
}

export function municipalityKey(regionCode: string, name: string): string {
  return `${regionCode}|${name}`;
}
