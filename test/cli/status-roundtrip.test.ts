import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { runCaptured } from '../support/run-cli.js';

const dump = (path: string) => {
  const store = openStore(path);
  try {
    return JSON.stringify([
      store.sqlite.prepare('select * from item_statuses order by id').all(),
      store.sqlite.prepare('select * from status_events order by id').all(),
    ]);
  } finally {
    store.close();
  }
};

describe('status export and import round trip', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-status-trip-'));
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), SCHEDULES_DIR: 'schedules', NOW: '2022-05-30T10:00:00+04:00' };
    expect((await runCaptured(['roster', 'import', 'data/demo/roster.csv'], env)).code).toBe(0);
    expect((await runCaptured(['status', 'import', 'data/demo/statuses.csv', '--as', 'demo'], env)).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const exportTo = async (name: string, ...args: string[]) => {
    const out = join(dir, name);
    const result = await runCaptured(['status', 'export', '--out', out, '--region', 'RU-SAR', '--schedule', '500plus-saratov-2022', ...args], env);
    expect(result).toMatchObject({ code: 0, err: expect.stringMatching(/school\(s\) × \d+ item\(s\)/) as string });
    return out;
  };

  it('imports exactly the ten cells changed in Excel, and nothing when imported again', async () => {
    const path = await exportTo('monitoring.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 5)).toEqual(['Регион', 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Куратор']);
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Итого');
    expect(last.getCell(6).text).toMatch(/^\d+ из \d+ \(\d+ %\)$/);

    // ten empty (not started) cells of different schools and items, each given other words
    const words = ['да', 'в работе', 'обещают 15.06', '+', 'не требуется: школа реорганизована', 'выполнено 28.05', 'в работе до 20.06', 'да', '+', 'в работе'];
    const edited: string[] = [];
    for (let r = 2; r < sheet.rowCount && edited.length < words.length; r += 3) {
      for (let c = 6 + (r % 7); c <= header.length && edited.length < words.length; c += 1) {
        const cell = sheet.getRow(r).getCell(c);
        if (cell.text !== '') continue;
        cell.value = words[edited.length] ?? '';
        edited.push(`${r}/${header[c - 1]}`);
        break;
      }
    }
    expect(edited).toHaveLength(10);
    await workbook.xlsx.writeFile(path);

    const dry = await runCaptured(['status', 'import', path, '--dry-run'], env);
    expect(dry.out).toContain('would change 10 item(s)');
    const real = await runCaptured(['status', 'import', path, '--as', 'Соколова Е. В.'], env);
    expect(real.code).toBe(0);
    const changed = [...real.out.matchAll(/^ {2}row (\d+): .*$/gm)].map((m) => m[1]);
    expect(changed).toHaveLength(10);
    expect(real.out).toContain('changed 10 item(s)');
    const store = openStore(env.DATABASE_PATH ?? '');
    const sources = store.sqlite.prepare("select distinct source, actor_name from status_events where source = 'monitoring.xlsx'").all();
    store.close();
    expect(sources).toEqual([{ source: 'monitoring.xlsx', actor_name: 'Соколова Е. В.' }]);
    expect(new Set(changed)).toEqual(new Set(edited.map((e) => e.split('/')[0])));

    const before = dump(env.DATABASE_PATH ?? '');
    const again = await runCaptured(['status', 'import', path], env);
    expect(again.out).toContain('changed 0 item(s)');
    expect(dump(env.DATABASE_PATH ?? '')).toBe(before);
  });

  it('reads its own CSV back as it is: every exported word is one the import knows', async () => {
    const path = await exportTo('monitoring.csv');
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\uFEFFРегион;Муниципалитет;Код ОО;Наименование ОО;Куратор;/);
    const before = dump(env.DATABASE_PATH ?? '');
    const result = await runCaptured(['status', 'import', path], env);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/53 school row\(s\); changed 0 item\(s\), [1-9]\d* already as reported/);
    expect(dump(env.DATABASE_PATH ?? '')).toBe(before);
  });

  it('refuses bad files with a located error and leaves the database byte for byte as it was', async () => {
    const before = readFileSync(env.DATABASE_PATH ?? '');
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: [string, RegExp][] = [
      [write('empty.csv', ''), /the file is empty/],
      [write('header.csv', 'Код ОО;Наименование ОО;4.2 Концептуальные документы\r\n'), /row 1: only a header/],
      [write('twice.csv', 'Код ОО;1.4;п. 1.4\r\nsch640001;да;да\r\n'), /column "п. 1.4": the same item as column "1.4"/],
      [write('school-twice.csv', 'Код ОО;1.4\r\nsch640001;да\r\nsch640001;нет\r\n'), /row 3: the same school as row 2/],
      [write('long-cell.csv', `Код ОО;1.4\r\nsch640001;${'ы'.repeat(10_000)}\r\n`), /row 2, column "1\.4": "ы{60}…": expected a status word/],
      [write('unknown.csv', 'Код ОО;Наименование ОО;Что-то ещё\r\nsch640001;x;да\r\n'), /column "Что-то ещё": matches no tracked item/],
      [write('no-school.csv', 'Наименование ОО;1.4\r\nСОШ № 999 г. Нигде;да\r\n'), /row 2, column "Наименование ОО": no school named "СОШ № 999 г. Нигде"/],
    ];
    // Office keeps an encrypted .xlsx in an OLE compound file
    const secret = join(dir, 'secret.xlsx');
    writeFileSync(secret, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    cases.push([secret, /secret\.xlsx: cannot read .* as an \.xlsx workbook/]);
    for (const [path, message] of cases) {
      const result = await runCaptured(['status', 'import', path, '--schedules', 'schedules'], env);
      expect({ path, code: result.code }).toEqual({ path, code: 1 });
      expect(result.err).toMatch(message);
    }
    const sheets = new ExcelJS.Workbook();
    sheets.addWorksheet('Сводка').addRow(['Итого']);
    sheets.addWorksheet('Мониторинг').addRows([['Код ОО', '1.4'], ['sch640001', 'да']]);
    const several = join(dir, 'several.xlsx');
    await sheets.xlsx.writeFile(several);
    const wrongSheet = await runCaptured(['status', 'import', several, '--sheet', 'Лист1'], env);
    expect(wrongSheet.code).toBe(1);
    expect(wrongSheet.err).toContain('several.xlsx: no sheet "Лист1" in the workbook; its sheets: "Сводка", "Мониторинг"');
    expect(readFileSync(env.DATABASE_PATH ?? '').equals(before)).toBe(true);
  });

  it('reads the named sheet, and a formula cell by the value Excel last computed, never evaluating it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Сводка').addRow(['Итого']);
    const sheet = workbook.addWorksheet('Мониторинг');
    sheet.addRow(['Код ОО', '1.4', '4.2']);
    sheet.addRow(['sch640001', { formula: 'IF(TRUE,"да","нет")', result: 'да' }, { formula: 'HYPERLINK("http://x.example/","в работе")', result: 'в работе' }]);
    const path = join(dir, 'formulas.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await runCaptured(['status', 'import', path, '--sheet', 'Мониторинг', '--dry-run'], env);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/^1\.4: 1 → done$/m);
    expect(result.out).toMatch(/^4\.2: 1 → in_progress$/m);
  });
});
