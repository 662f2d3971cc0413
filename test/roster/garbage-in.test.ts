import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { importRoster } from '../../src/roster/import.js';
import { databaseFingerprint, NOW, refusedIssues } from './refused-import.js';

const DEMO = resolve(import.meta.dirname, '../../data/demo/roster.csv');
const HEADER = 'Регион;Муниципалитет;Код ОО;Наименование ОО;Куратор;Телефон куратора;Муниципальный координатор;Региональный координатор';
const row = (code: string, name: string, curator = 'Панова Галина', phone = '') =>
  `Саратовская область;Балашовский район;${code};${name};${curator};${phone};Гусев Павел;Горбунова Ирина`;

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-garbage-'));
  store = openStore(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const issuesOf = (path: string, target: Store = store) => refusedIssues(target, path);

describe('importRoster on cells that are not data', () => {
  it('refuses broken school codes, each with its row and column', async () => {
    const rows = [row('s1\u0000', 'СОШ 1'), row('#REF!', 'СОШ 2'), row('30.03.2022', 'СОШ 3'), row('s4\u00ad', 'СОШ 4'), row('x'.repeat(33), 'СОШ 5'), row('s6', 'СОШ 6')];
    expect(await issuesOf(write('codes.csv', [HEADER, ...rows].join('\n')))).toEqual([
      '2|Код ОО|"s1\\u0000" holds the invisible character U+0000: retype the value',
      '3|Код ОО|"#REF!" is an Excel error value, not data: the formula in the cell failed; type the value itself',
      '4|Код ОО|"30.03.2022" is a date: Excel turned what was typed into one; format the column as text and type the code again',
      '5|Код ОО|"s4\u00ad" holds the invisible character U+00AD: retype the value',
      `6|Код ОО|"${'x'.repeat(33)}" is longer than 32 characters: expected a school code`,
    ]);
  });

  it('refuses names that look like formulas, error values and control characters in any column', async () => {
    const rows = [
      row('s1', '=HYPERLINK("http://x.example/","СОШ 1")'),
      row('s2', 'СОШ 2', "+7-1+cmd|' /C calc'!A0"),
      row('s3', '@SUM(1+1)*cmd|A0'),
      row('s4', '-2+3+cmd|A0'),
      row('s5', 'СОШ 5', 'Панова Галина', '#N/A'),
      row('s6', 'СОШ 6', 'Панова Галина', "+7-1+cmd|' /C calc'!A0"),
      row('s7', 'СОШ\u00077'),
      row('s8', '2022-03-30'),
      row('s9', '- СОШ 9 -'),
    ];
    expect(await issuesOf(write('names.csv', [HEADER, ...rows].join('\n')))).toEqual([
      '2|Наименование ОО|"=HYPERLINK("http://x.example/","СОШ 1")" looks like a spreadsheet formula: expected a name',
      `3|Куратор|"+7-1+cmd|' /C calc'!A0" looks like a spreadsheet formula: expected a name`,
      '4|Наименование ОО|"@SUM(1+1)*cmd|A0" looks like a spreadsheet formula: expected a name',
      '5|Наименование ОО|"-2+3+cmd|A0" looks like a spreadsheet formula: expected a name',
      '6|Телефон куратора|"#N/A" is an Excel error value, not data: the formula in the cell failed; type the value itself',
      `7|Телефон куратора|"+7-1+cmd|' /C calc'!A0" is not a phone number`,
      '8|Наименование ОО|"СОШ\\u00077" holds the invisible character U+0007: retype the value',
      '9|Наименование ОО|"2022-03-30" is a date: Excel turned what was typed into one; format the column as text and type the name again',
    ]);
  });

  it('refuses a 10,000- and a 25-million-character cell, quoting 80 characters of each', async () => {
    const rows = [row('s1', 'Я'.repeat(10_000)), row('s2', 'СОШ 2', 'Ж'.repeat(25_000_000))];
    const issues = await issuesOf(write('long.csv', [HEADER, ...rows].join('\n')));
    expect(issues).toEqual([
      `2|Наименование ОО|"${'Я'.repeat(80)}…" (10000 characters) is longer than 300 characters: expected one value`,
      `3|Куратор|"${'Ж'.repeat(80)}…" (25000000 characters) is longer than 300 characters: expected one value`,
    ]);
  });

  it('refuses an error value and a date typed into the code column of an xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Roster');
    ws.addRow(['Регион', 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Куратор', 'Муниципальный координатор', 'Региональный координатор']);
    ws.addRow(['RU-SAR', 'Балашовский район', { formula: 'Z1', result: { error: '#REF!' } }, 'СОШ 1', 'Панова Галина', 'Гусев Павел', 'Горбунова Ирина']);
    ws.addRow(['RU-SAR', 'Балашовский район', new Date(Date.UTC(2022, 2, 30)), 'СОШ 2', 'Панова Галина', 'Гусев Павел', 'Горбунова Ирина']);
    ws.addRow(['RU-SAR', 'Балашовский район', { error: '#N/A' }, 'СОШ 3', 'Панова Галина', 'Гусев Павел', 'Горбунова Ирина']);
    const path = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await issuesOf(path)).toEqual([
      '2|Код ОО|"#ERROR!" is an Excel error value, not data: the formula in the cell failed; type the value itself',
      '3|Код ОО|"30.03.2022" is a date: Excel turned what was typed into one; format the column as text and type the code again',
      '4|Код ОО|"#N/A" is an Excel error value, not data: the formula in the cell failed; type the value itself',
    ]);
  });

  it.each([
    ['a NUL byte', 'sch640001\u0000'],
    ['#REF!', '#REF!'],
  ])('never deactivates the real school for %s in its code: the database stays byte for byte the same', async (_, code) => {
    const path = join(dir, 'roadmap.db');
    const fileStore = openStore(path);
    await importRoster(fileStore.db, DEMO, { now: NOW });
    const snapshot = () => databaseFingerprint(fileStore, path);
    const before = snapshot();
    const broken = readFileSync(DEMO, 'utf8').replace(';sch640001;', `;${code};`);
    expect(await issuesOf(write('broken.csv', broken), fileStore)).toEqual([expect.stringMatching(/^2\|Код ОО\|/)]);
    expect(snapshot()).toEqual(before);
    expect(fileStore.sqlite.prepare("select active from schools where code = 'sch640001'").get()).toEqual({ active: 1 });
    fileStore.close();
  });
});
