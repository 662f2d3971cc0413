import { describe, expect, it } from 'vitest';
import { parseScheduleText } from '../../src/schedule/load.js';
import { formatProblem } from '../../src/schedule/schedule-file-error.js';
import { scheduleHeader, VALID_MILESTONE } from '../fixtures/schedule-yaml.js';

function problemsOf(text: string): string[] {
  return parseScheduleText(text, 'x.yaml').problems.map(formatProblem);
}

function milestone(id: string, when: string, extra = ''): string {
  return `  - id: ${id}\n    title: ВКС\n    kind: meeting\n    when: ${when}\n    scope: region\n    assignee: regional\n${extra}`;
}

describe('parseScheduleText on files that are too much', () => {
  it('reads a file that uses one anchor in 120 milestones', () => {
    const milestones = Array.from({ length: 120 }, (_, i) =>
      milestone(`m-${i}`, '"до 1 марта 2022 года"', i === 0 ? '    policy: &pol {reminders: ["-7d", "0d"], escalation: ["+1wd"]}\n' : '    policy: *pol\n'),
    );
    const { schedule, problems } = parseScheduleText(scheduleHeader() + milestones.join(''), 'x.yaml');
    expect(problems).toEqual([]);
    expect(schedule?.milestones).toHaveLength(120);
    expect(schedule?.milestones[119]?.policy).toEqual({ reminders: ['-7d', '0d'], escalation: ['+1wd'] });
  });

  it('refuses an alias bomb with one located error instead of expanding it', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i += 1) {
      const previous = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    const text = `${scheduleHeader()}${VALID_MILESTONE}bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    expect(problemsOf(text)).toEqual(['x.yaml:14:10 YAML aliases expand to more than 10,000 values: write the repeated part out, or use fewer aliases of aliases']);
  });

  it('refuses dates outside 2000–2099 and series longer than three years, each where it is written', () => {
    const text =
      scheduleHeader() +
      milestone('far', '{weekly: [tue], from: 08.02.2022, to: 31.12.9999}') +
      milestone('long', '{weekly: [tue], from: 08.02.2022, to: 31.12.2099}') +
      milestone('phrase', '"еженедельно по вторникам с 08.02.2022 по 31.12.2090"') +
      milestone('ok', '{weekly: [tue], from: 08.02.2022, to: 05.07.2024}');
    expect(problemsOf(text)).toEqual([
      'x.yaml:9:49 milestones[0].when.to: "31.12.9999": the year 9999 is outside 2000–2099',
      'x.yaml:15:11 milestones[1].when: the series runs 28451 days, from 2022-02-08 to 2099-12-31: at most 1098 days (3 years) a range',
      'x.yaml:21:11 milestones[2].when: the series runs 25164 days, from 2022-02-08 to 2090-12-31: at most 1098 days (3 years) a range',
    ]);
  });

  it('quotes at most 80 characters of a 10 MB value of the wrong type', () => {
    const huge = 'x'.repeat(10_000_000);
    const text = `${scheduleHeader()}${VALID_MILESTONE}`.replace('year: 2022', `year: "${huge}"`);
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem).toBe(`x.yaml:3:7 year: expected number, got "${'x'.repeat(80)}…" (10000000 characters)`);
  });

  it('still reports every other problem of a file whose year is wrong', () => {
    const text =
      scheduleHeader().replace('year: 2022', 'year: 3022') +
      milestone('bad-date', '"до 31 февраля 2022"') +
      milestone('leap', '"до 29 февраля"') +
      milestone('bad-date', '"до 1 марта 2022 года"', '    scope_typo: x\n');
    expect(problemsOf(text)).toEqual([
      'x.yaml:3:7 year: expected a year within 2000–2099',
      'x.yaml:9:11 milestones[0].when: "до 31 февраля 2022" is not a date (February 2022 has 28 days)',
      'x.yaml:24:5 milestones[2].scope_typo: unknown field',
    ]);
  });
});
