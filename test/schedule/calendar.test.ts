import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from '../../src/schedule/calendar-data.js';
import {
  addWorkingDays,
  calendarStatus,
  isShortDay,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  workingDaysInYear,
} from '../../src/schedule/calendar.js';
import { fromDayNumber, toDayNumber } from '../../src/schedule/day-number.js';

describe('working-day calendar', () => {
  it('has the decree for the current year (add next year\'s decree when this fails)', () => {
    // Reads the real clock on purpose: the data must be extended every autumn, when the decree appears.
    const year = DateTime.now().setZone('Europe/Moscow').year;
    expect(calendarStatus(year), `no decree on moving days off for ${year} in calendar-data.ts`).toMatchObject({
      provisional: false,
    });
  });

  it.each([
    [2021, 247],
    [2022, 247],
    [2023, 247],
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('counts %i working days in %i as the published production calendar does', (year, total) => {
    expect(workingDaysInYear(year)).toBe(total);
  });

  it('covers every year from 2021 to 2026 with its decree', () => {
    expect(CALENDAR_YEARS.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(calendarStatus(2026)).toEqual({
      provisional: false,
      source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    });
    expect(calendarStatus(2022).source).toContain('№ 1704');
  });

  it.each([
    ['2022-06-13', false, 'Monday after Russia Day on a Sunday'],
    ['2022-03-05', true, 'Saturday made working by the 2022 decree'],
    ['2022-03-07', false, 'Monday off moved from 05.03.2022'],
    ['2022-03-08', false, "Women's Day"],
    ['2022-05-02', false, 'Monday after 1 May on a Sunday'],
    ['2022-05-03', false, 'moved from 01.01.2022'],
    ['2022-05-10', false, 'moved from 02.01.2022'],
    ['2022-05-11', true, 'an ordinary Wednesday'],
    ['2022-11-04', false, 'Unity Day'],
    ['2022-01-10', true, 'first working day of 2022'],
    ['2023-02-24', false, 'moved from 01.01.2023'],
    ['2023-11-06', false, 'Monday after Unity Day on a Saturday'],
    ['2024-04-27', true, 'working Saturday of 2024'],
    ['2024-12-28', true, 'working Saturday of 2024'],
    ['2024-12-30', false, 'moved from 28.12.2024'],
    ['2025-03-10', true, 'the 2025 decree moved 08.03 to 13.06 instead'],
    ['2025-06-13', false, 'moved from 08.03.2025'],
    ['2025-11-01', true, 'working Saturday of 2025'],
    ['2026-01-09', false, 'moved from 03.01.2026'],
    ['2026-12-31', false, 'moved from 04.01.2026'],
    ['2026-03-09', false, 'Monday after 8 March on a Sunday'],
    ['2026-05-11', false, 'Monday after Victory Day on a Saturday'],
    ['2026-01-12', true, 'first working day of 2026'],
  ])('reads %s as working = %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('knows the shortened pre-holiday days and never marks a day off as short', () => {
    expect(['2022-02-22', '2022-03-05', '2022-11-03'].every(isShortDay)).toBe(true);
    expect(isShortDay('2022-06-10')).toBe(false);
    expect(isShortDay('2022-03-08')).toBe(false);
    expect(isShortDay('2026-04-30')).toBe(true);
    expect(isShortDay('2026-12-30')).toBe(false);
  });

  it('falls back to the Labour Code for 2027 and says it is provisional', () => {
    expect(calendarStatus(2027)).toEqual({ provisional: true, source: 'Трудовой кодекс РФ, ст. 95, 112' });
    expect(isWorkingDay('2027-01-08')).toBe(false);
    expect(isWorkingDay('2027-01-11')).toBe(true);
    // Weekend days on January holidays move only by decree, so 2027 has none of those moves yet.
    expect(isWorkingDay('2027-11-05')).toBe(true);
    expect(isWorkingDay('2027-12-31')).toBe(true);
    expect(isShortDay('2027-12-31')).toBe(true);
    // Other holidays on a weekend give the next working day off.
    expect(isWorkingDay('2027-05-03')).toBe(false);
    expect(isWorkingDay('2027-05-10')).toBe(false);
    expect(isWorkingDay('2027-06-14')).toBe(false);
    expect(isShortDay('2027-06-11')).toBe(true);
    expect(workingDaysInYear(2027)).toBe(249);
  });

  it('steps to neighbouring working days strictly, over holidays and working Saturdays', () => {
    expect(previousWorkingDay('2022-03-09')).toBe('2022-03-05');
    expect(nextWorkingDay('2022-03-04')).toBe('2022-03-05');
    expect(nextWorkingDay('2022-12-30')).toBe('2023-01-09');
    expect(previousWorkingDay('2023-01-09')).toBe('2022-12-30');
    expect(nextWorkingDay('2022-05-11')).toBe('2022-05-12');
    expect(workingDayOnOrAfter('2022-05-11')).toBe('2022-05-11');
    expect(workingDayOnOrAfter('2022-05-07')).toBe('2022-05-11');
    expect(workingDayOnOrBefore('2022-05-10')).toBe('2022-05-06');
  });

  it('adds working days forwards and backwards', () => {
    expect(addWorkingDays('2022-06-01', 0)).toBe('2022-06-01');
    expect(addWorkingDays('2022-06-10', 1)).toBe('2022-06-14');
    expect(addWorkingDays('2022-06-10', 5)).toBe('2022-06-20');
    expect(addWorkingDays('2022-06-14', -1)).toBe('2022-06-10');
    expect(addWorkingDays('2022-12-29', 3)).toBe('2023-01-10');
    expect(addWorkingDays('2026-12-30', 1)).toBe('2027-01-11');
    expect(() => addWorkingDays('2022-06-10', 1.5)).toThrow(RangeError);
  });

  it('counts working days after the start, forwards and backwards, across years', () => {
    expect(workingDaysBetween('2022-06-10', '2022-06-10')).toBe(0);
    expect(workingDaysBetween('2022-06-10', '2022-06-14')).toBe(1);
    expect(workingDaysBetween('2022-06-14', '2022-06-10')).toBe(-1);
    expect(workingDaysBetween('2022-06-12', '2022-06-10')).toBe(-1);
    expect(workingDaysBetween('2022-06-12', '2022-06-11')).toBe(0);
    expect(workingDaysBetween('2021-12-31', '2026-12-31')).toBe(247 + 247 + 248 + 247 + 247);
  });

  it('keeps addWorkingDays and workingDaysBetween inverse to each other', () => {
    const first = toDayNumber('2020-06-01');
    const last = toDayNumber('2028-06-01');
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: -300, max: 300 }), (day, n) => {
        const date = fromDayNumber(day);
        const moved = addWorkingDays(date, n);
        expect(workingDaysBetween(date, moved)).toBe(n);
        if (n !== 0) expect(isWorkingDay(moved)).toBe(true);
      }),
    );
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => isWorkingDay('13.06.2022')).toThrow(/"13\.06\.2022" is not a date/);
  });
});
