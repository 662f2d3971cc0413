import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import type { Db } from '../db/client.js';
import { curatorAssignments, municipalities, people, regions, schools } from '../db/schema.js';
import { diffRoster, type RosterChange, type RosterDiff, type StoredRoster } from './diff.js';
import { RosterError } from './issues.js';
import { readRosterFile } from './read.js';
import { municipalityKey, personKey, schoolKey, validateRoster, type WantedRoster } from './validate.js';

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

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows per multi-row insert: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;

/**
 * Imports a roster file all or nothing: every row is checked first, and any problem throws a
 * {@link RosterError} listing them all before the store is touched; then the difference from the store
 * is written in one transaction. The file is the whole truth for the regions it names (schools missing
 * from it are deactivated, people missing from it have left; nothing is deleted) and says nothing about
 * other regions. Statuses and preferences are never touched.
 */
export async function importRoster(db: Db, path: string, options: RosterImportOptions): Promise<RosterImportResult> {
  const sheet = await readRosterFile(path);
  const { roster, issues } = validateRoster(sheet);
  if (issues.length > 0) throw new RosterError(sheet.file, issues);
  const dryRun = options.dryRun ?? false;
  const now = options.now.toUTC().toISO() ?? '';
  const diff = db.transaction(
    (tx) => {
      const found = diffRoster(roster, readStored(tx, [...roster.regions.keys()]));
      if (!dryRun) applyDiff(tx, found, now);
      return found;
    },
    // immediate: take the write lock before reading, so nothing changes between the diff and the writes
    { behavior: dryRun ? 'deferred' : 'immediate' },
  );
  return { file: sheet.file, dryRun, size: sizeOf(roster), changes: diff.changes };
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

function readStored(tx: Tx, regionCodes: string[]): StoredRoster {
  const storedRegions = tx.select().from(regions).where(inArray(regions.code, regionCodes)).all();
  const regionIds = storedRegions.map((r) => r.id);
  const inRegions = tx.select({ id: schools.id }).from(schools).where(inArray(schools.regionId, regionIds));
  return {
    regions: storedRegions,
    municipalities: tx.select().from(municipalities).where(inArray(municipalities.regionId, regionIds)).all(),
    schools: tx.select().from(schools).where(inArray(schools.regionId, regionIds)).all(),
    people: tx.select().from(people).where(inArray(people.regionId, regionIds)).all(),
    assignments: tx
      .select()
      .from(curatorAssignments)
      .where(and(isNull(curatorAssignments.until), inArray(curatorAssignments.schoolId, inRegions)))
      .all(),
  };
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** The id a natural key resolves to; the diff guarantees one, so a miss is a bug. */
function idOf(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`roster import: no id for "${key}"`);
  return id;
}

function applyDiff(tx: Tx, diff: RosterDiff, now: string): void {
  const { ids } = diff;
  const codeOfRegion = new Map<number, string>();
  for (const [code, id] of ids.regions) codeOfRegion.set(id, code);

  for (const chunk of chunks(diff.insertRegions)) {
    for (const row of tx.insert(regions).values(chunk).returning({ id: regions.id, code: regions.code }).all()) {
      ids.regions.set(row.code, row.id);
      codeOfRegion.set(row.id, row.code);
    }
  }
  for (const { id, region } of diff.updateRegions) {
    tx.update(regions).set({ name: region.name, timeZone: region.timeZone }).where(eq(regions.id, id)).run();
  }

  for (const chunk of chunks(diff.insertMunicipalities)) {
    const values = chunk.map((m) => ({ regionId: idOf(ids.regions, m.regionCode), name: m.name }));
    const inserted = tx
      .insert(municipalities)
      .values(values)
      .returning({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
      .all();
    for (const row of inserted) ids.municipalities.set(municipalityKey(codeOfRegion.get(row.regionId) ?? '', row.name), row.id);
  }

  const schoolColumns = (s: RosterDiff['insertSchools'][number]) => ({
    regionId: idOf(ids.regions, s.regionCode),
    municipalityId: idOf(ids.municipalities, municipalityKey(s.regionCode, s.municipality)),
    code: s.code,
    name: s.name,
    active: true,
  });
  for (const chunk of chunks(diff.insertSchools)) {
    const inserted = tx
      .insert(schools)
      .values(chunk.map(schoolColumns))
      .returning({ id: schools.id, regionId: schools.regionId, code: schools.code })
      .all();
    for (const row of inserted) ids.schools.set(schoolKey(codeOfRegion.get(row.regionId) ?? '', row.code), row.id);
  }
  for (const { id, school } of diff.updateSchools) {
    tx.update(schools).set(schoolColumns(school)).where(eq(schools.id, id)).run();
  }
  for (const chunk of chunks(diff.deactivateSchools)) {
    tx.update(schools).set({ active: false }).where(inArray(schools.id, chunk)).run();
  }

  const personColumns = (p: RosterDiff['insertPeople'][number]) => ({
    fullName: p.fullName,
    role: p.role,
    regionId: idOf(ids.regions, p.regionCode),
    municipalityId: p.municipality === null ? null : idOf(ids.municipalities, municipalityKey(p.regionCode, p.municipality)),
    schoolId: p.schoolCode === null ? null : idOf(ids.schools, schoolKey(p.regionCode, p.schoolCode)),
    // undefined: the file has no such column, so an update leaves the stored value alone
    email: p.email,
    phone: p.phone,
  });
  for (const chunk of chunks(diff.insertPeople)) {
    const inserted = tx
      .insert(people)
      .values(chunk.map(personColumns))
      .returning({ id: people.id, regionId: people.regionId, fullName: people.fullName })
      .all();
    for (const row of inserted) ids.people.set(personKey(codeOfRegion.get(row.regionId) ?? '', row.fullName), row.id);
  }
  for (const { id, person, reactivate } of diff.updatePeople) {
    const columns = personColumns(person);
    tx.update(people)
      .set(reactivate ? { ...columns, state: 'active' } : columns)
      .where(eq(people.id, id))
      .run();
  }
  for (const chunk of chunks(diff.leavePeople)) {
    tx.update(people).set({ state: 'left' }).where(inArray(people.id, chunk)).run();
  }

  // closed before opened: a school has at most one assignment without `until`
  for (const chunk of chunks(diff.closeAssignments)) {
    tx.update(curatorAssignments).set({ until: now }).where(inArray(curatorAssignments.id, chunk)).run();
  }
  for (const chunk of chunks(diff.openAssignments)) {
    const values = chunk.map((a) => ({
      schoolId: idOf(ids.schools, a.schoolKey),
      curatorId: idOf(ids.people, a.curatorKey),
      since: now,
    }));
    tx.insert(curatorAssignments).values(values).run();
  }
}
