/**
 * Working-day calendar and occurrence expansion speed: the planner asks the calendar hundreds of
 * thousands of times per tick and expands both 500+ schedules for every preview.
 */
import { performance } from 'node:perf_hooks';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../src/schedule/calendar.js';
import { fromDayNumber, toDayNumber } from '../src/schedule/day-number.js';
import { loadSchedules } from '../src/schedule/load.js';
import { expandOccurrences } from '../src/schedule/occurrences.js';
import { report } from './report.js';

const first = toDayNumber('2021-01-01');
const dates = Array.from({ length: 6 * 365 }, (_, i) => fromDayNumber(first + i));

function perSecond(runs: number, body: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 10_000; i += 1) sink += body(i) ? 1 : 0;
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) sink += body(i) ? 1 : 0;
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return runs / seconds;
}

const pick = (i: number): string => dates[i % dates.length] ?? '2022-01-01';
report('calendar.isWorkingDay', perSecond(2_000_000, (i) => isWorkingDay(pick(i))) / 1e6, 'M ops/s', '>= 1');
report('calendar.addWorkingDays(+5)', perSecond(500_000, (i) => addWorkingDays(pick(i), 5)) / 1e6, 'M ops/s');
report(
  'calendar.workingDaysBetween',
  perSecond(500_000, (i) => workingDaysBetween(pick(i), pick(i * 7 + 13))) / 1e6,
  'M ops/s',
);

const schedules = loadSchedules('schedules');
const expansions = 200;
const started = performance.now();
let occurrences = 0;
for (let i = 0; i < expansions; i += 1) {
  for (const schedule of schedules) {
    occurrences += expandOccurrences(schedule, '2022-01-01', '2022-12-31', 'Europe/Saratov').length;
  }
}
report('occurrences.expand(both 500+ files, 2022)', (performance.now() - started) / expansions, 'ms', '< 10');
report('occurrences.count(both 500+ files, 2022)', occurrences / expansions, 'occurrences');
