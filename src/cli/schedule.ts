import { IANAZone } from 'luxon';
import { loadConfig } from '../config/env.js';
import type { LocalDate } from '../domain/local-date.js';
import { calendarStatus } from '../schedule/calendar.js';
import { loadScheduleFile, readSchedules } from '../schedule/load.js';
import { formatDotted } from '../schedule/local-date.js';
import { expandOccurrences } from '../schedule/occurrences.js';
import { formatProblem } from '../schedule/schedule-file-error.js';
import { parseDateCell } from '../schedule/schema.js';
import type { Schedule } from '../schedule/types.js';
import { type Command, type Io, UsageError } from './io.js';
import { occurrenceTable } from './occurrence-table.js';
import { parseOptions } from './options.js';
import { schedulesOrReport } from './command-support.js';
import { scheduleDraft } from './schedule-draft.js';
import { scheduleWhen } from './schedule-when.js';

const USAGE = `Usage:
  roadmap-bot schedule check [files or directories...]   validate schedules (default: SCHEDULES_DIR)
  roadmap-bot schedule show <file> [--from DATE] [--to DATE] [--zone ZONE]
                                                         list occurrences (DATE: DD.MM.YYYY or YYYY-MM-DD)
  roadmap-bot schedule when "<phrase>" [--year YYYY] [--json]
                                                         what the bot reads from one date phrase
  roadmap-bot schedule draft <file.docx|file.xlsx|file.txt> [--year YYYY] [--id ID] [--out FILE] [--sheet NAME]
                                                         draft a schedule from a roadmap document`;

/** The whole calendar: `show` without bounds lists every occurrence of the file. */
const EVERYTHING = { from: '0001-01-01', to: '9999-12-31' } as const;

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function occurrenceCount(schedule: Schedule): number {
  return expandOccurrences(schedule, EVERYTHING.from, EVERYTHING.to, schedule.timeZone).length;
}

function check(argv: string[], io: Io): number {
  const { positionals } = parseOptions({ args: argv, allowPositionals: true, options: {} }, USAGE);
  const paths = positionals.length > 0 ? positionals : [loadConfig(io.env).SCHEDULES_DIR];
  const { results, problems } = readSchedules(paths);
  if (results.length === 0) {
    io.err(`No schedule files (*.yaml, *.yml) in ${paths.join(', ')}`);
    return 1;
  }
  for (const { file, schedule } of results) {
    if (schedule === null) continue;
    io.out(`${file}: ${schedule.id}: ${count(schedule.milestones.length, 'milestone')}, ${count(occurrenceCount(schedule), 'occurrence')}`);
    const calendar = calendarStatus(schedule.year);
    if (calendar.provisional) {
      io.out(`${file}: warning: working days of ${schedule.year} are provisional (${calendar.source}): no decree on moved days off yet`);
    }
  }
  if (problems.length === 0) return 0;
  io.err(problems.map(formatProblem).join('\n'));
  const failed = results.filter((r) => r.schedule === null).length;
  io.err(`${count(problems.length, 'problem')} in ${failed} of ${count(results.length, 'file')}`);
  return 1;
}

function dateOption(name: string, value: string | undefined, fallback: LocalDate): LocalDate {
  if (value === undefined) return fallback;
  const parsed = parseDateCell(value);
  if ('error' in parsed) throw new UsageError(`--${name}: ${parsed.error}`);
  return parsed.date;
}

function show(argv: string[], io: Io): number {
  const { values, positionals } = parseOptions(
    { args: argv, allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, zone: { type: 'string' } } },
    USAGE,
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`schedule show takes exactly one file.\n\n${USAGE}`);
  const from = dateOption('from', values.from, EVERYTHING.from);
  const to = dateOption('to', values.to, EVERYTHING.to);
  if (values.zone !== undefined && !IANAZone.isValidZone(values.zone)) {
    throw new UsageError(`--zone: "${values.zone}" is not an IANA time zone, e.g. Europe/Saratov`);
  }
  const schedule = schedulesOrReport(io, () => loadScheduleFile(file));
  if (schedule === null) return 1;
  const zone = values.zone ?? schedule.timeZone;
  const occurrences = expandOccurrences(schedule, from, to, zone);
  const span = values.from === undefined && values.to === undefined ? '' : ` between ${formatDotted(from)} and ${formatDotted(to)}`;
  io.out(`${schedule.id}: ${schedule.title}`);
  io.out(`${count(occurrences.length, 'occurrence')}${span}, times in ${zone}`);
  if (occurrences.length > 0) io.out(occurrenceTable(occurrences));
  return 0;
}

/** `roadmap-bot schedule check|show|when|draft`. */
export const scheduleCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return check(rest, io);
    case 'show':
      return show(rest, io);
    case 'when':
      return scheduleWhen(rest, io);
    case 'draft':
      return scheduleDraft(rest, io);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      throw new UsageError(sub === undefined ? USAGE : `Unknown schedule command "${sub}".\n\n${USAGE}`);
  }
};
