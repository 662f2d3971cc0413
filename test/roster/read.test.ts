import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RosterError } from '../../src/roster/issues.js';
import { readRosterFile, type RosterSheet } from '../../src/roster/read.js';

const HEADER = 'Регион;Муниципалитет;Код ОО;Наименование ОО;Куратор;Муниципальный координатор;Региональный координатор';
const ROW = 'Саратовская область;Балашовский район;sch640001;МОУ «СОШ № 1»;Панова Галина Павловна;Гусев Павел Михайлович;Горбунова Ирина Павловна';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function issuesOf(path: string): Promise<string[]> {
  const error = await readRosterFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterError);
  return (error as RosterError).issues.map((i) => `${i.row ?? '-'}|${i.column ?? '-'}|${i.message}`);
}

const values = (sheet: RosterSheet, row = 0) => {
  const r = sheet.rows[row];
  return r && { row: r.row, region: r.get('region'), code: r.get('schoolCode'), name: r.get('schoolName'), curator: r.get('curator') };
};

describe('readRosterFile', () => {
  it('reads a Windows-1251 CSV as Russian Excel saves it', async () => {
    const sheet = await readRosterFile(file('cp1251.csv', iconv.encode(`${HEADER}\r\n${ROW}\r\n`, 'win1251')));
    expect(values(sheet)).toEqual({ row: 2, region: 'Саратовская область', code: 'sch640001', name: 'МОУ «СОШ № 1»', curator: 'Панова Галина Павловна' });
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const sheet = await readRosterFile(file('bom.csv', Buffer.concat([bom, Buffer.from(`${HEADER}\n${ROW}\n`)])));
    expect(sheet.columns.header.get('region')).toBe('Регион');
    expect(values(sheet)?.curator).toBe('Панова Галина Павловна');
  });

  it('detects comma separators and keeps quoted commas, quotes and line breaks in a cell', async () => {
    const text = [
      'Region,Municipality,School code,School name,Curator,Municipal coordinator,Regional coordinator',
      'RU-SAR,Балашовский район,sch640001,"МОУ ""СОШ № 1"", с. Ивановка",Панова Галина Павловна,Гусев Павел Михайлович,Горбунова Ирина Павловна',
      '"Саратовская',
      'область",Балашовский район,sch640002,МОУ СОШ № 2,Панова Галина Павловна,Гусев Павел Михайлович,Горбунова Ирина Павловна',
    ].join('\n');
    const sheet = await readRosterFile(file('comma.csv', text));
    expect(values(sheet)?.name).toBe('МОУ "СОШ № 1", с. Ивановка');
    // a quoted multi-line cell is one spreadsheet row; the line break reads as a space
    expect(values(sheet, 1)).toMatchObject({ row: 3, region: 'Саратовская область' });
  });

  it('numbers rows as the spreadsheet does, counting blank rows and a blank line above the header', async () => {
    const sheet = await readRosterFile(file('blank.csv', `\n${HEADER}\n${ROW}\n;;;;;;\n${ROW.replace('sch640001', 'sch640002')}\n`));
    expect(sheet.rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it('accepts headers in any case and spacing, with synonyms and ignored "№" and note columns', async () => {
    const header = '№ п/п;РЕГИОН;Муниципальное  образование;код оо;Наименование общеобразовательной организации;Ответственный ОО;ФИО куратора;Эл. почта куратора;Тел. куратора;муниципальный координатор;Региональный координатор;Часовой пояс;Примечание';
    const row = '1;Саратовская;Балашовский район;sch640001;МОУ СОШ № 1;Иванова Анна;Панова Галина;g@example.ru;+7 900 000-00-01;Гусев Павел;Горбунова Ирина;Europe/Samara;новая';
    const sheet = await readRosterFile(file('synonyms.csv', `${header}\n${row}\n`));
    const r = sheet.rows[0];
    expect(r && [r.get('schoolContact'), r.get('curatorEmail'), r.get('curatorPhone'), r.get('timeZone')]).toEqual([
      'Иванова Анна',
      'g@example.ru',
      '+7 900 000-00-01',
      'Europe/Samara',
    ]);
    expect(sheet.columns.header.get('curatorEmail')).toBe('Эл. почта куратора');
  });

  it('reads the first sheet of an xlsx: numeric codes, hyperlinks, merged cells, row numbers as shown', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Школы');
    ws.addRow(HEADER.split(';').concat('E-mail куратора'));
    ws.addRow(['Саратовская область', 'Балашовский район', 640001, 'МОУ СОШ № 1', 'Панова Галина', 'Гусев Павел', 'Горбунова Ирина', { text: 'g@example.ru', hyperlink: 'mailto:g@example.ru' }]);
    ws.addRow([]);
    ws.addRow(['Саратовская область', 'Балашовский район', 640002, 'МОУ СОШ № 2', 'Панова Галина', 'Гусев Павел', null, null]);
    ws.mergeCells('G2:G4');
    const path = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(path);

    const sheet = await readRosterFile(path);
    expect(sheet.rows.map((r) => [r.row, r.get('schoolCode'), r.get('regionalCoordinator'), r.get('curatorEmail')])).toEqual([
      [2, '640001', 'Горбунова Ирина', 'g@example.ru'],
      [4, '640002', 'Горбунова Ирина', ''],
    ]);
  });

  it('rejects unknown, duplicate and missing columns, listing the expected headers', async () => {
    const header = 'Регион;Муниципалитет;Код ОО;Код школы;Наименование ОО;Куратор;Телефон курартора;Региональный координатор';
    const issues = await issuesOf(file('bad-header.csv', `${header}\n${ROW}\n`));
    expect(issues).toEqual([
      '1|Код школы|the same column as "Код ОО"',
      expect.stringMatching(/^1\|-\|unknown column "Телефон курартора"; expected "Регион", "Муниципалитет", .*"Телефон куратора"/),
      '1|-|missing column "Муниципальный координатор" (or "Municipal coordinator")',
    ]);
  });

  it('rejects values under a blank header', async () => {
    expect(await issuesOf(file('no-header.csv', `${HEADER};\n${ROW};лишнее\n`))).toEqual(['1|-|column 8 has values but no header']);
  });

  it('says what it expected of an empty file, an unreadable workbook, an .xls and a missing file', async () => {
    expect(await issuesOf(file('empty.csv', '\n\n'))).toEqual([expect.stringContaining('the file is empty')]);
    expect(await issuesOf(file('broken.xlsx', 'not a zip'))).toEqual([expect.stringContaining('as an .xlsx workbook')]);
    expect(await issuesOf(file('old.xls', 'x'))).toEqual(['-|-|the old binary .xls is not supported; expected an .xlsx or .csv file']);
    expect(await issuesOf(join(dir, 'absent.csv'))).toEqual([expect.stringContaining('cannot read')]);
  });
});
