import type { DateTime } from 'luxon';
import type { Db } from '../db/client.js';
import { writeRosterDiff } from '../db/roster-import.js';
import type { WantedRoster } from '../domain/wanted-roster.js';
import type { RowIssue } from '../tabular/row-issues.js';
import { diffRoster, type RosterChange } from './diff.js';
import { RosterError } from './issues.js';
import { readRosterFile } from './read.js';
import { validateRoster } from './validate.js';

export type { ChangeEntity, ChangeKind, RosterChange } from './diff.js';

export interface RosterImportOptions {
  /** Stamped on curator assignments opened and closed by this import. */
  now: DateTime;
  /** Compute and report the changes, write nothing. */
  dryRun?: boolean;
}

export interface RosterImportResult {
  file: string;
  dryRun: boolean;
  /** What the file holds. */
  size: { regions: number; municipalities: number; schools: number; people: number };
  /** What was (or, on a dry run, would be) added, changed and removed. Empty when the store already agrees. */
  changes: RosterChange[];
}

/**
 * Imports a roster file all or nothing: every row is checked first, and any problem throws a
 * {@link RosterError} listing them all before the store is touched; then the difference from the store
 * is written in one transaction. The file is the whole truth for the regions it names (schools missing
 * from it are deactivated, people missing from it have left; nothing is deleted) and says nothing about
 * other regions. Statuses and preferences are never touched.
 */
export async function importRoster(db: Db, path: string, options: RosterImportOptions): Promise<RosterImportResult> {
  const { file, roster, issues } = await readAndCheck(path);
  if (issues.length > 0) throw new RosterError(file, issues);
  const dryRun = options.dryRun ?? false;
  const now = options.now.toUTC().toISO() ?? '';
  const diff = writeRosterDiff(db, [...roster.regions.keys()], { dryRun, now }, (stored) => diffRoster(roster, stored));
  return { file, dryRun, size: sizeOf(roster), changes: diff.changes };
}

/** The file's roster and its problems; the rows as read are left behind here, before the diff and the writes. */
async function readAndCheck(path: string): Promise<{ file: string; roster: WantedRoster; issues: RowIssue[] }> {
  const sheet = await readRosterFile(path);
  return { file: sheet.file, ...validateRoster(sheet) };
}

function sizeOf(roster: WantedRoster): RosterImportResult['size'] {
  let municipalityCount = 0;
  for (const names of roster.municipalities.values()) municipalityCount += names.size;
  return {
    regions: roster.regions.size,
    municipalities: municipalityCount,
    schools: roster.schools.size,
    people: roster.people.size,
  };
}
