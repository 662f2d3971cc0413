import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { applyTransition, getStatus, loadStatuses, loadStatusEvents } from '../../src/db/statuses.js';
import type { Schedule } from '../../src/schedule/types.js';
import { importStatuses, readStatusFile, StatusImportError, statusTable } from '../../src/tabular/status-import.js';
import { type RosterFixture, seedRoster } from '../db/roster-fixture.js';
import { statusTestSchedule } from '../db/status-schedule-fixture.js';
import { stringContaining } from '../support/matchers.js';

const now = DateTime.fromISO('2022-03-15T12:00:00Z');
const HEADER = 'schedule;occurrence;subject type;subject;status;planned date;comment;region';

describe('importStatuses', () => {
  let store: Store;
  let f: RosterFixture;
  let schedule: Schedule;
  const run = (lines: string[], dryRun = false) =>
    importStatuses(store, statusTable('statuses.csv', lines.join('\n')), { schedules: [schedule], now, dryRun });
  const issuesOf = (lines: string[]) => {
    try {
      run(lines);
    } catch (error) {
      if (error instanceof StatusImportError) return error.issues;
      throw error;
    }
    throw new Error('expected a StatusImportError');
  };
  const dump = () =>
    JSON.stringify([
      store.sqlite.prepare('select * from item_statuses order by id').all(),
      store.sqlite.prepare('select * from status_events order by id').all(),
    ]);
  const school = (id: number) => ({ type: 'school' as const, id });

  beforeEach(() => {
    store = openStore(':memory:');
    f = seedRoster(store);
    schedule = statusTestSchedule();
  });
  afterEach(() => store.close());

  const GOOD = [
    HEADER,
    'test-2022;concept-docs;school;640001;confirmed;;;RU-SAR',
    'test-2022;first-visit;school;640002;done;28.02.2022;;',
    'test-2022;concept-docs;school;640101;in_progress;2022-03-25;;Саратовская область',
    'test-2022;curator-contracts;curator;иванова  мария сергеевна;done;;;',
    'test-2022;municipal-roadmaps;municipality;Балаковский район;not_applicable;;район вышел из проекта;',
    'test-2022;vks-weekly@2022-02-08;region;RU-SAR;done;;;',
  ];

  it('brings each item to its reported status through the state machine as import events', () => {
    const result = run(GOOD);
    expect(result).toMatchObject({ rows: 6, unchanged: 0 });
    expect(result.changes.map((c) => [c.row, c.from, c.path])).toEqual([
      [2, 'pending', ['submitted', 'confirmed']],
      [3, 'pending', ['done']],
      [4, 'pending', ['in_progress']],
      [5, 'pending', ['done']],
      [6, 'pending', ['not_applicable']],
      [7, 'pending', ['done']],
    ]);
    const ref = { scheduleId: 'test-2022', occurrenceKey: 'concept-docs', subject: school(f.school.b1) };
    expect(loadStatusEvents(store, ref).map((e) => [e.from, e.to, e.via, e.actorId])).toEqual([
      ['pending', 'submitted', 'import', null],
      ['submitted', 'confirmed', 'import', null],
    ]);
    expect(getStatus(store, { scheduleId: 'test-2022', occurrenceKey: 'first-visit', subject: school(f.school.b2) })).toMatchObject({
      status: 'done',
      plannedDate: '2022-02-28',
    });
    expect(getStatus(store, { scheduleId: 'test-2022', occurrenceKey: 'curator-contracts', subject: { type: 'curator', id: f.person.curatorIvanova } })?.status).toBe('done');
    expect(getStatus(store, { scheduleId: 'test-2022', occurrenceKey: 'municipal-roadmaps', subject: { type: 'municipality', id: f.municipality.balakovo } })).toMatchObject({
      status: 'not_applicable',
      comment: 'район вышел из проекта',
    });
    expect(getStatus(store, { scheduleId: 'test-2022', occurrenceKey: 'vks-weekly@2022-02-08', subject: { type: 'region', id: f.region.saratov } })?.status).toBe('done');
  });

  it('reads the same statuses from Windows-1251 CSV and from an xlsx workbook, through the roster\'s reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-files-'));
    try {
      const csv = join(dir, 'statuses.csv');
      writeFileSync(csv, iconv.encode([HEADER, ...GOOD.slice(1)].join('\r\n'), 'win1251'));
      const xlsx = join(dir, 'statuses.xlsx');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Статусы');
      for (const line of [HEADER, ...GOOD.slice(1)]) sheet.addRow(line.split(';'));
      await workbook.xlsx.writeFile(xlsx);

      const fromCsv = importStatuses(store, await readStatusFile(csv), { schedules: [schedule], now, dryRun: true });
      const fromXlsx = importStatuses(store, await readStatusFile(xlsx), { schedules: [schedule], now, dryRun: true });
      expect(fromCsv.changes).toHaveLength(6);
      expect(fromXlsx.changes).toEqual(fromCsv.changes);
      expect(run(GOOD).changes).toEqual(fromCsv.changes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing when the same file is imported again', () => {
    run(GOOD);
    const before = dump();
    const again = run(GOOD);
    expect(again).toMatchObject({ rows: 6, unchanged: 6, changes: [] });
    expect(dump()).toBe(before);
  });

  it('moves an item on from where people left it', () => {
    const ref = { scheduleId: 'test-2022', occurrenceKey: 'concept-docs', subject: school(f.school.b2) };
    applyTransition(store, { ...ref, to: 'submitted', actorId: f.person.repB2, capacities: ['assignee'], via: 'button', requiresConfirmation: true }, now);
    applyTransition(
      store,
      { ...ref, to: 'returned', actorId: f.person.curatorIvanova, capacities: ['confirmer'], via: 'button', comment: 'нет подписи', requiresConfirmation: true },
      now,
    );
    const result = run([HEADER, 'test-2022;concept-docs;school;640002;confirmed;;;RU-SAR']);
    expect(result.changes[0]?.path).toEqual(['submitted', 'confirmed']);
    expect(loadStatusEvents(store, ref).map((e) => e.to)).toEqual(['submitted', 'returned', 'submitted', 'confirmed']);
  });

  it('lists every bad row with its row and column and writes nothing', () => {
    run([HEADER, 'test-2022;concept-docs;school;640002;confirmed;;;RU-SAR']);
    const before = dump();
    const issues = issuesOf([
      HEADER,
      'test-2022;concept-docs;school;640101;in_progress;;;RU-SAR',
      'other-2022;concept-docs;school;640101;done;;;',
      'test-2022;no-such;school;640101;done;;;',
      'test-2022;concept-docs;municipality;Балаковский район;submitted;;;',
      'test-2022;concept-docs;school;640101;finished;31.02.2022;;RU-SAR',
      'test-2022;concept-docs;school;640001;submitted;;;',
      'test-2022;concept-docs;school;999999;submitted;;;RU-SAR',
      'test-2022;concept-docs;school;640001;returned;;;RU-SAR',
      'test-2022;first-visit;school;640001;confirmed;;;RU-SAR',
      'test-2022;concept-docs;school;640002;submitted;;;RU-SAR',
      'test-2022;concept-docs;school;640101;done;;;RU-SAR',
      'test-2022;curator-contracts;curator;Сидоров;done;;;RU-TVE',
      ';;;;;;забыли заполнить;',
      // a row of separators only is a blank row, as in the roster: skipped, not reported
      ';;;;;;;',
    ]);
    expect(issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'schedule', expect.stringContaining('no schedule "other-2022"; known: test-2022')],
      [4, 'occurrence', expect.stringContaining('has no occurrence "no-such"')],
      [5, 'subject type', 'milestone "concept-docs" is tracked per school, not per municipality'],
      [6, 'status', expect.stringContaining('"finished": expected pending, in_progress')],
      [6, 'planned date', '"31.02.2022": expected a date DD.MM.YYYY or YYYY-MM-DD'],
      [7, 'subject', expect.stringContaining('2 matches for school with code "640001" in different regions')],
      [8, 'subject', 'no school with code "999999" in that region on the roster'],
      [9, 'comment', 'returned needs a comment (the reason)'],
      [10, 'status', 'cannot go from pending to confirmed (a milestone without confirm_by)'],
      [12, undefined, 'the same item as row 2, with a different status, date or comment'],
      [13, 'region', 'no region "RU-TVE" on the roster'],
      [14, 'schedule', 'empty; a value is required'],
      [14, 'occurrence', 'empty; a value is required'],
      [14, 'subject type', 'empty; a value is required'],
      [14, 'subject', 'empty; a value is required'],
      [14, 'status', 'empty; a value is required'],
    ]);
    expect(dump()).toBe(before);
  });

  it('lists a move backwards without applying it, and applies it as one reopening event with allowReopen', () => {
    run([HEADER, 'test-2022;concept-docs;school;640002;confirmed;;;RU-SAR', 'test-2022;first-visit;school;640002;done;;;RU-SAR']);
    const before = dump();
    const lines = [HEADER, 'test-2022;concept-docs;school;640002;in_progress;;;RU-SAR', 'test-2022;first-visit;school;640101;done;;;RU-SAR'];
    const listed = run(lines);
    expect(listed.backwards.map((b) => [b.row, b.from, b.to])).toEqual([[2, 'confirmed', 'in_progress']]);
    expect(listed.changes.map((c) => c.row)).toEqual([3]);
    expect(store.sqlite.prepare("select status from item_statuses where occurrence_key = 'concept-docs'").pluck().get()).toBe('confirmed');
    expect(dump()).not.toBe(before);

    const source = { file: 'statuses.csv', actor: 'ivanova' };
    const reopened = importStatuses(store, statusTable('statuses.csv', lines.join('\n')), { schedules: [schedule], now, dryRun: false, allowReopen: true, source });
    expect(reopened.backwards).toEqual([]);
    const ref = { scheduleId: 'test-2022', occurrenceKey: 'concept-docs', subject: school(f.school.b2) };
    expect(loadStatusEvents(store, ref).map((e) => [e.from, e.to, e.source])).toEqual([
      ['pending', 'submitted', null],
      ['submitted', 'confirmed', null],
      ['confirmed', 'in_progress', source],
    ]);
    expect(getStatus(store, ref)).toMatchObject({ status: 'in_progress', updatedSource: source });
  });

  it('refuses a file with only a header', () => {
    expect(issuesOf([HEADER])).toEqual([{ row: 1, message: stringContaining('only a header') }]);
  });

  it('reports unknown and missing columns in the header', () => {
    expect(issuesOf(['schedule;occurrence;subject;state', 'test-2022;concept-docs;640001;done'])).toEqual([
      { row: 1, column: 'state', message: stringContaining('unknown column') },
      { row: 1, message: 'missing column(s): subject type, status' },
    ]);
  });

  it('reads a comma-separated file with a BOM, Russian headers and only a new planned date', () => {
    run([HEADER, 'test-2022;concept-docs;school;640101;in_progress;2022-03-25;;RU-SAR']);
    const result = run([
      '\uFEFFГрафик,Мероприятие,Тип субъекта,Субъект,Статус,Плановая дата,Комментарий,Регион',
      'test-2022,concept-docs,school,640101,in_progress,"01.04.2022","срок сдвинут, ждём директора",RU-SAR',
    ]);
    expect(result.changes.map((c) => [c.path, c.plannedDate])).toEqual([[[], '2022-04-01']]);
    const ref = { scheduleId: 'test-2022', occurrenceKey: 'concept-docs', subject: school(f.school.e1) };
    expect(getStatus(store, ref)).toMatchObject({ status: 'in_progress', plannedDate: '2022-04-01', version: 2 });
  });

  it('writes nothing on a dry run but says what it would do', () => {
    const result = run(GOOD, true);
    expect(result.changes).toHaveLength(6);
    expect(loadStatuses(store)).toEqual([]);
  });
});
