import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { stringMatching } from '../support/matchers.js';
import { runCaptured } from '../support/run-cli.js';

const DEMO = resolve(import.meta.dirname, '../../data/demo/roster.csv');

describe('roadmap-bot roster import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), NOW: '2022-02-01T12:00:00+04:00' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const schoolCount = () => {
    const store = openStore(env.DATABASE_PATH ?? '');
    const row = store.sqlite.prepare('select count(*) as n from schools').get();
    store.close();
    return row;
  };

  it('prints on a dry run what it would add, line by line, and writes nothing', async () => {
    const run = await runCaptured(['roster', 'import', DEMO, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain('roster.csv: 2 regions, 29 municipalities, 59 schools, 130 people');
    expect(run.out).toContain('Dry run, nothing written. Would:');
    expect(run.out).toContain('  add:    2 regions, 29 municipalities, 59 schools, 130 people, 59 curator assignments');
    expect(run.out).toContain('+ region RU-SVE Свердловская область (Asia/Yekaterinburg)');
    expect(schoolCount()).toEqual({ n: 0 });
  });

  it('imports, stamps assignments with NOW, then finds nothing to change on the second run', async () => {
    const first = await runCaptured(['roster', 'import', DEMO], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Imported into .*roadmap\.db in one transaction:\n {2}add: {4}2 regions/);
    const store = openStore(env.DATABASE_PATH ?? '');
    // NOW starts the clock: the import runs a moment after it, in UTC
    expect(store.sqlite.prepare('select distinct since from curator_assignments').all()).toEqual([
      { since: stringMatching(/^2022-02-01T08:00:0\d\.\d{3}Z$/) },
    ]);
    store.close();
    const second = await runCaptured(['roster', 'import', DEMO], env);
    expect(second.out).toContain('The store already matches the file: nothing to change.');
  });

  it('exits 1 listing each problem by file, row and column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'Регион;Муниципалитет;Код ОО;Наименование ОО;Куратор;Муниципальный координатор;Региональный координатор\n' +
        'Сартовская;Балашовский район;s1;СОШ 1;Панова Галина;Гусев Павел;Горбунова Ирина\n',
    );
    const run = await runCaptured(['roster', 'import', bad], env);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Roster bad.csv not imported, 1 problem:');
    expect(run.err).toContain('bad.csv: row 2, column "Регион": unknown region "Сартовская"; did you mean "Саратовская область"');
  });

  it.each([[['roster']], [['roster', 'export']], [['roster', 'import']], [['roster', 'import', 'a.csv', '--force']]])(
    'answers %j with its usage',
    async (argv) => {
      const run = await runCaptured(argv, env);
      expect(run.code).toBe(1);
      expect(run.err).toContain('Usage: roadmap-bot roster import <file.csv|file.xlsx> [--dry-run]');
    },
  );
});
