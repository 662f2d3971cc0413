import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validSchedule } from '../fixtures/schedule-yaml.js';
import { type CliRun, runCaptured } from '../support/run-cli.js';

function run(...argv: string[]): Promise<CliRun> {
  return runCaptured(['schedule', ...argv], { SCHEDULES_DIR: 'schedules' });
}

/** Every 7th day from `first` to `last`, as the table prints dates. */
function weekly(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromFormat(first, 'dd.MM.yyyy'); d <= DateTime.fromFormat(last, 'dd.MM.yyyy'); d = d.plus({ weeks: 1 })) {
    dates.push(d.toFormat('dd.MM.yyyy'));
  }
  return dates;
}

function rowsOf(table: string, milestoneId: string): string[] {
  return table.split('\n').filter((line) => line.split(/\s{2,}/)[1] === milestoneId);
}

describe('roadmap-bot schedule show', () => {
  it('lists the 39 weekly ВКС of the Saratov roadmap: 22 Tuesdays in spring, 17 in autumn', async () => {
    const { code, out } = await run('show', 'schedules/500plus-saratov-2022.yaml');
    expect(code).toBe(0);
    const dates = rowsOf(out, 'vks-weekly').map((line) => line.slice(0, 10));
    const spring = weekly('08.02.2022', '05.07.2022');
    const autumn = weekly('30.08.2022', '20.12.2022');
    expect([spring.length, autumn.length]).toEqual([22, 17]);
    expect(dates).toEqual([...spring, ...autumn]);
    expect(rowsOf(out, 'vks-weekly')[0]).toMatch(/^08\.02\.2022\s+vks-weekly\s+Участие в еженедельных совещаниях.*\s{2}region\s+regional\s+-$/);
  });

  it('lists both curator payments of the federal roadmap with their dates', async () => {
    const { code, out } = await run('show', 'schedules/500plus-federal-2022.yaml');
    expect(code).toBe(0);
    expect(rowsOf(out, 'curator-payment-1')).toEqual([expect.stringMatching(/^11\.06\.2022\s+curator-payment-1\s+Первая оплата кураторам\s+curator\s+curator\s+-$/)]);
    expect(rowsOf(out, 'curator-payment-final')).toEqual([expect.stringMatching(/^01\.11\.2022\s+curator-payment-final\s+Финальная оплата кураторам\s+curator\s+curator\s+-$/)]);
  });

  it('shows windows, confirmations and only what meets --from/--to', async () => {
    const { code, out } = await run('show', 'schedules/500plus-federal-2022.yaml', '--from', '30.03.2022', '--to', '2022-03-30', '--zone', 'Asia/Yekaterinburg');
    expect(code).toBe(0);
    expect(out).toContain('between 30.03.2022 and 30.03.2022, times in Asia/Yekaterinburg');
    expect(rowsOf(out, 'concept-docs-posted')).toEqual([expect.stringMatching(/^30\.03\.2022\s+concept-docs-posted\s.*\s{2}school\s+school\s+curator$/)]);
    expect(rowsOf(out, 'concept-docs-drafting')).toEqual([expect.stringMatching(/^14\.02\.2022 – 30\.03\.2022\s+concept-docs-drafting\s/)]);
    expect(rowsOf(out, 'vks-cycle-1')).toHaveLength(1);
    expect(rowsOf(out, 'curator-payment-1')).toEqual([]);
  });

  it('rejects a date that does not exist as a usage error', async () => {
    const { code, err } = await run('show', 'schedules/500plus-federal-2022.yaml', '--from', '31.02.2022');
    expect(code).toBe(1);
    expect(err).toBe('--from: "31.02.2022" is not a date (February 2022 has 28 days)');
  });
});

describe('roadmap-bot schedule check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schedule-check-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes both 500+ schedules with a summary per file', async () => {
    const { code, out, err } = await run('check');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^schedules\/500plus-federal-2022\.yaml: 500plus-federal-2022: 40 milestones, 40 occurrences$/m);
    expect(out).toMatch(/^schedules\/500plus-saratov-2022\.yaml: 500plus-saratov-2022: 51 milestones, \d+ occurrences$/m);
    expect(out).not.toContain('provisional');
  });

  it('fails with every error of every file', async () => {
    const good = validSchedule('good');
    writeFileSync(join(dir, 'a.yaml'), good);
    writeFileSync(join(dir, 'b.yaml'), good.replace('id: good', 'id: bad').replace('до 1 марта', 'до 31 февраля').replace('scope: region', 'scop: region'));
    const { code, out, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(out).toBe(`${join(dir, 'a.yaml')}: good: 1 milestone, 1 occurrence`);
    expect(err.split('\n')).toEqual([
      `${join(dir, 'b.yaml')}:6:5 milestones[0].scope: required: expected one of "school", "curator", "municipality", "region"`,
      `${join(dir, 'b.yaml')}:9:11 milestones[0].when: "до 31 февраля 2022 года" is not a date (February 2022 has 28 days)`,
      `${join(dir, 'b.yaml')}:10:5 milestones[0].scop: unknown field`,
      '3 problems in 1 of 2 files',
    ]);
  });

  it('warns that a year without a decree has a provisional working-day calendar', async () => {
    writeFileSync(
      join(dir, 'future.yaml'),
      `id: future
title: Будущее
year: 2099
time_zone: Europe/Moscow
milestones:
  - id: plan
    title: План
    kind: other
    when: {due: 01.03.2099}
    scope: region
    assignee: regional
`,
    );
    const { code, out } = await run('check', join(dir, 'future.yaml'));
    expect(code).toBe(0);
    expect(out).toContain(`${join(dir, 'future.yaml')}: warning: working days of 2099 are provisional`);
  });

  it('fails when there is no schedule to check', async () => {
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toBe(`No schedule files (*.yaml, *.yml) in ${dir}`);
  });
});

describe('roadmap-bot schedule when', () => {
  it('is reachable through the schedule command', async () => {
    const { code, out } = await run('when', 'до 1 марта 2022 года', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ kind: 'due', due: '2022-03-01' });
  });

  it('names the subcommands when given an unknown one', async () => {
    const { code, err } = await run('list');
    expect(code).toBe(1);
    expect(err).toMatch(/^Unknown schedule command "list"\.\n\nUsage:\n {2}roadmap-bot schedule check/);
  });
});
