import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { importRoster } from '../../src/roster/import.js';
import { databaseFingerprint, NOW, refusedIssues } from './refused-import.js';

const DEMO = resolve(import.meta.dirname, '../../data/demo/roster.csv');
const HEADER = 'Регион;Муниципалитет;Код ОО;Наименование ОО;Контактное лицо ОО;Куратор;E-mail куратора;Муниципальный координатор;Региональный координатор;Часовой пояс';

/** One row per error class; row 2 is valid and the others refer back to it. */
const BAD_ROWS = [
  'Саратовская область;Балашовский район;s1;СОШ 1;Иванова Анна;Панова Галина;panova@example.ru;Гусев Павел;Горбунова Ирина;',
  'Саратовская область;Балашовский район;;;Петрова Ольга;Панова Галина;;;;',
  'Саратовская облать;Балашовский район;s3;СОШ 3;;Панова Галина;;;;',
  'Саратовская область;Балашовский район;s1;СОШ № 1;Иванова Анна;Панова Галина;;;;',
  'Саратовская область;Аткарский район;s6;СОШ 6;;Гусев Павел;;Белов Игорь;;',
  'Саратовская область;Аткарский район;s7;СОШ 7;;Белова Вера;;;;UTC+4',
  'Саратовская область;Аткарский район;s8;СОШ 8;;Белова Вера;vera@;;;',
  'Саратовская область;Аткарский район;s9;СОШ 9;;Белова Вера;;Чернов Юрий;;',
  'Свердловская область;Камышловский район;e1;СОШ 1;;Орлова Ирина;;Зайцев Олег;;',
  'Саратовская область;Балашовский район;s11;СОШ 11;;Панова Галина;;;;Europe/Samara',
  'Саратовская область;Балашовский район;s12;СОШ 12;;Панова Галина;;;;Europe/Moscow',
  'Саратовская область;Балашовский район;s13;СОШ 13;Иванова Анна;Панова Галина;;;;',
  'Саратовская область;Ровенский район;s14;СОШ 14;;Панова Галина;;;;',
  'Саратовская область;Балашовский район;s15;СОШ 15;;Панова Галина;galina@example.ru;;;',
  'Саратовская область;Балашовский район;s16;СОШ 16;;Панова Галина;;;Кузнецова Мария;',
];

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-errors-'));
  store = openStore(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const issuesOf = (path: string, target: Store = store) => refusedIssues(target, path);

describe('importRoster on a bad file', () => {
  it('lists every problem with its row and column, and writes nothing', async () => {
    const issues = await issuesOf(write('bad.csv', [HEADER, ...BAD_ROWS].join('\n')));
    expect(issues).toEqual([
      '3|Код ОО|empty: every row needs a value here',
      '3|Наименование ОО|empty: every row needs a value here',
      expect.stringMatching(/^4\|Регион\|unknown region "Саратовская облать"; did you mean "Саратовская область"/),
      '5|Наименование ОО|school s1 is listed at row 2 with "СОШ 1", here "СОШ № 1"',
      '6|Куратор|Гусев Павел is the municipal coordinator at row 2: one person has one role in a region',
      '7|Часовой пояс|"UTC+4" is not an IANA time zone: expected a name such as Europe/Saratov or Asia/Yekaterinburg',
      '8|E-mail куратора|"vera@" is not an e-mail address like name@example.ru',
      '9|Муниципальный координатор|municipality "Аткарский район" has "Белов Игорь" at row 6, here "Чернов Юрий": name one per municipality',
      '10|Региональный координатор|no row names the regional coordinator of Свердловская область',
      '12|Часовой пояс|Саратовская область was given the time zone Europe/Samara at row 11, here Europe/Moscow: a region has one time zone',
      '13|Контактное лицо ОО|Иванова Анна is already the contact of school s1 (row 2): a contact person represents one school',
      '14|Муниципальный координатор|no row names the municipal coordinator of "Ровенский район"',
      '15|E-mail куратора|Панова Галина was given "panova@example.ru" on an earlier row, here "galina@example.ru"',
      '16|Региональный координатор|Саратовская область has "Горбунова Ирина" at row 2, here "Кузнецова Мария": name one per region',
    ]);
    expect(store.sqlite.prepare('select count(*) as n from regions').get()).toEqual({ n: 0 });
  });

  it('accepts a school listed twice with the same data', async () => {
    const path = write('twice.csv', [HEADER, BAD_ROWS[0], BAD_ROWS[0]].join('\n'));
    const result = await importRoster(store.db, path, { now: NOW });
    expect(result.size.schools).toBe(1);
  });

  it('reports an error in a Windows-1251 file with its Russian text intact', async () => {
    const path = write('cp1251.csv', iconv.encode([HEADER, BAD_ROWS[0], BAD_ROWS[2]].join('\r\n'), 'win1251'));
    expect(await issuesOf(path)).toEqual([expect.stringMatching(/^3\|Регион\|unknown region "Саратовская облать"/)]);
  });

  it('reports an error in a file with a byte order mark', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const path = write('bom.csv', Buffer.concat([bom, Buffer.from([HEADER, BAD_ROWS[0], BAD_ROWS[1]].join('\n'))]));
    expect(await issuesOf(path)).toEqual([
      '3|Код ОО|empty: every row needs a value here',
      '3|Наименование ОО|empty: every row needs a value here',
    ]);
  });

  it('reports errors in an xlsx by the row numbers Excel shows, with English headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Roster');
    ws.addRow(['Region', 'Municipality', 'School code', 'School name', 'Curator', 'Municipal coordinator', 'Regional coordinator']);
    ws.addRow(['RU-SAR', 'Балашовский район', 640001, 'СОШ 1', 'Панова Галина', 'Гусев Павел', 'Горбунова Ирина']);
    ws.addRow([]);
    ws.addRow(['RU-SAR', 'Балашовский район', 640002, 'СОШ 2', 'Горбунова Ирина', 'Гусев Павел', 'Горбунова Ирина']);
    const path = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await issuesOf(path)).toEqual([
      '4|Curator|Горбунова Ирина is the regional coordinator at row 2: one person has one role in a region',
    ]);
  });

  it('rejects a file with a header and no schools', async () => {
    expect(await issuesOf(write('header-only.csv', `${HEADER}\n`))).toEqual(['-|-|no rows below the header: expected one row per school']);
  });

  it('leaves the database file byte for byte unchanged', async () => {
    const path = join(dir, 'roadmap.db');
    const fileStore = openStore(path);
    await importRoster(fileStore.db, DEMO, { now: NOW });
    const snapshot = () => databaseFingerprint(fileStore, path);
    const before = snapshot();
    // the demo roster with one bad row appended: valid rows must not be written either
    const bad = `${readFileSync(DEMO, 'utf8')}${BAD_ROWS[2]}\n`;
    expect(await issuesOf(write('demo-plus-bad.csv', bad), fileStore)).toHaveLength(1);
    expect(snapshot()).toEqual(before);
    fileStore.close();
  });
});
