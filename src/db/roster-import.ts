/**
 * The roster tables as an import writes them: the part of the store a file is compared against, and the
 * difference applied in the same transaction.
 */
import type Database from 'better-sqlite3';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { municipalityKey, personKey, schoolKey, type WantedPerson, type WantedRegion, type WantedSchool } from '../domain/wanted-roster.js';
import type { Db } from './client.js';
import { curatorAssignments, municipalities, people, regions, schools } from './schema.js';

/** The part of the store an import compares against: everything in the regions the file names, and nothing else. */
export interface StoredRoster {
  regions: (typeof regions.$inferSelect)[];
  municipalities: (typeof municipalities.$inferSelect)[];
  schools: (typeof schools.$inferSelect)[];
  people: (typeof people.$inferSelect)[];
  /** Current assignments only (`until` is null). */
  assignments: (typeof curatorAssignments.$inferSelect)[];
}

/**
 * What to write. New rows are referred to by natural key (region code, `region/school` key, person key);
 * `ids` maps the keys of rows that already exist, and the writer adds the ids of the rows it inserts.
 */
export interface RosterWrites {
  insertRegions: WantedRegion[];
  updateRegions: { id: number; region: WantedRegion }[];
  insertMunicipalities: { regionCode: string; name: string }[];
  insertSchools: WantedSchool[];
  updateSchools: { id: number; school: WantedSchool }[];
  deactivateSchools: number[];
  insertPeople: WantedPerson[];
  /** `reactivate`: the person had left and is back. */
  updatePeople: { id: number; person: WantedPerson; reactivate: boolean }[];
  leavePeople: number[];
  closeAssignments: number[];
  openAssignments: { schoolKey: string; curatorKey: string }[];
  ids: {
    regions: Map<string, number>;
    municipalities: Map<string, number>;
    schools: Map<string, number>;
    people: Map<string, number>;
  };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows per multi-row insert: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;

/**
 * Reads the stored roster of the named regions, asks `diff` what to write, and writes it (unless a dry run)
 * in one transaction that takes the write lock before reading, so nothing changes between the diff and the
 * writes. Returns what `diff` returned.
 */
export function writeRosterDiff<D extends RosterWrites>(
  db: Db,
  regionCodes: string[],
  options: { dryRun: boolean; now: string },
  diff: (stored: StoredRoster) => D,
): D {
  return db.transaction(
    (tx) => {
      const found = diff(readStored(tx, regionCodes));
      if (!options.dryRun) applyWrites(tx, clientOf(db), found, options.now);
      return found;
    },
    { behavior: options.dryRun ? 'deferred' : 'immediate' },
  );
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

/** The better-sqlite3 connection under a store's drizzle instance (drizzle() sets it; the `Db` type leaves it out). */
function clientOf(db: Db): Database.Database {
  return (db as Db & { $client: Database.Database }).$client;
}

function applyWrites(tx: Tx, client: Database.Database, diff: RosterWrites, now: string): void {
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

  const schoolColumns = (s: RosterWrites['insertSchools'][number]) => ({
    regionId: idOf(ids.regions, s.regionCode),
    municipalityId: idOf(ids.municipalities, municipalityKey(s.regionCode, s.municipality)),
    code: s.code,
    name: s.name,
    active: true,
  });
  // Schools, people and assignments come by the hundred thousand in a national file: one prepared statement
  // each, run per row on the transaction's connection, instead of building a 500-row insert per chunk (drizzle
  // spent most of a 50 MB import building SQL, and its per-row garbage most of the memory).
  const insertSchool = client.prepare<[number, number, string, string], { id: number }>(
    'insert into schools (region_id, municipality_id, code, name, active) values (?, ?, ?, ?, 1) returning id',
  );
  for (const school of diff.insertSchools) {
    const { regionId, municipalityId, code, name } = schoolColumns(school);
    const row = insertSchool.get(regionId, municipalityId, code, name);
    if (row === undefined) throw new Error(`roster import: school ${school.code} was not inserted`);
    ids.schools.set(schoolKey(school.regionCode, school.code), row.id);
  }
  for (const { id, school } of diff.updateSchools) {
    tx.update(schools).set(schoolColumns(school)).where(eq(schools.id, id)).run();
  }
  for (const chunk of chunks(diff.deactivateSchools)) {
    tx.update(schools).set({ active: false }).where(inArray(schools.id, chunk)).run();
  }

  const personColumns = (p: RosterWrites['insertPeople'][number]) => ({
    fullName: p.fullName,
    role: p.role,
    regionId: idOf(ids.regions, p.regionCode),
    municipalityId: p.municipality === null ? null : idOf(ids.municipalities, municipalityKey(p.regionCode, p.municipality)),
    schoolId: p.schoolCode === null ? null : idOf(ids.schools, schoolKey(p.regionCode, p.schoolCode)),
    // undefined: the file has no such column, so an update leaves the stored value alone
    email: p.email,
    phone: p.phone,
  });
  const insertPerson = client.prepare<[string, string, number, number | null, number | null, string | null, string | null], { id: number }>(
    'insert into people (full_name, role, region_id, municipality_id, school_id, email, phone) values (?, ?, ?, ?, ?, ?, ?) returning id',
  );
  for (const person of diff.insertPeople) {
    const { fullName, role, regionId, municipalityId, schoolId } = personColumns(person);
    // a column the file lacks is null for a new person
    const row = insertPerson.get(fullName, role, regionId, municipalityId, schoolId, person.email ?? null, person.phone ?? null);
    if (row === undefined) throw new Error(`roster import: ${person.fullName} was not inserted`);
    ids.people.set(personKey(person.regionCode, person.fullName), row.id);
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
  const openAssignment = client.prepare<[number, number, string]>('insert into curator_assignments (school_id, curator_id, since) values (?, ?, ?)');
  for (const a of diff.openAssignments) openAssignment.run(idOf(ids.schools, a.schoolKey), idOf(ids.people, a.curatorKey), now);
}
