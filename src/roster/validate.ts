import { IANAZone } from 'luxon';
import { type FederalSubject, lookupFederalSubject, UnknownRegionError } from '../domain/regions.js';
import { municipalityKey, personKey, type RosterRole, schoolKey, type WantedRegion, type WantedRoster } from '../domain/wanted-roster.js';
import type { RowIssue } from '../tabular/row-issues.js';
import { quoted } from '../domain/quote.js';
import { cellProblem } from './cells.js';
import { cellKind, type PersonColumn, type RosterField, templateHeader } from './columns.js';
import type { RosterRow, RosterSheet } from './read.js';

const ROLE_OF: Record<PersonColumn, RosterRole> = {
  schoolContact: 'school',
  curator: 'curator',
  municipalCoordinator: 'municipal',
  regionalCoordinator: 'regional',
};


const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Five digits or more, and none of what a formula needs (`+7-1+cmd|' /C calc'!A0` has digits enough). */
function isPhone(value: string): boolean {
  return value.replace(/\D/g, '').length >= 5 && !/[=|!@"$&^*]/.test(value);
}

/** What a row said first, and which row it was. */
interface Seen<T> {
  value: T;
  row: number;
}

type ContactValue = string | null | undefined;

const REQUIRED: readonly RosterField[] = ['region', 'municipality', 'schoolCode', 'schoolName', 'curator'];

/**
 * Checks every row and gathers the roster the file describes. All problems are collected, none stops the
 * check, so a coordinator can fix the file in one pass.
 */
export function validateRoster(sheet: RosterSheet): { roster: WantedRoster; issues: RowIssue[] } {
  return new RosterValidator(sheet).run();
}

class RosterValidator {
  private readonly issues: RowIssue[] = [];
  private readonly roster: WantedRoster = {
    regions: new Map(),
    municipalities: new Map(),
    schools: new Map(),
    people: new Map(),
  };
  private readonly schoolRows = new Map<string, RosterRow>();
  private readonly personSeen = new Map<string, Seen<PersonColumn>>();
  private readonly zoneOverrides = new Map<string, Seen<string>>();
  private readonly municipalCoordinators = new Map<string, Seen<string>>();
  private readonly regionalCoordinators = new Map<string, Seen<string>>();
  /** Where each municipality and region first appears, to point at when nobody coordinates it. */
  private readonly firstMunicipalityRow = new Map<string, Seen<string>>();
  private readonly firstRegionRow = new Map<string, Seen<string>>();

  constructor(private readonly sheet: RosterSheet) {}

  run(): { roster: WantedRoster; issues: RowIssue[] } {
    if (this.sheet.rows.length === 0) {
      this.issues.push({ message: 'no rows below the header: expected one row per school' });
    }
    for (const row of this.sheet.rows) this.checkRow(row);
    this.requireCoordinators();
    this.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { roster: this.roster, issues: this.issues };
  }

  private report(row: number, field: RosterField, message: string): void {
    const column = this.sheet.columns.header.get(field) ?? templateHeader(field);
    this.issues.push({ row, column, message });
  }

  private checkRow(row: RosterRow): void {
    const missing = REQUIRED.filter((field) => row.get(field) === '');
    for (const field of missing) this.report(row.row, field, 'empty: every row needs a value here');
    // a row with an unusable cell goes no further: a broken code must not stand for a school of its own
    if (!this.checkCells(row) || missing.length > 0) return;
    const region = this.resolveRegion(row);
    if (!region) return;

    const municipality = row.get('municipality');
    const code = row.get('schoolCode');
    const inMunicipality = municipalityKey(region.code, municipality);
    if (!this.firstRegionRow.has(region.code)) this.firstRegionRow.set(region.code, { value: region.name, row: row.row });
    if (!this.firstMunicipalityRow.has(inMunicipality)) {
      this.firstMunicipalityRow.set(inMunicipality, { value: municipality, row: row.row });
    }
    const names = this.roster.municipalities.get(region.code) ?? new Set<string>();
    this.roster.municipalities.set(region.code, names.add(municipality));

    this.checkSchool(row, region.code);
    const curator = this.checkPerson(row, region.code, 'curator', { municipality: null, schoolCode: null });
    if (row.get('schoolContact') !== '') {
      this.checkPerson(row, region.code, 'schoolContact', { municipality, schoolCode: code });
    }
    if (this.checkOnePer(row, this.municipalCoordinators, inMunicipality, 'municipalCoordinator')) {
      this.checkPerson(row, region.code, 'municipalCoordinator', { municipality, schoolCode: null });
    }
    if (this.checkOnePer(row, this.regionalCoordinators, region.code, 'regionalCoordinator')) {
      this.checkPerson(row, region.code, 'regionalCoordinator', { municipality: null, schoolCode: null });
    }
    const key = schoolKey(region.code, code);
    if (curator && !this.roster.schools.has(key)) {
      const name = row.get('schoolName');
      this.roster.schools.set(key, { regionCode: region.code, code, name, municipality, curatorKey: curator });
    }
  }

  /** Every cell of the row against {@link cellProblem}; true when all are usable. */
  private checkCells(row: RosterRow): boolean {
    let usable = true;
    for (const field of this.sheet.columns.index.keys()) {
      const value = row.get(field);
      const problem = value === '' ? null : cellProblem(cellKind(field), value);
      if (problem === null) continue;
      this.report(row.row, field, problem);
      usable = false;
    }
    return usable;
  }

  /** The row's federal subject, its zone overridden by the "Часовой пояс" column when given. */
  private resolveRegion(row: RosterRow): WantedRegion | undefined {
    const subject = this.subjectOf(row);
    if (!subject) return undefined;
    const override = row.get('timeZone');
    if (override === '') {
      return this.roster.regions.get(subject.code) ?? this.addRegion(subject, subject.timeZone);
    }
    const zone = canonicalZone(override);
    if (!zone) {
      this.report(row.row, 'timeZone', `${quoted(override)} is not an IANA time zone: ` +
        'expected a name such as Europe/Saratov or Asia/Yekaterinburg');
      return undefined;
    }
    const earlier = this.zoneOverrides.get(subject.code);
    if (earlier && earlier.value !== zone) {
      this.report(row.row, 'timeZone', `${subject.name} was given the time zone ${earlier.value} at row ` +
        `${earlier.row}, here ${zone}: a region has one time zone`);
      return undefined;
    }
    this.zoneOverrides.set(subject.code, { value: zone, row: row.row });
    return this.addRegion(subject, zone);
  }

  private subjectOf(row: RosterRow): FederalSubject | undefined {
    const input = row.get('region');
    if (input === '') return undefined;
    try {
      return lookupFederalSubject(input);
    } catch (error) {
      if (!(error instanceof UnknownRegionError)) throw error;
      this.report(row.row, 'region', error.message);
      return undefined;
    }
  }

  private addRegion(subject: FederalSubject, timeZone: string): WantedRegion {
    const region = { code: subject.code, name: subject.name, timeZone };
    this.roster.regions.set(subject.code, region);
    return region;
  }

  /** A school listed again must say the same; an exact repeat is harmless. */
  private checkSchool(row: RosterRow, regionCode: string): void {
    const code = row.get('schoolCode');
    const earlier = this.schoolRows.get(schoolKey(regionCode, code));
    if (!earlier) {
      this.schoolRows.set(schoolKey(regionCode, code), row);
      return;
    }
    for (const field of ['municipality', 'schoolName', 'curator', 'schoolContact'] as const) {
      if (earlier.get(field) !== row.get(field)) {
        this.report(row.row, field, `school ${code} is listed at row ${earlier.row} with ` +
          `${quoted(earlier.get(field))}, here ${quoted(row.get(field))}`);
      }
    }
  }

  /**
   * One municipal coordinator per municipality, one regional coordinator per region; blank cells inherit
   * (merged cells in Excel). True when the row names the one already named, or the first.
   */
  private checkOnePer(row: RosterRow, seen: Map<string, Seen<string>>, key: string, field: PersonColumn): boolean {
    const name = row.get(field);
    if (name === '') return false;
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, { value: name, row: row.row });
      return true;
    }
    if (earlier.value === name) return true;
    const [what, unit] = field === 'regionalCoordinator'
      ? [this.roster.regions.get(key)?.name ?? key, 'region']
      : [`municipality ${quoted(row.get('municipality'))}`, 'municipality'];
    this.report(row.row, field, `${what} has ${quoted(earlier.value)} at row ${earlier.row}, here ${quoted(name)}: ` +
      `name one per ${unit}`);
    return false;
  }

  /** Records the person a cell names; returns their key, or undefined when the cell is unusable. */
  private checkPerson(
    row: RosterRow,
    regionCode: string,
    column: PersonColumn,
    scope: { municipality: string | null; schoolCode: string | null },
  ): string | undefined {
    const fullName = row.get(column);
    if (!/\p{L}/u.test(fullName) || fullName.includes('@')) {
      this.report(row.row, column, `${quoted(fullName)} is not a full name`);
      return undefined;
    }
    const key = personKey(regionCode, fullName);
    const role = ROLE_OF[column];
    const earlier = this.personSeen.get(key);
    if (earlier && earlier.value !== column) {
      this.report(row.row, column, `${fullName} is the ${roleLabel(ROLE_OF[earlier.value])} at row ${earlier.row}: ` +
        'one person has one role in a region');
      return undefined;
    }
    if (!earlier) this.personSeen.set(key, { value: column, row: row.row });
    const email = this.contactValue(row, `${column}Email`, (v) => EMAIL.test(v), 'an e-mail address like name@example.ru');
    const phone = this.contactValue(row, `${column}Phone`, isPhone, 'a phone number');
    const known = this.roster.people.get(key);
    if (!known) {
      this.roster.people.set(key, { key, regionCode, role, fullName, ...scope, email, phone });
      return key;
    }
    if (role === 'school' && known.schoolCode !== scope.schoolCode) {
      this.report(row.row, column, `${fullName} is already the contact of school ${known.schoolCode} ` +
        `(row ${earlier?.row}): a contact person represents one school`);
    }
    if (role === 'municipal' && known.municipality !== scope.municipality) {
      this.report(row.row, column, `${fullName} already coordinates ${quoted(known.municipality ?? '')} (row ${earlier?.row}): ` +
        'a municipal coordinator has one municipality');
    }
    known.email = this.merge(row, `${column}Email`, fullName, known.email, email);
    known.phone = this.merge(row, `${column}Phone`, fullName, known.phone, phone);
    return key;
  }

  /** An e-mail or phone cell: undefined without the column, null when empty or invalid (and reported). */
  private contactValue(row: RosterRow, field: RosterField, valid: (v: string) => boolean, expected: string): ContactValue {
    if (!this.sheet.columns.index.has(field)) return undefined;
    const value = row.get(field);
    if (value === '') return null;
    if (valid(value)) return value;
    this.report(row.row, field, `${quoted(value)} is not ${expected}`);
    return null;
  }

  /** A person's e-mail or phone may be given on any of their rows, but differently on none. */
  private merge(row: RosterRow, field: RosterField, fullName: string, known: ContactValue, value: ContactValue): ContactValue {
    if (value === null || value === undefined) return known;
    if (known !== null && known !== undefined && known !== value) {
      this.report(row.row, field, `${fullName} was given ${quoted(known)} on an earlier row, here ${quoted(value)}`);
      return known;
    }
    return value;
  }

  private requireCoordinators(): void {
    for (const [key, first] of this.firstMunicipalityRow) {
      if (!this.municipalCoordinators.has(key)) {
        this.report(first.row, 'municipalCoordinator', `no row names the municipal coordinator of ${quoted(first.value)}`);
      }
    }
    for (const [code, first] of this.firstRegionRow) {
      if (!this.regionalCoordinators.has(code)) {
        this.report(first.row, 'regionalCoordinator', `no row names the regional coordinator of ${first.value}`);
      }
    }
  }
}

const ROLE_LABELS = new Map<string, string>([
  ['school', 'school contact'],
  ['curator', 'curator'],
  ['municipal', 'municipal coordinator'],
  ['regional', 'regional coordinator'],
]);

/** A role as operators read it in diagnostics, e.g. "municipal coordinator". */
export function roleLabel(role: string): string {
  return ROLE_LABELS.get(role) ?? role;
}

/** The zone's canonical IANA name, or undefined for anything else, fixed offsets (Etc/GMT-4, UTC+4) included. */
function canonicalZone(input: string): string | undefined {
  if (!/^[A-Za-z]+\/[A-Za-z_/+-]+$/.test(input) || /^etc\//i.test(input) || !IANAZone.isValidZone(input)) {
    return undefined;
  }
  return new Intl.DateTimeFormat('en', { timeZone: input }).resolvedOptions().timeZone;
}
