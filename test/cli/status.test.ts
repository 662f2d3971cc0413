import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { loadStatuses } from '../../src/db/statuses.js';
import { seedRoster } from '../db/roster-fixture.js';
import { STATUS_TEST_SCHEDULE_YAML } from '../db/status-schedule-fixture.js';
import { runCaptured } from '../support/run-cli.js';

describe('roadmap-bot status import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const csv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-status-'));
    mkdirSync(join(dir, 'schedules'));
    writeFileSync(join(dir, 'schedules', 'test-2022.yaml'), STATUS_TEST_SCHEDULE_YAML);
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), SCHEDULES_DIR: join(dir, 'schedules'), NOW: '2022-03-15T12:00:00+04:00' };
    const store = openStore(env.DATABASE_PATH ?? '');
    seedRoster(store);
    store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const good = () =>
    csv('statuses.csv', ['schedule;occurrence;subject type;subject;status;region', 'test-2022;concept-docs;school;640002;confirmed;RU-SAR']);

  it('previews with --dry-run, imports, and then finds nothing left to do', async () => {
    const file = good();
    const dry = await runCaptured(['status', 'import', file, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('row 2: test-2022/concept-docs/school-2 (640002): pending → submitted → confirmed');
    expect(dry.out).toContain('would change 1 item(s), 0 already as reported. Dry run: nothing written.');

    const real = await runCaptured(['status', 'import', file], env);
    expect(real.out).toContain('changed 1 item(s)');
    const again = await runCaptured(['status', 'import', file], env);
    expect(again.out).toContain('1 item row(s); changed 0 item(s), 1 already as reported.');

    const store = openStore(env.DATABASE_PATH ?? '');
    // NOW starts the clock, which then runs on: the import happened seconds after 08:00 UTC at most
    expect(loadStatuses(store).map((s) => [s.occurrenceKey, s.status, s.updatedAt.slice(0, 16)])).toEqual([
      ['concept-docs', 'confirmed', '2022-03-15T08:00'],
    ]);
    store.close();
  });

  it('exits 1 listing the problems with file, row and column', async () => {
    const file = csv('bad.csv', ['schedule;occurrence;subject type;subject;status', 'test-2022;concept-docs;school;640002;done']);
    const result = await runCaptured(['status', 'import', file], env);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Statuses bad.csv not imported, 1 problem:');
    expect(result.err).toContain('bad.csv: row 2, column "status": cannot go from pending to done (a milestone with confirm_by)');
  });

  it('needs the import subcommand and one file', async () => {
    expect((await runCaptured(['status'], env)).err).toMatch(/Usage: roadmap-bot status import/);
    expect((await runCaptured(['status', 'import', 'a.csv', 'b.csv'], env)).code).toBe(1);
  });
});

describe('the README status example', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-status-readme-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports against the demo roster and the real schedules as the README says', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Statuses[\s\S]*?```csv\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const file = join(dir, 'statuses.csv');
    writeFileSync(file, example);
    const env = { DATABASE_PATH: join(dir, 'roadmap.db'), SCHEDULES_DIR: 'schedules', NOW: '2022-05-30T10:00:00+04:00' };
    expect((await runCaptured(['roster', 'import', 'data/demo/roster.csv'], env)).code).toBe(0);

    const result = await runCaptured(['status', 'import', file, '--dry-run'], env);
    expect(result.err).toBe('');
    expect(result.out.split('\n')).toEqual([
      '500plus-federal-2022/stage-1-monitoring: 1 → in_progress, 1 → confirmed',
      expect.stringMatching(/^ {2}row 2: 500plus-federal-2022\/stage-1-monitoring\/school-\d+ \(sch640001\): pending → in_progress$/),
      expect.stringMatching(/^ {2}row 3: 500plus-federal-2022\/stage-1-monitoring\/school-\d+ \(sch640002\): pending → submitted → confirmed$/),
      'statuses.csv: 2 item row(s); would change 2 item(s), 0 already as reported. Dry run: nothing written.',
    ]);
  });
});
