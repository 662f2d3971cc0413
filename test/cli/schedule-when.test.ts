import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type Io, UsageError } from '../../src/cli/io.js';
import { createScheduleWhen, scheduleWhen } from '../../src/cli/schedule-when.js';
import { fixedClock } from '../../src/config/clock.js';

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text) => out.push(text), err: (text) => err.push(text), env: {} }, out, err };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = capture();
  const code = await scheduleWhen(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('schedule when', () => {
  it('prints exactly one JSON object for a window with --json', async () => {
    const result = await run(['14.02.2022 – до конца года (в соответствии с графиком посещения)', '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(JSON.parse(result.out)).toEqual({
      kind: 'window',
      start: '2022-02-14',
      due: '2022-12-31',
      dates: [],
      note: 'в соответствии с графиком посещения',
    });
  });

  it('lists every Tuesday of the weekly ВКС series, starting on the first and due on the last', async () => {
    const result = await run(['--json', 'еженедельно по вторникам с 08.02.2022 по 05.07.2022, с 30.08.2022 по 20.12.2022']);
    const summary = JSON.parse(result.out) as { kind: string; start: string; due: string; dates: string[] };
    expect(summary.kind).toBe('recurring');
    expect(summary.dates).toHaveLength(39);
    expect([summary.start, summary.due]).toEqual(['2022-02-08', '2022-12-20']);
  });

  it('gives a due date alone, each date of a multi-date cell, and the span of a continuous item', async () => {
    expect(JSON.parse((await run(['до 1 марта 2022 года', '--json'])).out)).toEqual({
      kind: 'due',
      start: null,
      due: '2022-03-01',
      dates: [],
      note: null,
    });
    expect(JSON.parse((await run(['16 и 23 марта 2022', '--json'])).out)).toEqual({
      kind: 'dates',
      start: '2022-03-16',
      due: '2022-03-23',
      dates: ['2022-03-16', '2022-03-23'],
      note: null,
    });
    expect(JSON.parse((await run(['постоянно', '--year', '2023', '--json'])).out)).toEqual({
      kind: 'continuous',
      start: '2023-01-01',
      due: '2023-12-31',
      dates: [],
      note: null,
    });
    expect(JSON.parse((await run(['ежегодно', '--json'])).out)).toMatchObject({ start: null, due: null });
  });

  it('reads a phrase without a year in --year, or else in the current year', async () => {
    expect(JSON.parse((await run(['31 января', '--year', '2021', '--json'])).out)).toMatchObject({ due: '2021-01-31' });
    const { io, out } = capture();
    await createScheduleWhen(fixedClock(DateTime.fromISO('2026-05-04T12:00:00', { zone: 'Europe/Saratov' })))(
      ['31 января', '--json'],
      io,
    );
    expect(JSON.parse(out.join(''))).toMatchObject({ due: '2026-01-31' });
  });

  it('prints a readable answer with dates as DD.MM.YYYY by default', async () => {
    const result = await run(['с', 'марта', '2022', 'года', 'ежемесячно', '(в последний вторник месяца)', '(исполнено)']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'Phrase: с марта 2022 года ежемесячно (в последний вторник месяца) (исполнено)',
        'Kind:   recurring (monthly on the last Tuesday, 01.03.2022–31.12.2022)',
        'Start:  29.03.2022',
        'Due:    27.12.2022',
        'Dates:  10',
        '        29.03.2022, 26.04.2022, 31.05.2022, 28.06.2022, 26.07.2022, 30.08.2022, 27.09.2022',
        '        25.10.2022, 29.11.2022, 27.12.2022',
        'Note:   исполнено',
        'Done:   yes (the roadmap marks it done)',
      ].join('\n'),
    );
  });

  it('shows the time of day and the meaning of a plain deadline', async () => {
    const result = await run(['до 1 марта 2022 года в 10:00']);
    expect(result.out).toContain('Kind:   due (a deadline)');
    expect(result.out).toContain('Due:    01.03.2022');
    expect(result.out).toContain('Time:   10:00');
  });

  it('exits 1 with the error on stderr and nothing on stdout for an unreadable phrase', async () => {
    const result = await run(['до 31 февраля 2022', '--json']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe('"до 31 февраля 2022" is not a date (February 2022 has 28 days)');
  });

  it('refuses a missing phrase, a bad --year and an unknown option as usage errors', async () => {
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['март', '--year', '22'])).rejects.toThrow('--year: expected a year from 2000 to 2099, got "22"');
    await expect(run(['март', '--yaer', '2022'])).rejects.toThrow(UsageError);
  });
});
