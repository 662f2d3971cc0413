import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { DatePhraseError } from './date-phrase-error.js';
import { parseWhen } from './ru-dates.js';
import { type ScheduleProblem, ScheduleFileError } from './schedule-file-error.js';
import { closeGuillemets } from '../domain/guillemets.js';
import { QUOTE_MAX, quoted } from '../domain/quote.js';
import { seriesSpanProblem } from './recurrence-dates.js';
import { type RawMilestone, type ReadWhen, rawMilestoneSchema, rawScheduleSchema, rawSystemSchema, scheduleYear } from './schema.js';
import { INDICATOR_MAX, type Milestone, type MilestoneSystem, type ParsedWhen, type Schedule } from './types.js';

type PathSegment = string | number;

/** Turns field paths into positions in the YAML source. */
interface Locator {
  /** Position of the value at `path`, or of the nearest enclosing node that exists. */
  at(path: readonly PathSegment[]): { line: number; col: number };
  /** Position of the key `key` of the mapping at `path`. */
  atKey(path: readonly PathSegment[], key: string): { line: number; col: number };
}

function formatPath(path: readonly PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

function makeLocator(contents: Node | null, lineCounter: LineCounter): Locator {
  const position = (node: Node | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return pos.line === 0 ? { line: 1, col: offset + 1 } : pos;
  };
  const walk = (path: readonly PathSegment[]): { node: Node | null; complete: boolean } => {
    let node: Node | null = contents;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
        if (!pair) return { node, complete: false };
        // `when:` with nothing after it has no value node: point at the key instead.
        const next = (pair.value ?? pair.key) as Node | null;
        node = next;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg] as Node;
      } else {
        return { node, complete: false };
      }
    }
    return { node, complete: true };
  };
  return {
    at: (path) => position(walk(path).node),
    atKey: (path, key) => {
      const { node, complete } = walk(path);
      const pair = complete && isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
      return position((pair?.key as Node | undefined) ?? node);
    },
  };
}

/** Collects problems for one file, each placed at its offending value. */
class ProblemList {
  readonly items: ScheduleProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly locator: Locator,
  ) {}

  add(path: readonly PathSegment[], message: string): void {
    this.items.push({ file: this.file, ...this.locator.at(path), path: formatPath(path), message });
  }

  addZodIssues(prefix: readonly PathSegment[], issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path.filter((s): s is PathSegment => typeof s !== 'symbol')];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          this.items.push({ file: this.file, ...this.locator.atKey(path, key), path: formatPath([...path, key]), message: 'unknown field' });
        }
      } else if (issue.code === 'invalid_key') {
        // a map's key (a `systems` entry) is wrong: point at the key and say why, not zod's "Invalid key in record"
        const key = path[path.length - 1] ?? '';
        const message = issue.issues.map((inner) => inner.message).join('; ');
        this.items.push({ file: this.file, ...this.locator.atKey(path.slice(0, -1), String(key)), path: formatPath(path), message });
      } else {
        this.add(path, issue.message);
      }
    }
  }
}

/** Messages that say what was expected and what was found, rather than zod's "Invalid input". */
const zodMessages: z.core.$ZodErrorMap = (issue) => {
  const found = issue.input === undefined ? null : `got ${shortJson(issue.input)}`;
  let expected: string;
  if (issue.code === 'invalid_value') expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  else if (issue.code === 'invalid_type') expected = issue.expected;
  else return undefined;
  return found === null ? `required: expected ${expected}` : `expected ${expected}, ${found}`;
};

/** A value as an error quotes it: a string through `quoted`, anything else as JSON cut to `QUOTE_MAX` characters. */
function shortJson(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > QUOTE_MAX ? `${json.slice(0, QUOTE_MAX)}… (${json.length} characters)` : json;
}

/**
 * Aliases a file may resolve, nested ones counted as often as they expand: 120 milestones sharing one
 * `policy: &pol` need 120, a "billion laughs" file billions (yaml's default, 100, refused the first).
 */
const MAX_ALIAS_COUNT = 10_000;

/** Where aliases expand past `MAX_ALIAS_COUNT`: at the first alias, as yaml does not say which one. */
function aliasBomb(doc: Document, lineCounter: LineCounter, file: string): ScheduleProblem {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return {
    file,
    ...lineCounter.linePos(offset),
    path: '',
    message: `YAML aliases expand to more than ${MAX_ALIAS_COUNT.toLocaleString('en')} values: write the repeated part out, or use fewer aliases of aliases`,
  };
}

/** Year of dates written without one while `year` itself is wrong; a leap year, so 29 February reads. */
const STAND_IN_YEAR = 2024;

/** The schedule's `year` when it is valid, whatever the rest of the head says. */
function yearOf(data: unknown): number | null {
  if (typeof data !== 'object' || data === null || !('year' in data)) return null;
  const parsed = scheduleYear.safeParse(data.year);
  return parsed.success ? parsed.data : null;
}

/**
 * The `systems` map by key, whatever the rest of the head says: a milestone naming a key that is written there
 * is no error even while that entry's own fields are wrong (null here; the head reports them).
 */
function systemsOf(data: unknown): Map<string, MilestoneSystem | null> {
  const systems = new Map<string, MilestoneSystem | null>();
  if (typeof data !== 'object' || data === null || !('systems' in data)) return systems;
  const map = data.systems;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return systems;
  for (const [key, value] of Object.entries(map)) {
    const parsed = rawSystemSchema.safeParse(value);
    systems.set(key, parsed.success ? { name: parsed.data.name, link: parsed.data.link ?? null } : null);
  }
  return systems;
}

function unknownSystem(key: string, systems: ReadonlyMap<string, unknown>): string {
  if (systems.size === 0) return `unknown system ${quoted(key)}: the schedule has no \`systems\` map to define it in`;
  return `unknown system ${quoted(key)}: expected a key of \`systems\` (${[...systems.keys()].sort().join(', ')})`;
}

function readWhen(raw: string | ReadWhen, year: number): ParsedWhen | { error: string } {
  if (typeof raw !== 'string') return raw.parsed;
  try {
    return parseWhen(raw, { year });
  } catch (error) {
    if (error instanceof DatePhraseError) return { error: error.message };
    throw error;
  }
}

function checkMilestone(raw: RawMilestone, at: PathSegment[], problems: ProblemList): void {
  if (raw.confirm_by !== undefined && raw.confirm_by === raw.assignee) {
    problems.add([...at, 'confirm_by'], `"${raw.confirm_by}" would confirm its own work: confirm_by must differ from assignee`);
  }
  if (raw.confirm_by !== undefined && raw.track !== undefined && raw.track !== 'completion') {
    problems.add([...at, 'confirm_by'], `only completion can be confirmed, but track is "${raw.track}"`);
  }
  if (raw.attendees !== undefined && raw.kind !== 'meeting') {
    problems.add([...at, 'attendees'], `only meetings have attendees (kind is "${raw.kind}")`);
  }
  if (raw.attendees !== undefined && new Set(raw.attendees).size !== raw.attendees.length) {
    problems.add([...at, 'attendees'], 'expected each role at most once');
  }
  if (raw.policy?.max_repeats !== undefined && raw.policy.repeat_every === undefined) {
    problems.add([...at, 'policy', 'max_repeats'], 'max_repeats needs repeat_every');
  }
}

/**
 * A title as a digest's indicator name: whole words up to `INDICATOR_MAX` characters, an ellipsis where it was
 * cut, and no quote left open by the cut (a title's «…» would otherwise run into the figures).
 */
export function shortIndicator(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  if (flat.length <= INDICATOR_MAX) return flat;
  const room = flat.slice(0, INDICATOR_MAX - 1);
  const cut = room.lastIndexOf(' ');
  // a dangling preposition or conjunction ("… кураторов с…") reads worse than one word less
  const short = (cut > INDICATOR_MAX / 2 ? room.slice(0, cut) : room).replace(/(\s+[а-яё]{1,2})+$/iu, '').replace(/[\s,;:.(«–-]+$/u, '');
  return `${closeGuillemets(short)}…`;
}

function toMilestone(raw: RawMilestone, when: ParsedWhen, line: number, system: MilestoneSystem | null): Milestone {
  const policy = raw.policy ?? {};
  return {
    id: raw.id,
    title: raw.title,
    kind: raw.kind,
    whenText: typeof raw.when === 'string' ? raw.when : raw.when.text,
    when,
    scope: raw.scope,
    assignee: raw.assignee,
    confirmBy: raw.confirm_by ?? null,
    attendees: raw.attendees ?? [raw.assignee],
    indicator: raw.indicator ?? shortIndicator(raw.title),
    kpi: raw.kpi ?? null,
    source: raw.source ?? null,
    executor: raw.executor ?? null,
    at: raw.at ?? when.time,
    link: raw.link ?? system?.link ?? null,
    system,
    notes: raw.notes ?? null,
    track: raw.track ?? (raw.kind === 'meeting' ? 'attendance' : 'completion'),
    policy: {
      ...(policy.reminders && { reminders: policy.reminders }),
      ...(policy.escalation && { escalation: policy.escalation }),
      ...(policy.repeat_every && { repeatEvery: policy.repeat_every }),
      ...(policy.max_repeats !== undefined && { maxRepeats: policy.max_repeats }),
    },
    done: when.done,
    line,
    sameAs: raw.same_as ?? null,
  };
}

/** The milestone list as written, even when the rest of the document is invalid. */
function milestonesOf(data: unknown): unknown[] {
  if (typeof data !== 'object' || data === null || !('milestones' in data)) return [];
  return Array.isArray(data.milestones) ? (data.milestones as unknown[]) : [];
}

/** The `when` phrase of a milestone that failed validation, when it has one. */
function phraseOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('when' in value)) return null;
  return typeof value.when === 'string' ? value.when : null;
}

/** The outcome of reading one file: the schedule when it is valid, and every problem found. */
export interface ScheduleReadResult {
  schedule: Schedule | null;
  problems: ScheduleProblem[];
  /** Where the schedule's `id` is written, for problems that span files. */
  idAt: { line: number; col: number };
  /** Where each milestone's `same_as` is written (by milestone id), checked against the other files. */
  sameAsAt?: ReadonlyMap<string, { line: number; col: number; path: string }>;
}

/**
 * Validates a schedule's YAML text (pure: no file access). `file` is only used in problem reports.
 * Every problem is reported, not just the first.
 */
export function parseScheduleText(text: string, file: string): ScheduleReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      ...lineCounter.linePos(error.pos[0]),
      path: '',
      message: `YAML syntax: ${error.message}`,
    }));
    return { schedule: null, problems, idAt: { line: 1, col: 1 } };
  }
  const locator = makeLocator(doc.contents, lineCounter);
  const problems = new ProblemList(file, locator);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { schedule: null, problems: [aliasBomb(doc, lineCounter, file)], idAt: { line: 1, col: 1 } };
  }
  const head = rawScheduleSchema.safeParse(data, { error: zodMessages });
  if (!head.success) problems.addZodIssues([], head.error.issues);
  const rawMilestones = milestonesOf(data);
  // a wrong `year` (or any other wrong head field) must not hide the milestones' own problems: their dates
  // are still read, those without a year of their own in a stand-in leap year, so 29.02 is no false alarm
  const year = yearOf(data) ?? STAND_IN_YEAR;
  const systems = systemsOf(data);

  const milestones: Milestone[] = [];
  const sameAsAt = new Map<string, { line: number; col: number; path: string }>();
  const firstLineById = new Map<string, number>();
  for (const [index, value] of rawMilestones.entries()) {
    const at: PathSegment[] = ['milestones', index];
    const parsed = rawMilestoneSchema.safeParse(value, { error: zodMessages });
    if (!parsed.success) {
      problems.addZodIssues(at, parsed.error.issues);
      // The phrase is still worth checking: fixing the other fields should not reveal a new error.
      const phrase = phraseOf(value);
      const whenFailed = parsed.error.issues.some((issue) => issue.path[0] === 'when');
      if (phrase !== null && !whenFailed) {
        const when = readWhen(phrase, year);
        if ('error' in when) problems.add([...at, 'when'], when.error);
      }
      continue;
    }
    const raw = parsed.data;
    const line = locator.at(at).line;
    const first = firstLineById.get(raw.id);
    if (first === undefined) firstLineById.set(raw.id, line);
    else problems.add([...at, 'id'], `duplicate id ${quoted(raw.id)} (first used on line ${first})`);
    checkMilestone(raw, at, problems);
    if (raw.system !== undefined && !systems.has(raw.system)) problems.add([...at, 'system'], unknownSystem(raw.system, systems));
    if (raw.same_as !== undefined) {
      const path = [...at, 'same_as'];
      sameAsAt.set(raw.id, { ...locator.at(path), path: formatPath(path) });
      if (head.success && raw.same_as.scheduleId === head.data.id) problems.add(path, 'same_as names a milestone of this schedule: it says which milestone of another (the federal) schedule this one is');
      if (head.success && head.data.regions === undefined) {
        problems.add(path, 'same_as needs `regions`: it says this milestone is the other schedule\'s one in these regions');
      }
    }
    const when = readWhen(raw.when, year);
    const span = 'error' in when ? null : seriesSpanProblem(when);
    if ('error' in when) problems.add([...at, 'when'], when.error);
    else if (span !== null) problems.add([...at, 'when'], span);
    else milestones.push(toMilestone(raw, when, line, raw.system === undefined ? null : (systems.get(raw.system) ?? null)));
  }

  const idAt = locator.at(['id']);
  if (!head.success || problems.items.length > 0) {
    const inReadingOrder = [...problems.items].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    return { schedule: null, problems: inReadingOrder, idAt };
  }
  const { id, title, year: scheduleYear, time_zone: timeZone, chain, regions } = head.data;
  const schedule: Schedule = { id, title, year: scheduleYear, timeZone, chain, ...(regions && { regions }), milestones, file };
  return { schedule, problems: [], idAt, sameAsAt };
}

function readOne(file: string): ScheduleReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { schedule: null, problems: [{ file, line: null, col: null, path: '', message: `cannot read: ${reason}` }], idAt: { line: 1, col: 1 } };
  }
  return parseScheduleText(text, file);
}

/** Reads and validates one schedule file; throws `ScheduleFileError` listing every problem in it. */
export function loadScheduleFile(file: string): Schedule {
  const { schedule, problems } = readOne(file);
  if (schedule === null) throw new ScheduleFileError(problems);
  return schedule;
}

/** The `.yaml`/`.yml` files of a directory (sorted), or the path itself when it is a file. */
function scheduleFiles(dirOrFiles: string | readonly string[]): string[] {
  const paths = typeof dirOrFiles === 'string' ? [dirOrFiles] : dirOrFiles;
  return paths.flatMap((path) => {
    const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    if (!isDir) return [path];
    return readdirSync(path)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(path, name));
  });
}

/** Everything read from several files: the valid schedules and every problem, including ids shared across files. */
export function readSchedules(dirOrFiles: string | readonly string[]): {
  results: { file: string; schedule: Schedule | null }[];
  problems: ScheduleProblem[];
} {
  const files = scheduleFiles(dirOrFiles);
  const results: { file: string; schedule: Schedule | null }[] = [];
  const problems: ScheduleProblem[] = [];
  const references: { schedule: Schedule; at: ReadonlyMap<string, { line: number; col: number; path: string }> }[] = [];
  const fileById = new Map<string, string>();
  for (const file of files) {
    const result = readOne(file);
    problems.push(...result.problems);
    const id = result.schedule?.id;
    const other = id === undefined ? undefined : fileById.get(id);
    if (id !== undefined && other !== undefined) {
      problems.push({ file, ...result.idAt, path: 'id', message: `schedule id "${id}" is already used by ${other}` });
      results.push({ file, schedule: null });
      continue;
    }
    if (id !== undefined) fileById.set(id, file);
    results.push({ file, schedule: result.schedule });
    if (result.schedule && result.sameAsAt) references.push({ schedule: result.schedule, at: result.sameAsAt });
  }
  const loaded = new Map(results.flatMap((r) => (r.schedule ? [[r.schedule.id, r.schedule] as const] : [])));
  for (const { schedule, at } of references) problems.push(...sameAsProblems(schedule, at, loaded));
  return { results, problems };
}

/**
 * `same_as` checked across the loaded files: the other schedule is loaded, has that milestone, which is no
 * alias itself, and is tracked per the same subjects (one status per school needs the same scope).
 */
function sameAsProblems(
  schedule: Schedule,
  at: ReadonlyMap<string, { line: number; col: number; path: string }>,
  loaded: ReadonlyMap<string, Schedule>,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  for (const milestone of schedule.milestones) {
    const ref = milestone.sameAs;
    const where = at.get(milestone.id);
    if (ref === null || where === undefined) continue;
    const problem = (message: string) => problems.push({ file: schedule.file, line: where.line, col: where.col, path: where.path, message });
    const target = loaded.get(ref.scheduleId);
    if (target === undefined) {
      problem(`no schedule "${ref.scheduleId}" is loaded (loaded: ${[...loaded.keys()].join(', ')}): check it together with that file`);
      continue;
    }
    const other = target.milestones.find((m) => m.id === ref.milestoneId);
    if (other === undefined) problem(`${target.file} has no milestone "${ref.milestoneId}"`);
    else if (other.sameAs !== null) problem(`${ref.scheduleId}/${ref.milestoneId} is itself the same as ${other.sameAs.scheduleId}/${other.sameAs.milestoneId}: name that one`);
    else if (other.scope !== milestone.scope) {
      problem(`scope "${milestone.scope}" differs from ${ref.scheduleId}/${ref.milestoneId}'s "${other.scope}": one item needs one status per the same subjects`);
    }
  }
  return problems;
}

/**
 * Reads every schedule of a directory (or the given files); throws `ScheduleFileError` listing every
 * problem of every file, including a schedule id used by two files.
 */
export function loadSchedules(dirOrFiles: string | readonly string[]): Schedule[] {
  const { results, problems } = readSchedules(dirOrFiles);
  if (problems.length > 0) throw new ScheduleFileError(problems);
  return results.flatMap((r) => (r.schedule ? [r.schedule] : []));
}
