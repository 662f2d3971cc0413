import { describe, expect, it } from 'vitest';
import { loadScheduleFile } from '../../src/schedule/load.js';
import { expandOccurrences, occurrenceByKey } from '../../src/schedule/occurrences.js';
import { due, milestone, schedule, window, WHEN_DEFAULTS } from '../fixtures/schedule-builders.js';

const vksWeekly = milestone(
  'vks-weekly',
  {
    ...WHEN_DEFAULTS,
    time: '10:00',
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
  { kind: 'meeting', assignee: 'regional', scope: 'region', track: 'attendance' },
);

const monthlyWebinar = milestone(
  'webinar-monthly',
  {
    ...WHEN_DEFAULTS,
    kind: 'recurring',
    recurrence: { freq: 'monthly', nth: -1, weekday: 2, ranges: [{ start: '2022-03-01', end: '2022-12-31' }] },
  },
  { kind: 'meeting' },
);

const plan = milestone('plan', due('2022-06-01'));
const conceptDocs = milestone('concept-docs', window('2022-02-14', '2022-03-30'));
const duringYear = milestone('monitoring-year', {
  ...WHEN_DEFAULTS,
  kind: 'continuous',
  span: { start: '2022-01-01', end: '2022-12-31' },
});
const always = milestone('consulting', { ...WHEN_DEFAULTS, kind: 'continuous', span: null });

describe('expandOccurrences', () => {
  it('expands the Saratov weekly ВКС into 22 Tuesdays before summer and 17 after', () => {
    const occurrences = expandOccurrences(schedule(vksWeekly), '2022-01-01', '2022-12-31', 'Europe/Saratov');
    expect(occurrences).toHaveLength(39);
    const dates = occurrences.map((o) => o.dueDate ?? '');
    expect(dates.filter((d) => d <= '2022-07-05')).toHaveLength(22);
    expect(dates.filter((d) => d >= '2022-08-30')).toHaveLength(17);
    expect(dates[0]).toBe('2022-02-08');
    expect(dates[21]).toBe('2022-07-05');
    expect(dates[22]).toBe('2022-08-30');
    expect(dates[38]).toBe('2022-12-20');
    expect(occurrences[0]?.key).toBe('vks-weekly@2022-02-08');
    expect(new Set(occurrences.map((o) => o.key)).size).toBe(39);
    // Meetings start at their time of day; the 3 May holiday stays in the series, as the roadmap lists it.
    expect(occurrences[0]?.start?.toISO()).toBe('2022-02-08T10:00:00.000+04:00');
    expect(dates).toContain('2022-05-03');
  });

  it('expands a monthly last-Tuesday series from March 2022', () => {
    const occurrences = expandOccurrences(schedule(monthlyWebinar), '2022-01-01', '2022-12-31', 'Europe/Saratov');
    expect(occurrences.map((o) => o.key)).toEqual(
      [
        '2022-03-29',
        '2022-04-26',
        '2022-05-31',
        '2022-06-28',
        '2022-07-26',
        '2022-08-30',
        '2022-09-27',
        '2022-10-25',
        '2022-11-29',
        '2022-12-27',
      ].map((d) => `webinar-monthly@${d}`),
    );
    expect(occurrences[0]?.start?.toISO()).toBe('2022-03-29T00:00:00.000+04:00');
  });

  it('expands monthly nth weekdays and days of month, clamping to short months', () => {
    const secondFriday = milestone('second-friday', {
      ...WHEN_DEFAULTS,
      kind: 'recurring',
      recurrence: { freq: 'monthly', nth: 2, weekday: 5, ranges: [{ start: '2022-01-01', end: '2022-03-31' }] },
    });
    const day31 = milestone('day-31', {
      ...WHEN_DEFAULTS,
      kind: 'recurring',
      recurrence: { freq: 'monthly', dayOfMonth: 31, ranges: [{ start: '2022-01-15', end: '2022-04-30' }] },
    });
    const keys = expandOccurrences(schedule(secondFriday, day31), '2022-01-01', '2022-12-31', 'UTC').map((o) => o.key);
    expect(keys).toEqual([
      'second-friday@2022-01-14',
      'day-31@2022-01-31',
      'second-friday@2022-02-11',
      'day-31@2022-02-28',
      'second-friday@2022-03-11',
      'day-31@2022-03-31',
      'day-31@2022-04-30',
    ]);
  });

  it('ends a deadline at the last millisecond of its day in each region zone', () => {
    const [saratov] = expandOccurrences(schedule(plan), '2022-06-01', '2022-06-01', 'Europe/Saratov');
    const [yekaterinburg] = expandOccurrences(schedule(plan), '2022-06-01', '2022-06-01', 'Asia/Yekaterinburg');
    expect(saratov?.due?.toISO()).toBe('2022-06-01T23:59:59.999+04:00');
    expect(yekaterinburg?.due?.toISO()).toBe('2022-06-01T23:59:59.999+05:00');
    expect(yekaterinburg?.due?.zoneName).toBe('Asia/Yekaterinburg');
    expect(saratov).toMatchObject({ key: 'plan', scheduleId: 'test-2022', startDate: null, start: null });
    expect(saratov?.dueDate).toBe('2022-06-01');
  });

  it('keys single-occurrence milestones by milestone id, so a corrected date keeps the same key', () => {
    const moved = milestone('plan', due('2022-06-15'));
    const [before] = expandOccurrences(schedule(plan), '2022-01-01', '2022-12-31', 'Europe/Saratov');
    const [after] = expandOccurrences(schedule(moved), '2022-01-01', '2022-12-31', 'Europe/Saratov');
    expect(after?.key).toBe(before?.key);
    expect(after?.dueDate).toBe('2022-06-15');
  });

  it('gives a window its start and due', () => {
    const [window] = expandOccurrences(schedule(conceptDocs), '2022-03-01', '2022-03-01', 'Europe/Saratov');
    expect(window).toMatchObject({ key: 'concept-docs', startDate: '2022-02-14', dueDate: '2022-03-30' });
    expect(window?.start?.toISO()).toBe('2022-02-14T00:00:00.000+04:00');
    expect(window?.due?.toISO()).toBe('2022-03-30T23:59:59.999+04:00');
  });

  it('keeps only occurrences whose days meet [from, to]', () => {
    const all = schedule(vksWeekly, plan, conceptDocs);
    const june = expandOccurrences(all, '2022-06-01', '2022-06-30', 'Europe/Saratov').map((o) => o.key);
    expect(june).toEqual([
      'plan',
      'vks-weekly@2022-06-07',
      'vks-weekly@2022-06-14',
      'vks-weekly@2022-06-21',
      'vks-weekly@2022-06-28',
    ]);
    const edges = expandOccurrences(all, '2022-03-30', '2022-05-31', 'Europe/Saratov').map((o) => o.key);
    expect(edges[0]).toBe('concept-docs');
    expect(edges).not.toContain('plan');
    expect(expandOccurrences(all, '2022-07-06', '2022-08-29', 'Europe/Saratov')).toEqual([]);
    expect(expandOccurrences(all, '2022-12-31', '2022-01-01', 'Europe/Saratov')).toEqual([]);
  });

  it('lists continuous items as never due, within their period or always', () => {
    const all = schedule(duringYear, always, plan);
    const in2022 = expandOccurrences(all, '2022-06-01', '2022-06-01', 'Europe/Saratov');
    expect(in2022.map((o) => o.key)).toEqual(['consulting', 'monitoring-year', 'plan']);
    expect(in2022.slice(0, 2).every((o) => o.continuous && o.dueDate === null && o.due === null)).toBe(true);
    expect(in2022[1]?.startDate).toBe('2022-01-01');
    expect(in2022[2]?.continuous).toBe(false);
    const in2023 = expandOccurrences(all, '2023-03-01', '2023-03-31', 'Europe/Saratov');
    expect(in2023.map((o) => o.key)).toEqual(['consulting']);
  });

  it('keys each date of a multi-date cell and orders ties by milestone id', () => {
    const cell = milestone('reports', { ...WHEN_DEFAULTS, kind: 'dates', dates: ['2022-09-01', '2022-03-01', '2022-03-01'] });
    const sameDay = milestone('a-first', due('2022-03-01'));
    const keys = expandOccurrences(schedule(cell, sameDay), '2022-01-01', '2022-12-31', 'UTC').map((o) => o.key);
    expect(keys).toEqual(['a-first', 'reports@2022-03-01', 'reports@2022-09-01']);
  });

  it('is deterministic: the same input gives equal output', () => {
    const all = schedule(vksWeekly, monthlyWebinar, plan, conceptDocs, duringYear, always);
    const first = expandOccurrences(all, '2022-01-01', '2022-12-31', 'Europe/Saratov');
    const second = expandOccurrences(all, '2022-01-01', '2022-12-31', 'Europe/Saratov');
    expect(second.map((o) => [o.key, o.start?.toMillis(), o.due?.toMillis()])).toEqual(
      first.map((o) => [o.key, o.start?.toMillis(), o.due?.toMillis()]),
    );
  });

  it('rejects an unknown zone and a malformed date, naming them', () => {
    expect(() => expandOccurrences(schedule(plan), '2022-01-01', '2022-12-31', 'Mars/Olympus')).toThrow(
      /"Mars\/Olympus" is not an IANA time zone/,
    );
    expect(() => expandOccurrences(schedule(plan), '01.01.2022', '2022-12-31', 'UTC')).toThrow(/"01\.01\.2022"/);
  });
});

describe('expandOccurrences on the Saratov 500+ roadmap', () => {
  it('reads 39 weekly ВКС and 10 monthly meetings from the file as written', () => {
    const saratov = loadScheduleFile('schedules/500plus-saratov-2022.yaml');
    const keys = expandOccurrences(saratov, '2022-01-01', '2022-12-31', saratov.timeZone).map((o) => o.key);
    expect(keys.filter((k) => k.startsWith('vks-weekly@'))).toHaveLength(39);
    expect(keys.filter((k) => k.startsWith('monthly-meeting@'))).toHaveLength(10);
    expect(keys).toContain('monthly-meeting@2022-03-29');
  });
});

describe('occurrenceByKey', () => {
  const all = schedule(vksWeekly, plan, always);

  it('finds a series date and a single milestone by their keys', () => {
    expect(occurrenceByKey(all, 'vks-weekly@2022-02-15', 'Europe/Saratov')?.start?.toISO()).toBe(
      '2022-02-15T10:00:00.000+04:00',
    );
    expect(occurrenceByKey(all, 'plan', 'Europe/Saratov')?.dueDate).toBe('2022-06-01');
    expect(occurrenceByKey(all, 'consulting', 'Europe/Saratov')?.continuous).toBe(true);
  });

  it('returns null for a key that names no occurrence', () => {
    expect(occurrenceByKey(all, 'vks-weekly@2022-02-16', 'Europe/Saratov')).toBeNull();
    expect(occurrenceByKey(all, 'vks-weekly@2022-07-12', 'Europe/Saratov')).toBeNull();
    expect(occurrenceByKey(all, 'vks-weekly@someday', 'Europe/Saratov')).toBeNull();
    expect(occurrenceByKey(all, 'nothing', 'Europe/Saratov')).toBeNull();
    expect(occurrenceByKey(all, 'plan@2022-06-01', 'Europe/Saratov')).toBeNull();
  });
});
