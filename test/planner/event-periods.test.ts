import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/delivery/render.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { parseScheduleText } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/types.js';
import { scheduleHeader } from '../fixtures/schedule-yaml.js';
import { buildRoster, SARATOV } from './roster-builder.js';

/** A schedule of one regional meeting held `when`, as a roadmap writes it. */
function meeting(when: string): Schedule {
  const result = parseScheduleText(
    `${scheduleHeader()}  - id: webinar
    title: Вебинар для школ
    kind: meeting
    when: "${when}"
    scope: region
    assignee: regional
`,
    'test.yaml',
  );
  if (result.schedule === null) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.schedule;
}

/** Every event notice the regional coordinator reads between two days: [local date, text]. */
function toldBetween(when: string, from: string, to: string): [string, string][] {
  const roster = buildRoster({ regions: [SARATOV] });
  const renderer = createRenderer();
  return simulate({ from, to, schedules: [meeting(when)], roster, statuses: [], settings: DEFAULT_PLANNER_SETTINGS })
    .flatMap((d) => d.items)
    .filter((n) => n.kind === 'event' && n.recipientRole === 'regional')
    .map((n) => [n.localDate, renderer.renderText(n)]);
}

describe('an event the roadmap dates by a period, parsed, planned and rendered', () => {
  it('tells a meeting dated «март 2022 года» once, on 1 March, as held in March, never as on the 31st', () => {
    expect(toldBetween('март 2022 года', '2022-02-20', '2022-04-05')).toEqual([['2022-03-01', 'В марте: Вебинар для школ.']]);
  });

  it('tells a meeting over days of one month by both days and the month once («07–14.02»)', () => {
    expect(toldBetween('07–14.02.2022', '2022-02-01', '2022-02-20')).toEqual([['2022-02-07', 'С 7 по 14 февраля: Вебинар для школ.']]);
  });

  it('tells a meeting over whole months by its months', () => {
    expect(toldBetween('март - май 2022 года', '2022-02-20', '2022-06-05')).toEqual([['2022-03-01', 'С марта по май: Вебинар для школ.']]);
  });

  it('tells a meeting over days of two months by both days in full', () => {
    expect(toldBetween('28.02.2022 – 04.03.2022', '2022-02-20', '2022-03-10')).toEqual([['2022-02-28', 'С 28 февраля по 4 марта: Вебинар для школ.']]);
  });

  it('tells a meeting on one day the working day before and on its morning, as before', () => {
    expect(toldBetween('16.03.2022', '2022-03-01', '2022-03-20').map(([day, text]) => [day, text.split(':')[0]])).toEqual([
      ['2022-03-15', 'Завтра, среда, 16 марта'],
      ['2022-03-16', 'Сегодня'],
    ]);
  });
});
