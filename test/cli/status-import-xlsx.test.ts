import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { runCaptured } from '../support/run-cli.js';

const SCHEDULE = '500plus-federal-2022';

describe('status import of a coordinator\'s own workbook', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-status-xlsx-'));
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), SCHEDULES_DIR: 'schedules', NOW: '2022-06-01T10:00:00+04:00' };
    expect((await runCaptured(['roster', 'import', 'data/demo/roster.csv'], env)).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The exported table as CSV rows: the header, then a row per school. */
  const exported = async (): Promise<string[][]> => {
    const out = join(dir, `export-${Date.now()}.csv`);
    expect((await runCaptured(['status', 'export', '--out', out, '--region', 'RU-SAR', '--schedule', SCHEDULE], env)).code).toBe(0);
    return readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(';'));
  };

  const writeWorkbook = async (name: string, sheets: Record<string, ExcelJS.CellValue[][]>, fill?: (sheet: ExcelJS.Worksheet) => void) => {
    const workbook = new ExcelJS.Workbook();
    for (const [sheetName, rows] of Object.entries(sheets)) {
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRows(rows);
      fill?.(sheet);
    }
    const path = join(dir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  };

  it('reads a cell Excel keeps as a date («28.05» typed in Russian Excel) as done that day, and exports it so again', async () => {
    const [header = [], school = []] = await exported();
    const column = header[5] ?? '';
    expect(school[5]).toBe('');
    const path = await writeWorkbook('dates.xlsx', { Мониторинг: [['Код ОО', column], [school[2] ?? '', null]] }, (sheet) => {
      // what Excel stores for «28.05»: a day number shown through a date format, no text at all
      const cell = sheet.getCell('B2');
      cell.value = new Date(Date.UTC(2022, 4, 28));
      cell.numFmt = 'dd.mm';
    });

    const result = await runCaptured(['status', 'import', path, '--as', 'Соколова Е. В.'], env);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('changed 1 item(s)');
    const store = openStore(env.DATABASE_PATH ?? '');
    const rows = store.sqlite.prepare("select i.status, i.done_on as item, e.done_on as event, e.at from item_statuses i join status_events e on e.item_id = i.id where e.source = 'dates.xlsx' order by e.id").all();
    store.close();
    // the import's own time stays the events' time; the day the table gives is the day it was done
    expect(rows.at(-1)).toMatchObject({ item: '2022-05-28', event: '2022-05-28', at: '2022-06-01T06:00:00.000Z' });
    expect(rows.at(-1)).toMatchObject({ status: expect.stringMatching(/^(done|confirmed)$/) as string });

    const [, again = []] = await exported();
    expect(again[5]).toMatch(/^(выполнено|подтверждено) 28\.05$/);
    const reimport = await runCaptured(['status', 'import', path], env);
    expect(reimport.out).toContain('changed 0 item(s), 1 already as reported');
  });

  it('refuses a workbook whose several sheets hold rows when none is named, listing them, and writes nothing', async () => {
    const [header = [], school = []] = await exported();
    const path = await writeWorkbook('pivot.xlsx', {
      Свод: [['Итого', '12 из 53']],
      Мониторинг: [['Код ОО', header[5] ?? ''], [school[2] ?? '', 'да']],
    });
    const before = readFileSync(env.DATABASE_PATH ?? '');
    const result = await runCaptured(['status', 'import', path], env);
    expect(result.code).toBe(1);
    expect(result.err).toContain('pivot.xlsx: 2 sheets hold rows ("Свод", "Мониторинг") and none was named: give the one to read with --sheet');
    expect(readFileSync(env.DATABASE_PATH ?? '').equals(before)).toBe(true);

    const named = await runCaptured(['status', 'import', path, '--sheet', 'Мониторинг'], env);
    expect(named).toMatchObject({ code: 0, err: '' });
    expect(named.out).toContain('changed 1 item(s)');
  });

  it('reads the one sheet with rows when the workbook\'s other sheets are empty', async () => {
    const [header = [], school = []] = await exported();
    const path = await writeWorkbook('blank-sheets.xlsx', { Лист1: [], Мониторинг: [['Код ОО', header[5] ?? ''], [school[2] ?? '', 'в работе']], Лист3: [] });
    const result = await runCaptured(['status', 'import', path, '--dry-run'], env);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('would change 1 item(s)');
  });
});
