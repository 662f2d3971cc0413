/**
 * Reads of the coordinators' monitoring table (`status export`, the wide `status import`): the active schools
 * with where they are and who curates them, and the people who set statuses, each table read once so a
 * national table of 3,000 schools is a few queries.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Store } from './client.js';
import { allOf } from './columns.js';
import { curatorAssignments, municipalities, people, regions, schools } from './schema.js';

/** One row of the table: a school, its municipality and region, and its current curator. */
export interface TableSchool {
  id: number;
  code: string;
  name: string;
  regionId: number;
  regionCode: string;
  regionName: string;
  /** The region's IANA zone: the school's "today" for what is overdue. */
  timeZone: string;
  municipality: string;
  /** The current curator's full name; null when the school has none. */
  curator: string | null;
}

/** Which schools: those of one region, one municipality (by id), or all. */
export interface TableSchoolFilter {
  regionId?: number;
  municipalityId?: number;
}

/** The active schools, by region, municipality and code. */
export function tableSchools(store: Store, filter: TableSchoolFilter = {}): TableSchool[] {
  const curators = new Map(
    store.db
      .select({ schoolId: curatorAssignments.schoolId, name: people.fullName })
      .from(curatorAssignments)
      .innerJoin(people, eq(people.id, curatorAssignments.curatorId))
      .where(isNull(curatorAssignments.until))
      .all()
      .map((c) => [c.schoolId, c.name]),
  );
  return store.db
    .select({
      id: schools.id,
      code: schools.code,
      name: schools.name,
      regionId: schools.regionId,
      regionCode: regions.code,
      regionName: regions.name,
      timeZone: regions.timeZone,
      municipality: municipalities.name,
    })
    .from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(
      allOf(
        eq(schools.active, true),
        filter.regionId !== undefined && eq(schools.regionId, filter.regionId),
        filter.municipalityId !== undefined && eq(schools.municipalityId, filter.municipalityId),
      ),
    )
    .all()
    .map((s) => ({ ...s, curator: curators.get(s.id) ?? null }))
    .sort((a, b) => a.regionName.localeCompare(b.regionName, 'ru') || a.municipality.localeCompare(b.municipality, 'ru') || a.code.localeCompare(b.code, 'ru', { numeric: true }));
}

/** Municipalities of a region (or of all regions) with this name, compared as stored. */
export function municipalitiesNamed(store: Store, name: string, regionId?: number): { id: number; regionId: number; name: string }[] {
  return store.db
    .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
    .from(municipalities)
    .where(and(eq(municipalities.name, name), regionId === undefined ? undefined : eq(municipalities.regionId, regionId)))
    .all();
}

/** Full names of the given people, by id. */
export function personNames(store: Store, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    store.db
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(inArray(people.id, [...new Set(ids)]))
      .all()
      .map((p) => [p.id, p.name]),
  );
}
