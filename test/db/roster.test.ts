import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { findPersonByTelegramUser, listPeople, savePreferences, setPersonState } from '../../src/db/people.js';
import { findRegion, loadRegionRoster, loadRoster, placedSchools, schoolIdsInScope, sharedNameCodes, subjectRegion, supervisorChain } from '../../src/db/roster.js';
import { curatorAssignments, people, schools } from '../../src/db/schema.js';
import type { Person } from '../../src/domain/roster.js';
import { type RosterFixture, seedRoster } from './roster-fixture.js';

describe('roster repository', () => {
  let store: Store;
  let f: RosterFixture;
  const ids = (level: { people: Person[] } | undefined) => level?.people.map((p) => p.id);

  beforeEach(() => {
    store = openStore(':memory:');
    f = seedRoster(store);
  });
  afterEach(() => store.close());

  it('loads the whole roster with current curators and default preferences where none were saved', () => {
    savePreferences(store, f.person.curatorIvanova, { windowStart: '08:00', windowEnd: '18:00', digestDay: 5 });
    const roster = loadRoster(store);
    expect(roster.regions.map((r) => [r.code, r.timeZone])).toEqual([
      ['RU-SAR', 'Europe/Saratov'],
      ['RU-KAM', 'Asia/Kamchatka'],
    ]);
    expect(roster.municipalities).toHaveLength(3);
    expect(roster.schools.map((s) => s.code)).toEqual(['640001', '640002', '640101', '640001']);
    expect(roster.people).toHaveLength(10);
    expect(roster.curatorBySchool.get(f.school.k1)).toBe(f.person.curatorPetrov);
    const byId = new Map(roster.people.map((p) => [p.id, p]));
    expect(byId.get(f.person.curatorIvanova)?.preferences).toEqual({ windowStart: '08:00', windowEnd: '18:00', digestDay: 5 });
    expect(byId.get(f.person.repB1)?.preferences).toEqual({ windowStart: '09:00', windowEnd: '20:00', digestDay: 1 });
    expect(byId.get(f.person.repB1)).toMatchObject({ role: 'school', schoolId: f.school.b1, municipalityId: f.municipality.balakovo, state: 'active' });
  });

  it('loads one region\'s roster as the whole roster has it, without the other regions\' people, schools or curators', () => {
    savePreferences(store, f.person.curatorIvanova, { windowStart: '08:00', windowEnd: '18:00', digestDay: 5 });
    const whole = loadRoster(store);
    for (const region of [f.region.saratov, f.region.kamchatka]) {
      const one = loadRegionRoster(store, region);
      const municipalityIds = new Set(whole.municipalities.filter((m) => m.regionId === region).map((m) => m.id));
      const schoolIds = new Set(whole.schools.filter((s) => municipalityIds.has(s.municipalityId)).map((s) => s.id));
      expect(one.regions).toEqual(whole.regions.filter((r) => r.id === region));
      expect(one.municipalities).toEqual(whole.municipalities.filter((m) => municipalityIds.has(m.id)));
      expect(one.schools).toEqual(whole.schools.filter((s) => schoolIds.has(s.id)));
      expect(one.people.sort((a, b) => a.id - b.id)).toEqual(whole.people.filter((p) => p.regionId === region));
      expect([...one.curatorBySchool]).toEqual([...whole.curatorBySchool].filter(([school]) => schoolIds.has(school)));
    }
    expect(loadRegionRoster(store, f.region.kamchatka).schools.map((s) => s.code)).toEqual(['640001']);
  });

  it('finds the region of an item\'s subject of each type, and none for one that is gone', () => {
    expect(subjectRegion(store, { type: 'school', id: f.school.k1 })).toBe(f.region.kamchatka);
    expect(subjectRegion(store, { type: 'curator', id: f.person.curatorIvanova })).toBe(f.region.saratov);
    expect(subjectRegion(store, { type: 'municipality', id: f.municipality.elizovo })).toBe(f.region.kamchatka);
    expect(subjectRegion(store, { type: 'region', id: f.region.saratov })).toBe(f.region.saratov);
    expect(subjectRegion(store, { type: 'school', id: 9_999 })).toBeNull();
  });

  it('fills unsaved preferences from the configured defaults', () => {
    const roster = loadRoster(store, { windowStart: '10:00', windowEnd: '19:00', digestDay: 3 });
    expect(roster.people[0]?.preferences).toEqual({ windowStart: '10:00', windowEnd: '19:00', digestDay: 3 });
  });

  it('finds a registered person by Telegram user id and nobody for a stranger', () => {
    store.db.update(people).set({ telegramUserId: '5001', chatId: '5001' }).where(eq(people.id, f.person.repB2)).run();
    expect(findPersonByTelegramUser(store, '5001')?.fullName).toBe('Кузнецов Олег Иванович');
    expect(findPersonByTelegramUser(store, '5002')).toBeNull();
  });

  it('finds a stored region by code or by any name variant', () => {
    expect(findRegion(store, 'ru-sar')?.id).toBe(f.region.saratov);
    expect(findRegion(store, 'Саратовская обл.')?.id).toBe(f.region.saratov);
    expect(findRegion(store, 'Камчатский край')?.id).toBe(f.region.kamchatka);
    expect(findRegion(store, 'Тверская область')).toBeNull();
  });

  it('lists people by role and region', () => {
    expect(listPeople(store, { role: 'curator', regionId: f.region.saratov }).map((p) => p.id)).toEqual([f.person.curatorIvanova]);
    expect(listPeople(store, { role: 'municipal' }).map((p) => p.id)).toEqual([f.person.municipalBalakovo, f.person.municipalEngels]);
    expect(listPeople(store, { regionId: f.region.kamchatka })).toHaveLength(3);
  });

  it('climbs from a school to its representative, curator, municipal and regional coordinators', () => {
    const chain = supervisorChain(store, { schoolId: f.school.b2 });
    expect(chain.map((l) => [l.role, ids(l)])).toEqual([
      ['school', [f.person.repB2]],
      ['curator', [f.person.curatorIvanova]],
      ['municipal', [f.person.municipalBalakovo]],
      ['regional', [f.person.regionalSaratov]],
    ]);
  });

  it('leaves an empty rung where nobody holds it and skips people who left', () => {
    setPersonState(store, f.person.municipalEngels, 'left');
    const chain = supervisorChain(store, { schoolId: f.school.e1 });
    expect(chain.map((l) => [l.role, ids(l)])).toEqual([
      ['school', []],
      ['curator', [f.person.curatorIvanova]],
      ['municipal', []],
      ['regional', [f.person.regionalSaratov]],
    ]);
  });

  it('gives a person the rungs above them, a curator the coordinators of all their schools', () => {
    expect(supervisorChain(store, { personId: f.person.repB1 }).map((l) => [l.role, ids(l)])).toEqual([
      ['curator', [f.person.curatorIvanova]],
      ['municipal', [f.person.municipalBalakovo]],
      ['regional', [f.person.regionalSaratov]],
    ]);
    expect(supervisorChain(store, { personId: f.person.curatorIvanova }).map((l) => [l.role, ids(l)])).toEqual([
      ['municipal', [f.person.municipalBalakovo, f.person.municipalEngels]],
      ['regional', [f.person.regionalSaratov]],
    ]);
    expect(supervisorChain(store, { personId: f.person.municipalEngels }).map((l) => l.role)).toEqual(['regional']);
    expect(supervisorChain(store, { personId: f.person.regionalKamchatka })).toEqual([]);
  });

  it('follows a curator replacement: the new curator gets the school, the old one loses it', () => {
    store.db.update(curatorAssignments).set({ until: '2022-04-01' }).where(eq(curatorAssignments.schoolId, f.school.e1)).run();
    store.db.insert(curatorAssignments).values({ schoolId: f.school.e1, curatorId: f.person.curatorPetrov, since: '2022-04-01' }).run();
    expect(ids(supervisorChain(store, { schoolId: f.school.e1 })[1])).toEqual([f.person.curatorPetrov]);
    expect(loadRoster(store).curatorBySchool.get(f.school.e1)).toBe(f.person.curatorPetrov);
    const ivanova = listPeople(store, { role: 'curator', regionId: f.region.saratov })[0];
    expect(ivanova && schoolIdsInScope(store, ivanova)).toEqual([f.school.b1, f.school.b2]);
  });

  it('gives a school its code to show only where another active school of its region bears its name', () => {
    const add = (regionId: number, municipalityId: number, code: string, name: string, active = true) =>
      store.db.insert(schools).values({ regionId, municipalityId, code, name, active }).returning().get().id;
    // written otherwise, read the same: case and spacing do not tell two schools apart
    const twin = add(f.region.saratov, f.municipality.engels, '640102', 'моу  СОШ № 1 г. балаково');
    // a school that left shares no name; a namesake in another region needs no code
    add(f.region.saratov, f.municipality.engels, '640103', 'МОУ СОШ № 1 г. Энгельса', false);
    add(f.region.kamchatka, f.municipality.elizovo, '640002', 'МОУ СОШ № 2 г. Балаково');
    const { b1, b2, e1, k1 } = f.school;
    expect(sharedNameCodes(store, [b1, b2, e1, k1, twin])).toEqual(new Map([[b1, '640001'], [twin, '640102']]));
    expect(sharedNameCodes(store, [b2])).toEqual(new Map());
    expect(placedSchools(store, [b1, b2]).map((s) => [s.code, s.nameCode])).toEqual([['640001', '640001'], ['640002', null]]);
  });

  it('scopes each role to the schools it may act on', () => {
    const scope = (id: number) => {
      const person = loadRoster(store).people.find((p) => p.id === id);
      if (!person) throw new Error(`no person ${id}`);
      return schoolIdsInScope(store, person);
    };
    expect(scope(f.person.repB1)).toEqual([f.school.b1]);
    expect(scope(f.person.curatorIvanova)).toEqual([f.school.b1, f.school.b2, f.school.e1]);
    expect(scope(f.person.municipalBalakovo)).toEqual([f.school.b1, f.school.b2]);
    expect(scope(f.person.regionalKamchatka)).toEqual([f.school.k1]);
    expect(scope(f.person.admin)).toEqual([f.school.b1, f.school.b2, f.school.e1, f.school.k1]);
  });
});
