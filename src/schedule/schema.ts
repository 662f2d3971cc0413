import { IANAZone } from 'luxon';
import { z } from 'zod';
import { FEDERAL_SUBJECTS } from '../domain/federal-subjects.js';
import { openGuillemets } from '../domain/guillemets.js';
import type { LocalDate } from '../domain/local-date.js';
import { ROLES, SCOPES } from '../domain/roles.js';
import { quoted } from '../domain/quote.js';
import { calendarDateProblem, formatDotted, localDate } from './local-date.js';
import { MAX_YEAR, MIN_YEAR } from './ru-dates.js';
import { type DateSpan, INDICATOR_MAX, MILESTONE_KINDS, type MilestoneRef, type ParsedWhen, type Recurrence, TRACKS, type Weekday } from './types.js';

/**
 * The schedule file as written in YAML (snake_case), validated with zod. Objects are strict: an unknown
 * field is an error, so a typo such as `confirm_bye` can never pass silently.
 */

/**
 * Reads a calendar date written as `DD.MM.YYYY` or `YYYY-MM-DD`; returns the ISO date or a message saying
 * what is wrong with it.
 */
export function parseDateCell(text: string): { date: LocalDate } | { error: string } {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { error: `${quoted(text)} is not a date (expected DD.MM.YYYY or YYYY-MM-DD)` };
  const iso = text.includes('-');
  const [year, month, day] = (iso ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]]).map(Number) as [
    number,
    number,
    number,
  ];
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `"${text}": the year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}` };
  const problem = calendarDateProblem(year, month, day);
  return problem === null ? { date: localDate(year, month, day) } : { error: `"${text}" is not a date (${problem})` };
}

const dateCell = z.string().transform((text, ctx) => {
  const parsed = parseDateCell(text);
  if ('date' in parsed) return parsed.date;
  ctx.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id of a-z, 0-9 and single dashes, e.g. "vks-weekly"');
const text = z.string().trim().min(1, 'expected a non-empty text');
/** A link people open from a message: http(s) to a public host, never `javascript:` or a bare word. */
const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'expected an http(s) URL, e.g. https://500plus.obrnadzor.gov.ru/' });
const role = z.enum(ROLES);
/** A text messages quote as «{ title }»: a « left open runs into the rest of the message. */
const quotableText = text.refine(
  (value) => openGuillemets(value) === 0,
  'expected «» quotes in pairs, each « closed by a » (messages quote it as «…»)',
);

const SUBJECT_CODES: ReadonlySet<string> = new Set(FEDERAL_SUBJECTS.map((s) => s.code));
const regionCode = z.string().superRefine((code, ctx) => {
  if (!SUBJECT_CODES.has(code)) {
    ctx.addIssue({ code: 'custom', message: `${quoted(code)} is not a federal subject: expected an ISO 3166-2:RU code, e.g. RU-SAR` });
  }
});

const WEEKDAYS = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;
const weekday = z.enum(Object.keys(WEEKDAYS) as [keyof typeof WEEKDAYS, ...(keyof typeof WEEKDAYS)[]]);

const span = z.strictObject({ from: dateCell, to: dateCell });

type CheckedWhen = z.output<typeof structuredWhenFields>;

/** What a validated structured `when` means, and a rendering of it for `whenText`. */
function readStructuredWhen(when: CheckedWhen): ReadWhen {
  const common = { note: null, done: false, time: null };
  if (when.due !== undefined) {
    if (when.start === undefined) return { parsed: { ...common, kind: 'due', due: when.due }, text: `до ${formatDotted(when.due)}` };
    return {
      parsed: { ...common, kind: 'window', start: when.start, due: when.due },
      text: `${formatDotted(when.start)} – ${formatDotted(when.due)}`,
    };
  }
  const ranges: DateSpan[] = (when.ranges ?? (when.from && when.to ? [{ from: when.from, to: when.to }] : [])).map(
    (r) => ({ start: r.from, end: r.to }),
  );
  const rangeText = ranges.map((r) => `${formatDotted(r.start)}–${formatDotted(r.end)}`).join(', ');
  const m = when.monthly;
  let recurrence: Recurrence;
  let head: string;
  if (when.weekly !== undefined) {
    recurrence = { freq: 'weekly', weekdays: when.weekly.map((d): Weekday => WEEKDAYS[d]), ranges };
    head = `weekly ${when.weekly.join(',')}`;
  } else if (m?.day !== undefined) {
    recurrence = { freq: 'monthly', dayOfMonth: m.day, ranges };
    head = `monthly day ${m.day}`;
  } else if (m?.nth !== undefined && m.weekday !== undefined) {
    recurrence = { freq: 'monthly', nth: m.nth, weekday: WEEKDAYS[m.weekday], ranges };
    head = `monthly ${m.nth === -1 ? 'last' : `#${m.nth}`} ${m.weekday}`;
  } else {
    throw new Error('readStructuredWhen: called on a `when` that failed validation');
  }
  return { parsed: { ...common, kind: 'recurring', recurrence }, text: `${head} ${rangeText}` };
}

/**
 * The structured alternative to a phrase: `{due}` or `{start, due}`; `{weekly: [tue], from, to}`;
 * `{monthly: {nth: -1, weekday: tue}, from, to}` or `{monthly: {day: 15}, ...}`; `ranges: [{from, to}, ...]`
 * instead of `from`/`to` for a series with breaks.
 */
const structuredWhenFields = z.strictObject({
  start: dateCell.optional(),
  due: dateCell.optional(),
  weekly: z.array(weekday).min(1, 'expected at least one weekday').optional(),
  monthly: z
    .strictObject({
      nth: z.literal([1, 2, 3, 4, 5, -1]).optional(),
      weekday: weekday.optional(),
      day: z.int().min(1).max(31).optional(),
    })
    .optional(),
  from: dateCell.optional(),
  to: dateCell.optional(),
  ranges: z.array(span).min(1).optional(),
});

const structuredWhen = structuredWhenFields
  .superRefine((when, ctx) => {
    const forms = [when.due !== undefined, when.weekly !== undefined, when.monthly !== undefined].filter(Boolean);
    if (forms.length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of `due` (with optional `start`), `weekly` or `monthly`' });
      return;
    }
    if (when.due !== undefined) {
      for (const key of ['from', 'to', 'ranges'] as const) {
        if (when[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `\`${key}\` belongs to a recurrence, not to {start, due}` });
      }
      if (when.start !== undefined && when.start > when.due) {
        ctx.addIssue({ code: 'custom', path: ['start'], message: `start ${when.start} is after due ${when.due}` });
      }
      return;
    }
    if (when.start !== undefined) ctx.addIssue({ code: 'custom', path: ['start'], message: '`start` belongs to {start, due}, not to a recurrence' });
    const hasFromTo = when.from !== undefined || when.to !== undefined;
    if (hasFromTo === (when.ranges !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a recurrence needs either `from` and `to`, or `ranges`' });
    } else if (hasFromTo && (when.from === undefined || when.to === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a recurrence needs both `from` and `to`' });
    }
    for (const [i, r] of (when.ranges ?? (when.from && when.to ? [{ from: when.from, to: when.to }] : [])).entries()) {
      if (r.from > r.to) {
        ctx.addIssue({ code: 'custom', path: when.ranges ? ['ranges', i] : ['from'], message: `from ${r.from} is after to ${r.to}` });
      }
    }
    const m = when.monthly;
    if (m !== undefined && (m.day !== undefined) === (m.nth !== undefined || m.weekday !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['monthly'], message: 'expected either {nth, weekday} or {day}' });
    } else if (m !== undefined && m.day === undefined && (m.nth === undefined || m.weekday === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['monthly'], message: 'expected both `nth` and `weekday`' });
    }
  })
  .transform(readStructuredWhen);

/** A `when` already understood: what it means and how to show it (`whenText`). */
export interface ReadWhen {
  parsed: ParsedWhen;
  text: string;
}

/** `when`: a Russian phrase as written in the roadmap, or the structured form. */
const when = z.unknown().transform((value, ctx): string | ReadWhen => {
  if (typeof value === 'string') {
    if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'expected a date phrase, got an empty text' });
    return value;
  }
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'required: a date phrase or {start, due} / recurrence object' });
    return z.NEVER;
  }
  const parsed = structuredWhen.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
  return z.NEVER;
});

const reminderOffset = z.string().regex(/^(0|-[1-9]\d*)d$/, 'expected a reminder offset like "-7d", "-1d" or "0d"');
const escalationStep = z.string().regex(/^\+[1-9]\d*wd$/, 'expected working days after the due date like "+1wd"');

const policy = z.strictObject({
  reminders: z.array(reminderOffset).optional(),
  escalation: z.array(escalationStep).optional(),
  repeat_every: escalationStep.optional(),
  max_repeats: z.int().min(0).optional(),
});

export const rawMilestoneSchema = z.strictObject({
  id: kebabId,
  title: quotableText,
  kind: z.enum(MILESTONE_KINDS),
  when,
  scope: z.enum(SCOPES),
  assignee: role,
  confirm_by: role.optional(),
  attendees: z.array(role).min(1).optional(),
  /** A short name of the milestone's indicator for digests (one line each); default: the title shortened. */
  indicator: quotableText.max(INDICATOR_MAX, `expected at most ${INDICATOR_MAX} characters: a digest line names it`).optional(),
  kpi: text.optional(),
  source: text.optional(),
  executor: text.optional(),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:mm, e.g. 10:00').optional(),
  link: httpUrl.optional(),
  /** The key of the `systems` entry where the work is done (ИС МЭДК, ФИС ОКО): its messages name it and its link. */
  system: kebabId.optional(),
  notes: text.optional(),
  track: z.enum(TRACKS).optional(),
  policy: policy.optional(),
  /** The federal milestone this regional one is, in the schedule's regions: `<schedule-id>/<milestone-id>`. */
  same_as: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, 'expected <schedule-id>/<milestone-id>, e.g. "500plus-federal-2022/stage-1-monitoring"')
    .transform((ref): MilestoneRef => {
      const [scheduleId = '', milestoneId = ''] = ref.split('/');
      return { scheduleId, milestoneId };
    })
    .optional(),
});
export type RawMilestone = z.output<typeof rawMilestoneSchema>;

/**
 * An information system where milestones' work is done. `name` is written as a message says it after «в»
 * («Разместите документы в ИС МЭДК», «… в системе «Электронная анкета»»).
 */
export const rawSystemSchema = z.strictObject({ name: text, link: httpUrl.optional() });

/** A schedule's year, bounded as the date phrases are (2000–2099). */
export const scheduleYear = z
  .int()
  .min(MIN_YEAR, `expected a year within ${MIN_YEAR}–${MAX_YEAR}`)
  .max(MAX_YEAR, `expected a year within ${MIN_YEAR}–${MAX_YEAR}`);

export const rawScheduleSchema = z.strictObject({
  id: kebabId,
  title: text,
  year: scheduleYear,
  time_zone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone, e.g. Europe/Saratov'),
  chain: z
    .array(role)
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'expected each role at most once')
    .default([...ROLES]),
  /** The regions the schedule applies to; absent: every region (a federal roadmap). */
  regions: z
    .array(regionCode)
    .min(1, 'expected at least one region code, or no `regions` field for every region')
    .refine((codes) => new Set(codes).size === codes.length, 'expected each region at most once')
    .optional(),
  /** The systems its milestones name with `system: <key>`. */
  systems: z.record(kebabId, rawSystemSchema).optional(),
  /** Checked one by one with `rawMilestoneSchema`, so one bad milestone does not hide the others' errors. */
  milestones: z.array(z.unknown()).min(1, 'expected at least one milestone'),
});
export type RawSchedule = z.output<typeof rawScheduleSchema>;

