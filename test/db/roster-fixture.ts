/**
 * A small roster written straight into a store for the db tests: two regions, three municipalities, four
 * schools with their representatives, two curators, municipal and regional coordinators.
 */
import type { Store } from '../../src/db/client.js';
import { curatorAssignments, municipalities, people, regions, schools } from '../../src/db/schema.js';

export interface RosterFixture {
  region: { saratov: number; kamchatka: number };
  municipality: { balakovo: number; engels: number; elizovo: number };
  school: { b1: number; b2: number; e1: number; k1: number };
  person: {
    repB1: number;
    repB2: number;
    repK1: number;
    curatorIvanova: number;
    curatorPetrov: number;
    municipalBalakovo: number;
    municipalEngels: number;
    regionalSaratov: number;
    regionalKamchatka: number;
    admin: number;
  };
}

export function seedRoster(store: Store): RosterFixture {
  const { db } = store;
  const region = (code: string, name: string, timeZone: string) =>
    db.insert(regions).values({ code, name, timeZone }).returning().get().id;
  const saratov = region('RU-SAR', 'Саратовская область', 'Europe/Saratov');
  const kamchatka = region('RU-KAM', 'Камчатский край', 'Asia/Kamchatka');

  const municipality = (regionId: number, name: string) =>
    db.insert(municipalities).values({ regionId, name }).returning().get().id;
  const balakovo = municipality(saratov, 'Балаковский район');
  const engels = municipality(saratov, 'Энгельсский район');
  const elizovo = municipality(kamchatka, 'Елизовский район');

  const school = (regionId: number, municipalityId: number, code: string, name: string) =>
    db.insert(schools).values({ regionId, municipalityId, code, name }).returning().get().id;
  const b1 = school(saratov, balakovo, '640001', 'МОУ СОШ № 1 г. Балаково');
  const b2 = school(saratov, balakovo, '640002', 'МОУ СОШ № 2 г. Балаково');
  const e1 = school(saratov, engels, '640101', 'МОУ СОШ № 1 г. Энгельса');
  // the same code as a Saratov school: codes are unique only within a region
  const k1 = school(kamchatka, elizovo, '640001', 'МБОУ Елизовская СОШ № 1');

  const person = (
    fullName: string,
    role: string,
    regionId: number,
    extra: { municipalityId?: number; schoolId?: number } = {},
  ) => db.insert(people).values({ fullName, role, regionId, ...extra }).returning().get().id;
  const repB1 = person('Смирнова Анна Павловна', 'school', saratov, { municipalityId: balakovo, schoolId: b1 });
  const repB2 = person('Кузнецов Олег Иванович', 'school', saratov, { municipalityId: balakovo, schoolId: b2 });
  const repK1 = person('Лебедева Ирина Юрьевна', 'school', kamchatka, { municipalityId: elizovo, schoolId: k1 });
  const curatorIvanova = person('Иванова Мария Сергеевна', 'curator', saratov);
  const curatorPetrov = person('Петров Алексей Николаевич', 'curator', kamchatka);
  const municipalBalakovo = person('Соколова Елена Викторовна', 'municipal', saratov, { municipalityId: balakovo });
  const municipalEngels = person('Морозов Дмитрий Андреевич', 'municipal', saratov, { municipalityId: engels });
  const regionalSaratov = person('Волкова Татьяна Игоревна', 'regional', saratov);
  const regionalKamchatka = person('Зайцев Павел Олегович', 'regional', kamchatka);
  const admin = person('Администратор Системы', 'admin', saratov);

  const assign = (schoolId: number, curatorId: number) =>
    db.insert(curatorAssignments).values({ schoolId, curatorId, since: '2022-01-10' }).run();
  assign(b1, curatorIvanova);
  assign(b2, curatorIvanova);
  assign(e1, curatorIvanova);
  assign(k1, curatorPetrov);

  return {
    region: { saratov, kamchatka },
    municipality: { balakovo, engels, elizovo },
    school: { b1, b2, e1, k1 },
    person: {
      repB1,
      repB2,
      repK1,
      curatorIvanova,
      curatorPetrov,
      municipalBalakovo,
      municipalEngels,
      regionalSaratov,
      regionalKamchatka,
      admin,
    },
  };
}
