import { type Clock, systemClock } from '../config/clock.js';
import type { LocalDate } from '../domain/local-date.js';
import { DatePhraseError } from '../schedule/date-phrase-error.js';
import { formatDotted } from '../schedule/local-date.js';
import { recurrenceDates } from '../schedule/recurrence-dates.js';
import { parseWhen } from '../schedule/ru-dates.js';
import type { ParsedWhen, Recurrence } from '../schedule/types.js';
import { type Command, UsageError } from './io.js';
import { parseOptions } from './options.js';

const USAGE = 'Usage: roadmap-bot schedule when "<phrase>" [--year YYYY] [--json]';

/** What `schedule when --json` prints: one object, the same shape for every kind. */
export interface WhenSummary {
  kind: ParsedWhen['kind'];
  start: LocalDate | null;
  due: LocalDate | null;
  /** Every day of a series, or each day of a multi-date cell; empty otherwise. */
  dates: LocalDate[];
  note: string | null;
}

/**
 * The flat view of a reading: a series or a multi-date cell starts on its first date and is due
 * on its last; a continuous item spans its window (both null for "ежегодно").
 */
export function summarizeWhen(when: ParsedWhen): WhenSummary {
  const note = when.note;
  switch (when.kind) {
    case 'due':
      return { kind: when.kind, start: null, due: when.due, dates: [], note };
    case 'window':
      return { kind: when.kind, start: when.start, due: when.due, dates: [], note };
    case 'continuous':
      return { kind: when.kind, start: when.span?.start ?? null, due: when.span?.end ?? null, dates: [], note };
    case 'dates':
    case 'recurring': {
      const dates = when.kind === 'dates' ? when.dates : recurrenceDates(when.recurrence);
      return { kind: when.kind, start: dates[0] ?? null, due: dates.at(-1) ?? null, dates, note };
    }
  }
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NTH_NAMES: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };

function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? String(weekday);
}

function describeRecurrence(recurrence: Recurrence): string {
  const ranges = recurrence.ranges.map((r) => `${formatDotted(r.start)}–${formatDotted(r.end)}`).join(', ');
  if (recurrence.freq === 'weekly') return `weekly on ${recurrence.weekdays.map(weekdayName).join(' and ')}, ${ranges}`;
  if ('nth' in recurrence) return `monthly on the ${NTH_NAMES[recurrence.nth] ?? recurrence.nth} ${weekdayName(recurrence.weekday)}, ${ranges}`;
  return `monthly on day ${recurrence.dayOfMonth}, ${ranges}`;
}

function kindMeaning(when: ParsedWhen): string {
  switch (when.kind) {
    case 'due':
      return when.period === undefined ? 'a deadline' : "a deadline on the month's last day; a meeting is held within the month";
    case 'window':
      return 'work between start and due';
    case 'continuous':
      return 'no deadline, never reminded as overdue';
    case 'dates':
      return 'a deadline on each date';
    case 'recurring':
      return describeRecurrence(when.recurrence);
  }
}

/** Lines of the readable answer: labels in English, dates as the roadmap writes them. */
function readable(phrase: string, when: ParsedWhen): string {
  const summary = summarizeWhen(when);
  const lines = [`Phrase: ${phrase}`, `Kind:   ${when.kind} (${kindMeaning(when)})`];
  if (summary.start !== null) lines.push(`Start:  ${formatDotted(summary.start)}`);
  if (summary.due !== null) lines.push(`Due:    ${formatDotted(summary.due)}`);
  if (summary.dates.length > 0) {
    lines.push(`Dates:  ${summary.dates.length}`);
    for (let i = 0; i < summary.dates.length; i += 7) {
      lines.push(`        ${summary.dates.slice(i, i + 7).map(formatDotted).join(', ')}`);
    }
  }
  if (when.time !== null) lines.push(`Time:   ${when.time}`);
  if (when.note !== null) lines.push(`Note:   ${when.note}`);
  if (when.done) lines.push('Done:   yes (the roadmap marks it done)');
  return lines.join('\n');
}

function yearOption(value: string | undefined, clock: Clock): number {
  if (value === undefined) return clock.now().year;
  const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(year >= 2000 && year <= 2099)) throw new UsageError(`--year: expected a year from 2000 to 2099, got "${value}"\n\n${USAGE}`);
  return year;
}

/**
 * `roadmap-bot schedule when "<phrase>" [--year YYYY] [--json]`: what the bot reads from one date
 * cell, so a coordinator can try it before putting it in a schedule. `--year` is the schedule year
 * for phrases without one (default: the current year by `clock`). Unreadable: the error on stderr, exit 1.
 */
export function createScheduleWhen(clock: Clock): Command {
  return (argv, io) => {
    const { values, positionals } = parseOptions(
      { args: argv, allowPositionals: true, options: { year: { type: 'string' }, json: { type: 'boolean', default: false } } },
      USAGE,
    );
    if (positionals.length === 0) throw new UsageError(`schedule when needs a phrase.\n\n${USAGE}`);
    // An unquoted phrase arrives as several words; it means the same as the quoted one.
    const phrase = positionals.join(' ');
    const year = yearOption(values.year, clock);
    let when: ParsedWhen;
    try {
      when = parseWhen(phrase, { year });
    } catch (error) {
      if (!(error instanceof DatePhraseError)) throw error;
      io.err(error.message);
      return 1;
    }
    io.out(values.json ? JSON.stringify(summarizeWhen(when)) : readable(phrase, when));
    return 0;
  };
}

export const scheduleWhen: Command = createScheduleWhen(systemClock);
