import { describe, expect, it } from 'vitest';
import { snoozeUntil } from '../../src/bot/snoozable.js';

describe('snoozeUntil', () => {
  it("silences the next working day's reminders, resuming the working day after", () => {
    // Thursday: Friday is silenced, Monday resumes
    expect(snoozeUntil('2022-06-02', '2022-06-20', null)).toBe('2022-06-06');
    // Friday 10.06: Monday 13.06 is the Russia Day holiday, so Tuesday is silenced and Wednesday resumes
    expect(snoozeUntil('2022-06-10', '2022-06-20', null)).toBe('2022-06-15');
  });

  it('adds a working day to a snooze already running', () => {
    expect(snoozeUntil('2022-06-02', '2022-06-20', '2022-06-06')).toBe('2022-06-07');
    // a snooze that ends tomorrow counts from tomorrow, like none
    expect(snoozeUntil('2022-06-02', '2022-06-20', '2022-06-03')).toBe('2022-06-06');
  });

  it('never silences the last working day up to the deadline', () => {
    expect(snoozeUntil('2022-06-01', '2022-06-03', null)).toBe('2022-06-03');
    expect(snoozeUntil('2022-06-01', '2022-06-03', '2022-06-03')).toBeNull();
    // a Sunday deadline: its reminder goes out on Friday, which is tomorrow
    expect(snoozeUntil('2022-06-02', '2022-06-05', null)).toBeNull();
    expect(snoozeUntil('2022-06-02', '2022-06-02', null)).toBeNull();
    expect(snoozeUntil('2022-06-02', '2022-05-31', null)).toBeNull();
  });
});
