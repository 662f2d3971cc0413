import type { RosterWrites, StoredRoster } from '../db/roster-import.js';
import { municipalityKey, personKey, schoolKey, type WantedRoster } from '../domain/wanted-roster.js';
import { roleLabel } from './validate.js';

export type ChangeKind = 'add' | 'change' | 'remove';
export type ChangeEntity = 'region' | 'municipality' | 'school' | 'person' | 'assignment';

/** One line of what an import does, for `--dry-run` and the import summary. */
export interface RosterChange {
  kind: ChangeKind;
  entity: ChangeEntity;
  text: string;
}

/** What to write, and the lines that say it. */
export interface RosterDiff extends RosterWrites {
  changes: RosterChange[];
}

const quote = (value: string | null | undefined) => (value === null || value === undefined ? '—' : `«${value}»`);

/** "name «a» → «b»" when the values differ, else undefined. */
function change<T>(label: string, before: T, after: T, show: (v: T) => string): string | undefined {
  return before === after ? undefined : `${label} ${show(before)} → ${show(after)}`;
}

const changesOf = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined);

/**
 * Compares the roster a file asks for with the store, region by region: the file is the whole truth for
 * the regions it names and says nothing about the others. Nothing is ever deleted: a school missing from
 * the file is deactivated, a person missing from it has left, a replaced curator's assignment is closed.
 */
export function diffRoster(wanted: WantedRoster, stored: StoredRoster): RosterDiff {
  const diff: RosterDiff = {
    insertRegions: [],
    updateRegions: [],
    insertMunicipalities: [],
    insertSchools: [],
    updateSchools: [],
    deactivateSchools: [],
    insertPeople: [],
    updatePeople: [],
    leavePeople: [],
    closeAssignments: [],
    openAssignments: [],
    ids: { regions: new Map(), municipalities: new Map(), schools: new Map(), people: new Map() },
    changes: [],
  };
  const note = (kind: ChangeKind, entity: ChangeEntity, text: string) => diff.changes.push({ kind, entity, text });

  const regionCode = new Map<number, string>();
  for (const region of stored.regions) regionCode.set(region.id, region.code);
  for (const region of wanted.regions.values()) {
    const existing = stored.regions.find((r) => r.code === region.code);
    if (!existing) {
      diff.insertRegions.push(region);
      note('add', 'region', `+ region ${region.code} ${region.name} (${region.timeZone})`);
      continue;
    }
    diff.ids.regions.set(region.code, existing.id);
    const changed = changesOf(
      change('name', existing.name, region.name, quote),
      change('time zone', existing.timeZone, region.timeZone, String),
    );
    if (changed.length > 0) {
      diff.updateRegions.push({ id: existing.id, region });
      note('change', 'region', `~ region ${region.code}: ${changed.join('; ')}`);
    }
  }

  const municipalityName = new Map<number, string>();
  for (const m of stored.municipalities) {
    municipalityName.set(m.id, m.name);
    diff.ids.municipalities.set(municipalityKey(regionCode.get(m.regionId) ?? '', m.name), m.id);
  }
  for (const [code, names] of wanted.municipalities) {
    for (const name of names) {
      if (diff.ids.municipalities.has(municipalityKey(code, name))) continue;
      diff.insertMunicipalities.push({ regionCode: code, name });
      note('add', 'municipality', `+ municipality ${code} ${quote(name)}`);
    }
  }

  diffSchools(wanted, stored, diff, { regionCode, municipalityName, note });
  diffPeople(wanted, stored, diff, { regionCode, municipalityName, note });
  diffAssignments(wanted, stored, diff, note);
  return diff;
}

interface Context {
  regionCode: Map<number, string>;
  municipalityName: Map<number, string>;
  note: (kind: ChangeKind, entity: ChangeEntity, text: string) => void;
}

function diffSchools(wanted: WantedRoster, stored: StoredRoster, diff: RosterDiff, ctx: Context): void {
  for (const school of stored.schools) {
    const key = schoolKey(ctx.regionCode.get(school.regionId) ?? '', school.code);
    diff.ids.schools.set(key, school.id);
    const want = wanted.schools.get(key);
    if (!want) {
      if (school.active) {
        diff.deactivateSchools.push(school.id);
        ctx.note('remove', 'school', `- school ${key} ${quote(school.name)}: deactivated`);
      }
      continue;
    }
    const changed = changesOf(
      change('name', school.name, want.name, quote),
      change('municipality', ctx.municipalityName.get(school.municipalityId), want.municipality, quote),
      school.active ? undefined : 'reactivated',
    );
    if (changed.length > 0) {
      diff.updateSchools.push({ id: school.id, school: want });
      ctx.note('change', 'school', `~ school ${key}: ${changed.join('; ')}`);
    }
  }
  for (const [key, school] of wanted.schools) {
    if (diff.ids.schools.has(key)) continue;
    diff.insertSchools.push(school);
    ctx.note('add', 'school', `+ school ${key} ${quote(school.name)} (${school.municipality})`);
  }
}

/**
 * People are matched by region and name. One matched under another role keeps their row (and their
 * Telegram registration): a curator who becomes a municipal coordinator is the same person.
 */
function diffPeople(wanted: WantedRoster, stored: StoredRoster, diff: RosterDiff, ctx: Context): void {
  const candidates = new Map<string, StoredRoster['people']>();
  for (const person of stored.people) {
    if (person.role === 'admin') continue;
    const key = personKey(ctx.regionCode.get(person.regionId) ?? '', person.fullName);
    candidates.set(key, [...(candidates.get(key) ?? []), person]);
  }
  const schoolCodeById = new Map(stored.schools.map((s) => [s.id, s.code]));
  const matched = new Set<number>();
  for (const want of wanted.people.values()) {
    const options = candidates.get(want.key) ?? [];
    const existing =
      options.find((p) => p.role === want.role) ?? options.find((p) => p.state !== 'left') ?? options[0];
    const label = `${roleLabel(want.role)} ${want.regionCode} ${want.fullName}`;
    if (!existing) {
      diff.insertPeople.push(want);
      ctx.note('add', 'person', `+ ${label}`);
      continue;
    }
    matched.add(existing.id);
    diff.ids.people.set(want.key, existing.id);
    const storedMunicipality =
      existing.municipalityId === null ? null : (ctx.municipalityName.get(existing.municipalityId) ?? null);
    const storedSchool = existing.schoolId === null ? null : (schoolCodeById.get(existing.schoolId) ?? null);
    const changed = changesOf(
      change('name', existing.fullName, want.fullName, quote),
      change('role', existing.role, want.role, roleLabel),
      change('municipality', storedMunicipality, want.municipality, quote),
      change('school', storedSchool, want.schoolCode, quote),
      // undefined: the file has no such column and says nothing about it
      want.email === undefined ? undefined : change('e-mail', existing.email, want.email, quote),
      want.phone === undefined ? undefined : change('phone', existing.phone, want.phone, quote),
      existing.state === 'left' ? 'back (was left)' : undefined,
    );
    if (changed.length > 0) {
      diff.updatePeople.push({ id: existing.id, person: want, reactivate: existing.state === 'left' });
      ctx.note('change', 'person', `~ ${label}: ${changed.join('; ')}`);
    }
  }
  for (const person of stored.people) {
    const stays = person.role === 'admin' || matched.has(person.id);
    if (stays || person.state === 'left') continue;
    diff.leavePeople.push(person.id);
    const label = `${roleLabel(person.role)} ${ctx.regionCode.get(person.regionId)} ${person.fullName}`;
    ctx.note('remove', 'person', `- ${label}: left`);
  }
}

/** A school has one current curator; replacing one closes the old assignment, so history stays. */
function diffAssignments(wanted: WantedRoster, stored: StoredRoster, diff: RosterDiff, note: Context['note']): void {
  const current = new Map(stored.assignments.map((a) => [a.schoolId, a]));
  const nameOf = new Map(stored.people.map((p) => [p.id, p.fullName]));
  const deactivated = new Set(diff.deactivateSchools);
  for (const [key, id] of diff.ids.schools) {
    const assignment = current.get(id);
    if (!assignment) continue;
    const want = wanted.schools.get(key);
    if (deactivated.has(id)) {
      diff.closeAssignments.push(assignment.id);
      note('remove', 'assignment', `- curator of ${key}: ${nameOf.get(assignment.curatorId)} (school deactivated)`);
    } else if (want && diff.ids.people.get(want.curatorKey) !== assignment.curatorId) {
      diff.closeAssignments.push(assignment.id);
      diff.openAssignments.push({ schoolKey: key, curatorKey: want.curatorKey });
      const next = wanted.people.get(want.curatorKey)?.fullName;
      note('change', 'assignment', `~ curator of ${key}: ${nameOf.get(assignment.curatorId)} → ${next}`);
    }
  }
  for (const [key, school] of wanted.schools) {
    const id = diff.ids.schools.get(key);
    if (id !== undefined && current.has(id)) continue;
    diff.openAssignments.push({ schoolKey: key, curatorKey: school.curatorKey });
    note('add', 'assignment', `+ curator of ${key}: ${wanted.people.get(school.curatorKey)?.fullName}`);
  }
}
