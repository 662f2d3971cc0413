import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScheduleFile, loadSchedules, parseScheduleText } from '../../src/schedule/load.js';
import { formatProblem, ScheduleFileError } from '../../src/schedule/schedule-file-error.js';
import { scheduleHeader, VALID_MILESTONE, validSchedule } from '../fixtures/schedule-yaml.js';

const HEADER = scheduleHeader();

/** Problems of a document whose milestones start on line 6, formatted as the CLI prints them. */
function problemsOf(milestones: string, file = 'x.yaml'): string[] {
  return parseScheduleText(HEADER + milestones, file).problems.map(formatProblem);
}

describe('parseScheduleText', () => {
  it('reads a valid milestone into the domain shape with defaults filled in', () => {
    const { schedule, problems } = parseScheduleText(
      `${HEADER}  - id: plan
    title: План-график
    kind: plan_submission
    when: {start: 14.02.2022, due: 2022-03-30}
    scope: school
    assignee: school
    confirm_by: curator
    policy: {reminders: ["-7d", "0d"], escalation: ["+1wd"], repeat_every: "+3wd", max_repeats: 2}
  - id: vks
    title: ВКС
    kind: meeting
    when: {weekly: [tue], ranges: [{from: 08.02.2022, to: 05.07.2022}, {from: 30.08.2022, to: 20.12.2022}]}
    scope: region
    assignee: regional
    at: "10:00"
`,
      'x.yaml',
    );
    expect(problems).toEqual([]);
    expect(schedule?.chain).toEqual(['school', 'curator', 'municipal', 'regional']);
    const [plan, vks] = schedule?.milestones ?? [];
    expect(plan).toMatchObject({
      id: 'plan',
      whenText: '14.02.2022 – 30.03.2022',
      when: { kind: 'window', start: '2022-02-14', due: '2022-03-30' },
      confirmBy: 'curator',
      attendees: ['school'],
      track: 'completion',
      policy: { reminders: ['-7d', '0d'], escalation: ['+1wd'], repeatEvery: '+3wd', maxRepeats: 2 },
      line: 6,
    });
    expect(vks).toMatchObject({
      track: 'attendance',
      at: '10:00',
      line: 14,
      when: {
        kind: 'recurring',
        recurrence: {
          freq: 'weekly',
          weekdays: [2],
          ranges: [
            { start: '2022-02-08', end: '2022-07-05' },
            { start: '2022-08-30', end: '2022-12-20' },
          ],
        },
      },
    });
  });

  it('names an indicator for digests: `indicator:` as written, else the title cut at a word boundary, without a dangling preposition, its quotes closed', () => {
    const { schedule, problems } = parseScheduleText(
      `${HEADER}  - id: short
    title: Размещение документов
    indicator: Документы размещены
    kind: report
    when: 01.06.2022
    scope: school
    assignee: school
  - id: long
    title: Работа общеобразовательных организаций проекта «500+», кураторов с концептуальными документами в информационной системе
    kind: report
    when: 01.06.2022
    scope: school
    assignee: school
  - id: quoted
    title: Повышение квалификации руководителей по программе «Перевод общеобразовательной организации в эффективный режим работы»
    kind: report
    when: 01.06.2022
    scope: school
    assignee: school
`,
      'x.yaml',
    );
    expect(problems).toEqual([]);
    const [short, long, quoted] = schedule?.milestones ?? [];
    expect(short?.indicator).toBe('Документы размещены');
    expect(long?.indicator).toBe('Работа общеобразовательных организаций проекта «500+», кураторов…');
    expect(quoted?.indicator).toBe('Повышение квалификации руководителей по программе «Перевод общеобразовательной»…');
    for (const m of [long, quoted]) expect(m?.indicator.length).toBeLessThanOrEqual(82);
  });

  it('rejects an indicator too long for one digest line, at its value', () => {
    expect(problemsOf(`${VALID_MILESTONE}    indicator: ${'Очень длинное название показателя '.repeat(3)}\n`)).toEqual([
      expect.stringMatching(/^x\.yaml:\d+:\d+ milestones\[0\]\.indicator: expected at most 80 characters/),
    ]);
  });

  it('rejects a title or indicator whose «» quotes do not pair, at its value: a message quoting it would run on', () => {
    const open = VALID_MILESTONE.replace('title: План', 'title: Семинар «Технология «наставничество» в работе с детьми');
    expect(problemsOf(`${open}    indicator: Семинар «Наставничество\n`)).toEqual([
      expect.stringMatching(/^x\.yaml:\d+:12 milestones\[0\]\.title: expected «» quotes in pairs, each « closed by a »/),
      expect.stringMatching(/^x\.yaml:\d+:16 milestones\[0\]\.indicator: expected «» quotes in pairs/),
    ]);
  });

  it('reads a monthly last-weekday recurrence', () => {
    const { schedule } = parseScheduleText(
      `${HEADER}  - id: monthly
    title: Совещание
    kind: meeting
    when: {monthly: {nth: -1, weekday: tue}, from: 01.03.2022, to: 31.12.2022}
    scope: school
    assignee: regional
    attendees: [school, curator]
`,
      'x.yaml',
    );
    expect(schedule?.milestones[0]?.when).toMatchObject({
      kind: 'recurring',
      recurrence: { freq: 'monthly', nth: -1, weekday: 2, ranges: [{ start: '2022-03-01', end: '2022-12-31' }] },
    });
  });

  it('reports an unknown field at its key, so a typo cannot pass silently', () => {
    expect(
      problemsOf(`  - id: plan
    title: План
    kind: other
    when: {due: 01.03.2022}
    scope: school
    assignee: school
    confim_by: curator
`),
    ).toEqual(['x.yaml:12:5 milestones[0].confim_by: unknown field']);
  });

  it('lists every problem of the file at once, each at the line and column of its value', () => {
    expect(
      problemsOf(`  - id: first
    title: Первое
    kind: sruvey
    when: {due: 01.03.2022}
    scope: school
    assignee: school
  - id: second
    title: Второе
    kind: other
    when: {start: 31.02.2022, due: 01.03.2022}
    scope: school
  - id: Third_One
    title: Третье
    kind: other
    when: {due: 01.03.2022}
    scope: everyone
    assignee: school
    policy: {reminders: ["-7d", "7d"]}
`),
    ).toEqual([
      expect.stringMatching(/^x\.yaml:8:11 milestones\[0\]\.kind: expected one of "survey", .*, got "sruvey"$/),
      'x.yaml:12:5 milestones[1].assignee: required: expected one of "school", "curator", "municipal", "regional"',
      'x.yaml:15:19 milestones[1].when.start: "31.02.2022" is not a date (February 2022 has 28 days)',
      expect.stringMatching(/^x\.yaml:17:9 milestones\[2\]\.id: expected a kebab-case id/),
      'x.yaml:21:12 milestones[2].scope: expected one of "school", "curator", "municipality", "region", got "everyone"',
      'x.yaml:23:33 milestones[2].policy.reminders[1]: expected a reminder offset like "-7d", "-1d" or "0d"',
    ]);
  });

  it('points at the phrase of a `when` that is not a date, even in a milestone with other errors', () => {
    expect(
      problemsOf(`  - id: plan
    title: План
    kind: other
    when: "до 31 февраля 2022"
    scope: school
    assignee: school
  - id: broken
    title: План
    kind: other
    when: "до 30 февраля 2022"
    scope: school
`),
    ).toEqual([
      'x.yaml:9:11 milestones[0].when: "до 31 февраля 2022" is not a date (February 2022 has 28 days)',
      'x.yaml:12:5 milestones[1].assignee: required: expected one of "school", "curator", "municipal", "regional"',
      'x.yaml:15:11 milestones[1].when: "до 30 февраля 2022" is not a date (February 2022 has 28 days)',
    ]);
  });

  it('rejects a duplicate milestone id, naming the line of the first', () => {
    const milestone = (id: string) => `  - id: ${id}
    title: План
    kind: other
    when: {due: 01.03.2022}
    scope: school
    assignee: school
`;
    expect(problemsOf(milestone('plan') + milestone('plan'))).toEqual([
      'x.yaml:12:9 milestones[1].id: duplicate id "plan" (first used on line 6)',
    ]);
  });

  it('rejects a confirmation by the assignee itself and attendees outside meetings', () => {
    expect(
      problemsOf(`  - id: plan
    title: План
    kind: plan_submission
    when: {due: 01.03.2022}
    scope: school
    assignee: curator
    confirm_by: curator
    attendees: [school]
`),
    ).toEqual([
      'x.yaml:12:17 milestones[0].confirm_by: "curator" would confirm its own work: confirm_by must differ from assignee',
      'x.yaml:13:16 milestones[0].attendees: only meetings have attendees (kind is "plan_submission")',
    ]);
  });

  it('rejects a recurrence without its range and a time zone that does not exist', () => {
    const { problems } = parseScheduleText(
      `id: test-2022
title: Тест
year: 2022
time_zone: Europe/Atlantis
milestones:
  - id: vks
    title: ВКС
    kind: meeting
    when: {weekly: [tue]}
    scope: region
    assignee: regional
`,
      'x.yaml',
    );
    expect(problems.map(formatProblem)).toEqual([
      'x.yaml:4:12 time_zone: expected an IANA time zone, e.g. Europe/Saratov',
      'x.yaml:9:11 milestones[0].when: a recurrence needs either `from` and `to`, or `ranges`',
    ]);
  });

  it('reads `regions` as the region codes a regional roadmap concerns, and leaves it out for a federal one', () => {
    const regional = parseScheduleText(HEADER.replace('milestones:', 'regions: [RU-SAR, RU-SVE]\nmilestones:') + VALID_MILESTONE, 'x.yaml');
    expect(regional.problems).toEqual([]);
    expect(regional.schedule?.regions).toEqual(['RU-SAR', 'RU-SVE']);
    const federal = parseScheduleText(HEADER + VALID_MILESTONE, 'x.yaml');
    expect(federal.schedule).not.toHaveProperty('regions');
  });

  it('rejects a region code that is no federal subject, a repeated one and an empty list, each where it is written', () => {
    const problems = (regions: string) =>
      parseScheduleText(HEADER.replace('milestones:', `regions: ${regions}\nmilestones:`) + VALID_MILESTONE, 'x.yaml').problems.map(formatProblem);
    expect(problems('[RU-SAR, Saratov]')).toEqual([
      'x.yaml:5:19 regions[1]: "Saratov" is not a federal subject: expected an ISO 3166-2:RU code, e.g. RU-SAR',
    ]);
    expect(problems('[RU-SAR, RU-SAR]')).toEqual(['x.yaml:5:10 regions: expected each region at most once']);
    expect(problems('[]')).toEqual(['x.yaml:5:10 regions: expected at least one region code, or no `regions` field for every region']);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf('  - id: plan\n    title: a: b\n  - id: plan\n  - id: plan\n')).toEqual([
      'x.yaml:7:12 YAML syntax: Nested mappings are not allowed in compact mappings',
    ]);
    expect(problemsOf('  - id: plan\n    id: again\n')).toEqual(['x.yaml:7:5 YAML syntax: Map keys must be unique']);
  });
});

describe('loadScheduleFile and loadSchedules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schedules-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('throws a ScheduleFileError whose message lists every problem as file:line:col', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, validSchedule('bad').replace('kind: other', 'kind: nonsense').replace('scope: region', 'scope: planet'));
    expect(() => loadScheduleFile(file)).toThrow(ScheduleFileError);
    expect(() => loadScheduleFile(file)).toThrow(new RegExp(`^${file}:8:11 milestones\\[0\\]\\.kind: .*\\n${file}:10:12 milestones\\[0\\]\\.scope: `));
  });

  it('loads every .yaml file of a directory in name order', () => {
    writeFileSync(join(dir, 'b.yaml'), validSchedule('second'));
    writeFileSync(join(dir, 'a.yaml'), validSchedule('first'));
    writeFileSync(join(dir, 'notes.txt'), 'not a schedule');
    expect(loadSchedules(dir).map((s) => s.id)).toEqual(['first', 'second']);
  });

  it('rejects a schedule id used by two files', () => {
    writeFileSync(join(dir, 'a.yaml'), validSchedule('same'));
    writeFileSync(join(dir, 'b.yaml'), validSchedule('same'));
    expect(() => loadSchedules(dir)).toThrow(`${join(dir, 'b.yaml')}:1:5 id: schedule id "same" is already used by ${join(dir, 'a.yaml')}`);
  });

  describe('same_as', () => {
    const regional = (sameAs: string, scope = 'region') =>
      `${scheduleHeader('regional').replace('milestones:', 'regions: [RU-SAR]\nmilestones:')}${VALID_MILESTONE.replace('scope: region', `scope: ${scope}`)}    same_as: ${sameAs}\n`;

    it('loads a regional milestone that is a milestone of another loaded schedule, with no occurrences of its own', () => {
      writeFileSync(join(dir, 'a.yaml'), validSchedule('federal'));
      writeFileSync(join(dir, 'b.yaml'), regional('federal/plan'));
      const [, saratov] = loadSchedules(dir);
      expect(saratov?.milestones[0]?.sameAs).toEqual({ scheduleId: 'federal', milestoneId: 'plan' });
    });

    it('says where a reference names no loaded schedule, no milestone of it, or one tracked per other subjects', () => {
      writeFileSync(join(dir, 'a.yaml'), validSchedule('federal'));
      writeFileSync(join(dir, 'b.yaml'), regional('elsewhere/plan'));
      writeFileSync(join(dir, 'c.yaml'), regional('federal/nothing').replace('id: regional', 'id: regional-c'));
      writeFileSync(join(dir, 'd.yaml'), regional('federal/plan', 'school').replace('id: regional', 'id: regional-d'));
      // the milestone's 7th line (line 13 of the file, after the regions line) holds same_as, its value at column 14
      expect(() => loadSchedules(dir)).toThrow(
        [
          `${join(dir, 'b.yaml')}:13:14 milestones[0].same_as: no schedule "elsewhere" is loaded (loaded: federal, regional, regional-c, regional-d): check it together with that file`,
          `${join(dir, 'c.yaml')}:13:14 milestones[0].same_as: ${join(dir, 'a.yaml')} has no milestone "nothing"`,
          `${join(dir, 'd.yaml')}:13:14 milestones[0].same_as: scope "school" differs from federal/plan's "region": one item needs one status per the same subjects`,
        ].join('\n'),
      );
    });

    it('refuses same_as in a schedule without regions, or naming its own schedule', () => {
      const own = parseScheduleText(`${regional('regional/plan')}`, 'own.yaml');
      expect(own.problems.map(formatProblem)).toEqual([
        'own.yaml:13:14 milestones[0].same_as: same_as names a milestone of this schedule: it says which milestone of another (the federal) schedule this one is',
      ]);
      const national = parseScheduleText(`${validSchedule('national')}    same_as: federal/plan\n`, 'national.yaml');
      expect(national.problems.map(formatProblem)).toEqual([
        'national.yaml:12:14 milestones[0].same_as: same_as needs `regions`: it says this milestone is the other schedule\'s one in these regions',
      ]);
    });
  });

  it('reports a file that cannot be read without inventing a position', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => loadScheduleFile(missing)).toThrow(new RegExp(`^${missing} cannot read: ENOENT`));
  });
});

describe('the README example', () => {
  it('is a valid schedule', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Schedules[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const { schedule, problems } = parseScheduleText(example, 'README.md');
    expect(problems).toEqual([]);
    expect(schedule?.regions).toEqual(['RU-SAR']);
    expect(schedule?.milestones[0]).toMatchObject({ id: 'concept-docs', confirmBy: 'curator', policy: { maxRepeats: 3 } });
  });
});
