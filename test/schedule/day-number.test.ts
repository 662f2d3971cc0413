import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, isLocalDate, toDayNumber, weekdayOf } from '../../src/schedule/day-number.js';

describe('day numbers', () => {
  it('agree with luxon on the date, the day count and the weekday across four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (n) => {
        const expected = DateTime.fromMillis(n * 86_400_000, { zone: 'utc' });
        const date = fromDayNumber(n);
        expect(date).toBe(expected.toISODate());
        expect(toDayNumber(date)).toBe(n);
        expect(weekdayOf(date)).toBe(expected.weekday);
      }),
    );
  });

  it('steps over month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2022-01-01', -1)).toBe('2021-12-31');
  });

  it('rejects text that is not an existing YYYY-MM-DD date, quoting it', () => {
    expect(() => toDayNumber('01.06.2022')).toThrow(/"01\.06\.2022" is not a date/);
    expect(() => toDayNumber('2022-6-1')).toThrow(RangeError);
    expect(() => toDayNumber('2022-02-29')).toThrow(/"2022-02-29" is not a date/);
    expect(() => toDayNumber('2022-13-01')).toThrow(RangeError);
    expect(() => toDayNumber('2022-06-01T00:00')).toThrow(RangeError);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-1-01')).toBe(false);
  });
});
