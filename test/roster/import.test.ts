import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { ROSTER_COLUMNS } from '../../src/roster/columns.js';
import { importRoster } from '../../src/roster/import.js';
import { readRosterFile } from '../../src/roster/read.js';

const DEMO = resolve(import.meta.dirname, '../../data/demo/roster.csv');
const TEMPLATE = resolve(import.meta.dirname, '../../data/demo/roster-template.csv');
const T1 = DateTime.fromISO('2022-02-01T09:00:00Z');
const T2 = DateTime.fromISO('2022-03-15T09:00:00Z');
const T3 = DateTime.fromISO('2022-04-01T09:00:00Z');

const HEADER = 'Регион;Муниципалитет;Код ОО;Наименование ОО;Контактное лицо ОО;Куратор;E-mail куратора;Муниципальный координатор;Региональный координатор';
const ORIGINAL = [
  HEADER,
  'Саратовская область;Балашовский район;s1;СОШ № 1;Иванова Анна;Панова Галина;panova@example.ru;Гусев Павел;Горбунова Ирина',
  'Саратовская область;Балашовский район;s2;СОШ № 2;Смирнов Пётр;Панова Галина;;;',
  'Саратовская область;Аткарский район;s3;СОШ № 3;Орлова Вера;Белов Игорь;;Зайцев Олег;',
];

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-import-'));
  store = openStore(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function rows(sql: string): unknown[] {
  return store.sqlite.prepare(sql).all();
}

/** Every roster table, for "nothing changed" comparisons. */
function dump(): unknown[] {
  return ['regions', 'municipalities', 'schools', 'people', 'curator_assignments', 'preferences', 'item_statuses'].map((t) =>
    rows(`select * from ${t} order by rowid`),
  );
}

describe('importRoster', () => {
  it('imports the demo roster in one go and re-imports it as a no-op', async () => {
    const first = await importRoster(store.db, DEMO, { now: T1 });
    expect(first.size).toEqual({ regions: 2, municipalities: 29, schools: 59, people: 130 });
    expect(first.changes.filter((c) => c.kind !== 'add')).toEqual([]);
    expect(rows('select code, name, time_zone from regions order by code')).toEqual([
      { code: 'RU-SAR', name: 'Саратовская область', time_zone: 'Europe/Saratov' },
      { code: 'RU-SVE', name: 'Свердловская область', time_zone: 'Asia/Yekaterinburg' },
    ]);
    expect(rows("select r.code, count(*) as n from schools s join regions r on r.id = s.region_id where s.active group by r.code")).toEqual([
      { code: 'RU-SAR', n: 53 },
      { code: 'RU-SVE', n: 6 },
    ]);
    expect(rows("select role, count(*) as n from people where region_id = (select id from regions where code = 'RU-SAR') group by role order by role")).toEqual([
      { role: 'curator', n: 36 },
      { role: 'municipal', n: 27 },
      { role: 'regional', n: 1 },
      { role: 'school', n: 53 },
    ]);
    expect(rows('select count(distinct school_id) as schools, count(*) as open from curator_assignments where until is null')).toEqual([
      { schools: 59, open: 59 },
    ]);

    const before = dump();
    const again = await importRoster(store.db, DEMO, { now: T2 });
    expect(again.changes).toEqual([]);
    expect(dump()).toEqual(before);
  });

  it('imports the example row of the shipped template, which has every column', async () => {
    expect((await readRosterFile(TEMPLATE)).columns.index.size).toBe(ROSTER_COLUMNS.length);
    const result = await importRoster(store.db, TEMPLATE, { now: T1 });
    expect(result.size).toEqual({ regions: 1, municipalities: 1, schools: 1, people: 4 });
    expect(rows("select role, email, phone from people where role = 'school'")).toEqual([
      { role: 'school', email: 'school@example.ru', phone: '+7 900 000-00-01' },
    ]);
  });

  it('applies exactly the difference of an updated file, keeping curator history and never deleting', async () => {
    await importRoster(store.db, csv('v1.csv', ORIGINAL), { now: T1 });
    // a registration, a preference and a status the import must leave alone
    store.sqlite.exec(`
      update people set telegram_user_id = '1001', chat_id = '1001' where full_name = 'Панова Галина';
      insert into preferences (person_id, window_start) select id, '10:00' from people where full_name = 'Орлова Вера';
      insert into item_statuses (schedule_id, occurrence_key, subject_type, subject_id, status, updated_at)
        select '500plus', 'concept-docs', 'school', id, 'submitted', '2022-02-10T10:00:00Z' from schools where code = 's3';
    `);
    const untouched = () => [rows('select * from preferences'), rows('select * from item_statuses'), rows("select telegram_user_id from people where full_name = 'Панова Галина'")];
    const kept = untouched();

    const updated = [
      HEADER,
      'Саратовская область;Балашовский район;s1;СОШ № 1 им. Гагарина;Иванова Анна;Панова Галина;galina@example.ru;Гусев Павел;Горбунова Ирина',
      'Саратовская область;Балашовский район;s2;СОШ № 2;Смирнов Пётр;Кузнецова Ольга;;;',
      'Саратовская область;Балашовский район;s4;СОШ № 4;;Кузнецова Ольга;;;',
    ];
    const result = await importRoster(store.db, csv('v2.csv', updated), { now: T2 });
    expect(result.changes.map((c) => c.text)).toEqual([
      '~ school RU-SAR/s1: name «СОШ № 1» → «СОШ № 1 им. Гагарина»',
      '- school RU-SAR/s3 «СОШ № 3»: deactivated',
      '+ school RU-SAR/s4 «СОШ № 4» (Балашовский район)',
      '~ curator RU-SAR Панова Галина: e-mail «panova@example.ru» → «galina@example.ru»',
      '+ curator RU-SAR Кузнецова Ольга',
      '- curator RU-SAR Белов Игорь: left',
      '- municipal coordinator RU-SAR Зайцев Олег: left',
      '- school contact RU-SAR Орлова Вера: left',
      '~ curator of RU-SAR/s2: Панова Галина → Кузнецова Ольга',
      '- curator of RU-SAR/s3: Белов Игорь (school deactivated)',
      '+ curator of RU-SAR/s4: Кузнецова Ольга',
    ]);
    expect(rows("select code, name, active from schools order by code")).toEqual([
      { code: 's1', name: 'СОШ № 1 им. Гагарина', active: 1 },
      { code: 's2', name: 'СОШ № 2', active: 1 },
      { code: 's3', name: 'СОШ № 3', active: 0 },
      { code: 's4', name: 'СОШ № 4', active: 1 },
    ]);
    const history = `select s.code, p.full_name as curator, a.since, a.until from curator_assignments a
      join schools s on s.id = a.school_id join people p on p.id = a.curator_id where s.code in ('s2', 's3') order by a.id`;
    expect(rows(history)).toEqual([
      { code: 's2', curator: 'Панова Галина', since: '2022-02-01T09:00:00.000Z', until: '2022-03-15T09:00:00.000Z' },
      { code: 's3', curator: 'Белов Игорь', since: '2022-02-01T09:00:00.000Z', until: '2022-03-15T09:00:00.000Z' },
      { code: 's2', curator: 'Кузнецова Ольга', since: '2022-03-15T09:00:00.000Z', until: null },
    ]);
    expect(rows("select full_name, state from people where state = 'left' order by full_name")).toEqual([
      { full_name: 'Белов Игорь', state: 'left' },
      { full_name: 'Зайцев Олег', state: 'left' },
      { full_name: 'Орлова Вера', state: 'left' },
    ]);
    expect(untouched()).toEqual(kept);

    // the original file again: everything comes back, as new history rather than rewritten history
    const back = await importRoster(store.db, csv('v1-again.csv', ORIGINAL), { now: T3 });
    expect(back.changes.filter((c) => c.kind === 'change').map((c) => c.text)).toEqual([
      '~ school RU-SAR/s1: name «СОШ № 1 им. Гагарина» → «СОШ № 1»',
      '~ school RU-SAR/s3: reactivated',
      '~ curator RU-SAR Панова Галина: e-mail «galina@example.ru» → «panova@example.ru»',
      '~ curator RU-SAR Белов Игорь: back (was left)',
      '~ school contact RU-SAR Орлова Вера: back (was left)',
      '~ municipal coordinator RU-SAR Зайцев Олег: back (was left)',
      '~ curator of RU-SAR/s2: Кузнецова Ольга → Панова Галина',
    ]);
    expect(rows("select count(*) as n from curator_assignments a join schools s on s.id = a.school_id where s.code = 's2'")).toEqual([{ n: 3 }]);
    expect(rows("select count(*) as n from people where state = 'active'")).toEqual([{ n: 8 }]);
    expect(untouched()).toEqual(kept);
  });

  it('keeps the row, and so the Telegram registration, of a curator who becomes a municipal coordinator', async () => {
    await importRoster(store.db, csv('v1.csv', ORIGINAL), { now: T1 });
    store.sqlite.exec("update people set telegram_user_id = '2002' where full_name = 'Белов Игорь'");
    const promoted = [
      HEADER,
      ORIGINAL[1] ?? '',
      ORIGINAL[2] ?? '',
      'Саратовская область;Аткарский район;s3;СОШ № 3;Орлова Вера;Панова Галина;;Белов Игорь;',
    ];
    const result = await importRoster(store.db, csv('v2.csv', promoted), { now: T2 });
    expect(result.changes.map((c) => c.text)).toContain(
      '~ municipal coordinator RU-SAR Белов Игорь: role curator → municipal coordinator; municipality — → «Аткарский район»',
    );
    expect(rows("select role, telegram_user_id, state from people where full_name = 'Белов Игорь'")).toEqual([
      { role: 'municipal', telegram_user_id: '2002', state: 'active' },
    ]);
  });

  it('treats the file as the whole truth only for the regions it names', async () => {
    await importRoster(store.db, DEMO, { now: T1 });
    const sverdlovskOnly = readFileSync(DEMO, 'utf8')
      .split('\n')
      .filter((line, i) => i === 0 || line.startsWith('Свердловская'));
    const result = await importRoster(store.db, csv('sve.csv', sverdlovskOnly), { now: T2 });
    expect(result.changes).toEqual([]);
    expect(rows('select count(*) as n from schools where active')).toEqual([{ n: 59 }]);
  });

  it('rolls everything back when a write fails midway', async () => {
    store.sqlite.exec(`create trigger fail_late after insert on curator_assignments
      begin select raise(abort, 'disk full'); end`);
    await expect(importRoster(store.db, DEMO, { now: T1 })).rejects.toThrow(/disk full/);
    expect(rows('select (select count(*) from regions) + (select count(*) from schools) + (select count(*) from people) as n')).toEqual([{ n: 0 }]);
  });
});

describe('importRoster --dry-run', () => {
  it('reports what it would add, change and remove and leaves the database file byte for byte as it was', async () => {
    const path = join(dir, 'roadmap.db');
    const fileStore = openStore(path);
    await importRoster(fileStore.db, csv('v1.csv', ORIGINAL), { now: T1 });
    const snapshot = () => {
      fileStore.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const wal = `${path}-wal`;
      return [createHash('sha256').update(readFileSync(path)).digest('hex'), existsSync(wal) ? statSync(wal).size : 0];
    };
    const before = snapshot();
    const result = await importRoster(fileStore.db, csv('v2.csv', [HEADER, ORIGINAL[1] ?? '']), { now: T2, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.changes.map((c) => `${c.kind} ${c.entity}`)).toEqual([
      'remove school',
      'remove school',
      'remove person',
      'remove person',
      'remove person',
      'remove person',
      'remove assignment',
      'remove assignment',
    ]);
    expect(snapshot()).toEqual(before);
    fileStore.close();
  });
});
