/**
 * Digests: the regional coordinator's and the municipal coordinator's, weekly on their digest day (and on
 * demand, `/digest`). One screen each: a line per indicator whose deadline is within a week either way or
 * that still lags («Документы 1 этапа подтверждены: 41 из 53 (77 %) · срок 01.06 · +6 за неделю»), then the
 * five municipalities (regional) or schools (municipal) with the most lagging items. The names behind the
 * counts are one button away and in the XLSX; the ladder's listing rungs feed this weekly digest instead of
 * a message of their own.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { ButtonAction, NotificationKind, Params, ParamValue } from '../domain/notification.js';
import type { Scope } from '../domain/roles.js';
import type { Municipality, Person, Region } from '../domain/roster.js';
import { workingDayOnOrAfter } from '../schedule/calendar.js';
import { addDays, weekdayOf } from '../schedule/day-number.js';
import { decide, localDay, occurrenceKey, type PlanContext, statusOf, templateIdOf, type TrackedOccurrence, workingDaysIn } from './context.js';
import { digestDedupeKey } from './keys.js';
import type { Subject } from './roster-index.js';
import { scheduleAppliesTo } from './schedule-regions.js';

const DIGEST_SCOPES: ReadonlySet<Scope> = new Set(['school', 'curator', 'municipality']);
/** An indicator is shown from a week before its deadline to a week after it, and longer while it lags. */
const NEAR_DAYS = 7;
/** The most indicator lines a digest carries (the renderer also keeps the text to one screen). */
export const DIGEST_MAX_LINES = 8;
/** How many of the most lagging municipalities or schools a digest names. */
export const DIGEST_TOP = 5;

/**
 * Whether `day` is a person's weekly digest day: the first working day of its ISO week on or after the
 * preferred weekday (a Monday holiday moves the digest to Tuesday).
 */
function isWeeklyDigestDay(day: LocalDate, digestDay: number): boolean {
  const weekday = weekdayOf(day);
  if (weekday < digestDay) return false;
  const preferred = addDays(day, digestDay - weekday);
  return workingDayOnOrAfter(preferred) === day;
}

/** Whether the occurrence's deadline is near `day`, or past it within the look-back (shown while it lags). */
function withinReach(tracked: TrackedOccurrence, day: LocalDate, ctx: PlanContext): 'near' | 'past' | null {
  const due = tracked.occurrence.dueDate;
  if (!due) return null;
  const since = ctx.settings.trackingSince;
  if (since !== null && due < since) return null;
  if (due >= addDays(day, -NEAR_DAYS) && due <= addDays(day, NEAR_DAYS)) return 'near';
  if (due < day && due >= addDays(day, -ctx.settings.digestLookbackDays)) return 'past';
  return null;
}

/** One indicator line and the subjects that lag on it. */
interface Line {
  params: Params;
  lagging: readonly Subject[];
}

function indicatorLine(ctx: PlanContext, tracked: TrackedOccurrence, subjects: readonly Subject[], day: LocalDate): Line | null {
  const { schedule, occurrence } = tracked;
  const due = occurrence.dueDate;
  const reach = withinReach(tracked, day, ctx);
  if (!due || reach === null) return null;
  const recorded = ctx.statuses.get(occurrenceKey(schedule.id, occurrence.key));
  const weekAgo = addDays(day, -NEAR_DAYS);
  let total = 0;
  let done = 0;
  let week = 0;
  const lagging: Subject[] = [];
  for (const subject of subjects) {
    const status = statusOf(recorded, subject.ref);
    const value = status?.status ?? 'pending';
    if (value === 'not_applicable') continue;
    total += 1;
    if (value === 'confirmed' || value === 'done') {
      done += 1;
      if (status !== undefined) {
        // the day it became done: an import of work done a month ago, or a reopening, is no news of this week
        const doneOn = status.doneOn ?? localDay(status.updatedAt, subject.region);
        if (doneOn > weekAgo && doneOn <= day) week += 1;
      }
    } else if (due < day) {
      lagging.push(subject);
    }
  }
  if (total === 0 || (reach === 'past' && lagging.length === 0)) return null;
  return {
    params: { indicator: occurrence.milestone.indicator, due, done, total, percent: Math.floor((done * 100) / total), week, lagging: lagging.length },
    lagging,
  };
}

/** Where a lagging subject is counted: its municipality (regional digest) or the school itself (municipal). */
interface Place {
  name: string;
  /** The school's code beside its name (`Subject.code`); null for a municipality. */
  nameCode: string | null;
  items: number;
  subjects: Set<number>;
}

function topLagging(lines: readonly Line[], bySchool: boolean): ParamValue[] {
  const places = new Map<string, Place>();
  for (const line of lines) {
    for (const subject of line.lagging) {
      const name = bySchool ? subject.name : subject.municipality?.name;
      if (name === undefined) continue;
      const key = bySchool ? `${subject.ref.type}:${subject.ref.id}` : name;
      let place = places.get(key);
      if (!place) {
        place = { name, nameCode: bySchool ? subject.code : null, items: 0, subjects: new Set() };
        places.set(key, place);
      }
      place.items += 1;
      if (subject.ref.type === 'school') place.subjects.add(subject.ref.id);
    }
  }
  return [...places.values()]
    .sort((a, b) => b.items - a.items || a.name.localeCompare(b.name, 'ru'))
    .slice(0, DIGEST_TOP)
    // a school's own line needs no count of schools; only a name two schools share comes with a code
    .map((p) => ({ name: p.name, ...(p.nameCode === null ? {} : { nameCode: p.nameCode }), items: p.items, schools: bySchool ? 0 : p.subjects.size }));
}

/**
 * The digest's lines and its most lagging places: indicators that lag first (oldest deadline first), then
 * those due soon; at most `DIGEST_MAX_LINES`, the rest counted in `more`.
 */
function digestBody(ctx: PlanContext, region: Region, day: LocalDate, municipality: Municipality | null): Params {
  const lines: Line[] = [];
  // a municipal digest covers only school items: its schools are the same for every milestone
  const schools =
    municipality === null ? null : ctx.index.subjectsOf('school', region.id).filter((s) => s.municipality?.id === municipality.id);
  for (const t of ctx.tracked) {
    const scope = t.occurrence.milestone.scope;
    if (!DIGEST_SCOPES.has(scope) || (schools !== null && scope !== 'school')) continue;
    if (!scheduleAppliesTo(t.schedule, region)) continue;
    const line = indicatorLine(ctx, t, schools ?? ctx.index.subjectsOf(scope, region.id), day);
    if (line !== null) lines.push(line);
  }
  const ordered = [...lines.filter((l) => l.lagging.length > 0), ...lines.filter((l) => l.lagging.length === 0)];
  const shown = ordered.slice(0, DIGEST_MAX_LINES);
  const subjects = new Set(lines.flatMap((l) => l.lagging.map((s) => `${s.ref.type}:${s.ref.id}`)));
  return {
    lines: shown.map((l) => l.params),
    more: ordered.length - shown.length,
    top: topLagging(lines, municipality !== null),
    laggingItems: lines.reduce((n, l) => n + l.lagging.length, 0),
    laggingSubjects: subjects.size,
    // what lags longer ago than the look-back is in the lists and the XLSX, not in the lines: «с 18 июня»
    since: addDays(day, -ctx.settings.digestLookbackDays),
  };
}

function people(list: readonly Person[]): ParamValue[] {
  return list.map((p) => ({ name: p.fullName, role: p.role }));
}

/** A digest names at most this many of the people who have not joined; the rest are counted. */
const NOT_JOINED_NAMES = 5;

/** Who has not started the bot: how many, and the first names (the digest stays one screen). */
function notJoined(list: readonly Person[]): Params {
  return { count: list.length, names: list.slice(0, NOT_JOINED_NAMES).map((p) => p.fullName) };
}

function pushDigest(ctx: PlanContext, person: Person, day: LocalDate, kind: NotificationKind, params: Params, actions: readonly ButtonAction[]): void {
  const key = digestDedupeKey(kind === 'digest_regional' ? 'digest-regional' : 'digest-municipal', person.id, day);
  decide(ctx, person, day, kind, templateIdOf(kind), 'digest', key, null, params, actions.map((action) => ({ action, ref: null })));
}

function regionalDigest(ctx: PlanContext, region: Region, day: LocalDate): Params {
  return {
    region: region.name,
    date: day,
    ...digestBody(ctx, region, day, null),
    unreachable: people(ctx.index.unreachableIn(region.id)),
    notJoined: notJoined(ctx.index.notJoinedIn(region.id)),
  };
}

function municipalDigest(ctx: PlanContext, region: Region, municipality: Municipality, day: LocalDate): Params {
  return {
    municipality: municipality.name,
    date: day,
    ...digestBody(ctx, region, day, municipality),
    unreachable: people(ctx.index.unreachableIn(region.id).filter((p) => p.municipalityId === municipality.id)),
    notJoined: notJoined(ctx.index.notJoinedIn(region.id).filter((p) => p.municipalityId === municipality.id)),
  };
}

const REGIONAL_ACTIONS: readonly ButtonAction[] = ['lagging_by_municipality', 'export_xlsx', 'progress_chart'];
const MUNICIPAL_ACTIONS: readonly ButtonAction[] = ['lagging_schools', 'export_xlsx'];

/**
 * A coordinator's digest for `day` whatever the weekday (`/digest` asks now); false for anyone else. The
 * context must hold the region's tracked occurrences around `day`.
 */
export function digestOn(ctx: PlanContext, person: Person, region: Region, day: LocalDate): boolean {
  if (person.role === 'regional') {
    pushDigest(ctx, person, day, 'digest_regional', regionalDigest(ctx, region, day), REGIONAL_ACTIONS);
    return true;
  }
  const municipality = person.role === 'municipal' && person.municipalityId !== null ? ctx.index.municipality(person.municipalityId) : null;
  if (municipality === null) return false;
  pushDigest(ctx, person, day, 'digest_municipal', municipalDigest(ctx, region, municipality, day), MUNICIPAL_ACTIONS);
  return true;
}

/** Plans the weekly digests of one region for the working days of the pass's range. */
export function planDigests(ctx: PlanContext, region: Region): void {
  const range = ctx.days.get(region.id);
  if (!range) return;
  const regionals = ctx.index.peopleIn(region.id, 'regional');
  const municipals = ctx.index.peopleIn(region.id, 'municipal');
  for (const day of workingDaysIn(range)) {
    let regional: Params | null = null;
    for (const person of regionals) {
      if (!isWeeklyDigestDay(day, person.preferences.digestDay)) continue;
      regional ??= regionalDigest(ctx, region, day);
      pushDigest(ctx, person, day, 'digest_regional', regional, REGIONAL_ACTIONS);
    }
    const byMunicipality = new Map<number, Params>();
    for (const person of municipals) {
      const municipality = person.municipalityId === null ? undefined : ctx.index.municipality(person.municipalityId);
      if (!municipality || !isWeeklyDigestDay(day, person.preferences.digestDay)) continue;
      let params = byMunicipality.get(municipality.id);
      if (!params) {
        params = municipalDigest(ctx, region, municipality, day);
        byMunicipality.set(municipality.id, params);
      }
      pushDigest(ctx, person, day, 'digest_municipal', params, MUNICIPAL_ACTIONS);
    }
  }
}
