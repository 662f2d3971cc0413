/**
 * Digests: the regional coordinator's (weekly, and on any day an item of the region reaches the ladder's
 * listing rung) and the municipal coordinator's (weekly). Each shows, per active or just-due milestone, the
 * control indicator with its count and share, the lagging subjects grouped by municipality, and the people
 * the bot cannot reach.
 */
import type { LocalDate } from '../domain/local-date.js';
import type { ButtonAction, NotificationKind, Params, ParamValue } from '../domain/notification.js';
import type { Scope } from '../domain/roles.js';
import type { Municipality, Person, Region } from '../domain/roster.js';
import { workingDayOnOrAfter } from '../schedule/calendar.js';
import { addDays, weekdayOf } from '../schedule/day-number.js';
import { decide, occurrenceKey, type PlanContext, statusOf, templateIdOf, type TrackedOccurrence, workingDaysIn } from './context.js';
import { digestDedupeKey } from './keys.js';
import type { Subject } from './roster-index.js';
import { scheduleAppliesTo } from './schedule-regions.js';

const DIGEST_SCOPES: ReadonlySet<Scope> = new Set(['school', 'curator', 'municipality']);
/** Single-date milestones due within this many days ahead count as active. */
const AHEAD_DAYS = 7;

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

function relevantOn(tracked: TrackedOccurrence, day: LocalDate, ctx: PlanContext): boolean {
  const due = tracked.occurrence.dueDate;
  if (!due) return false;
  const since = ctx.settings.trackingSince;
  if (since !== null && due < since) return false;
  const start = tracked.occurrence.startDate ?? due;
  if (start <= day && day <= due) return true;
  return due >= addDays(day, -ctx.settings.digestLookbackDays) && due <= addDays(day, AHEAD_DAYS);
}

interface Lagging {
  group: string | null;
  name: string;
  promised: LocalDate | null;
}

function section(ctx: PlanContext, tracked: TrackedOccurrence, subjects: readonly Subject[], day: LocalDate): Params | null {
  const { schedule, occurrence } = tracked;
  const milestone = occurrence.milestone;
  const due = occurrence.dueDate;
  if (!due) return null;
  const recorded = ctx.statuses.get(occurrenceKey(schedule.id, occurrence.key));
  let total = 0;
  let done = 0;
  const lagging: Lagging[] = [];
  for (const subject of subjects) {
    const status = statusOf(recorded, subject.ref);
    const value = status?.status ?? 'pending';
    if (value === 'not_applicable') continue;
    total += 1;
    if (value === 'confirmed' || value === 'done') {
      done += 1;
    } else if (due < day) {
      const promised = status?.plannedDate ?? null;
      lagging.push({
        group: subject.ref.type === 'school' ? (subject.municipality?.name ?? null) : subject.ref.type === 'municipality' ? subject.name : null,
        name: subject.name,
        promised: promised !== null && promised >= day ? promised : null,
      });
    }
  }
  if (total === 0) return null;
  const groups = new Map<string | null, Lagging[]>();
  for (const entry of lagging) {
    const list = groups.get(entry.group);
    if (list) list.push(entry);
    else groups.set(entry.group, [entry]);
  }
  const sortedGroups = [...groups.entries()].sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff', 'ru'));
  return {
    title: milestone.title,
    kpi: milestone.kpi ?? milestone.title,
    due,
    done,
    total,
    percent: Math.round((done * 100) / total),
    lagging: sortedGroups.map(([group, entries]) => ({
      group,
      names: entries.map((e): ParamValue => ({ name: e.name, promised: e.promised })),
    })),
  };
}

function people(list: readonly Person[]): ParamValue[] {
  return list.map((p) => ({ name: p.fullName, role: p.role }));
}

function sections(ctx: PlanContext, region: Region, day: LocalDate, municipality: Municipality | null): ParamValue[] {
  const result: ParamValue[] = [];
  // a municipal digest covers only school items: its schools are the same for every milestone
  const schools =
    municipality === null ? null : ctx.index.subjectsOf('school', region.id).filter((s) => s.municipality?.id === municipality.id);
  for (const t of ctx.tracked) {
    const scope = t.occurrence.milestone.scope;
    if (!DIGEST_SCOPES.has(scope) || (schools !== null && scope !== 'school')) continue;
    if (!scheduleAppliesTo(t.schedule, region)) continue;
    if (!relevantOn(t, day, ctx)) continue;
    const subjects = schools ?? ctx.index.subjectsOf(scope, region.id);
    const built = section(ctx, t, subjects, day);
    if (built !== null) result.push(built);
  }
  return result;
}

function pushDigest(ctx: PlanContext, person: Person, day: LocalDate, kind: NotificationKind, params: Params, actions: readonly ButtonAction[]): void {
  const key = digestDedupeKey(kind === 'digest_regional' ? 'digest-regional' : 'digest-municipal', person.id, day);
  decide(ctx, person, day, kind, templateIdOf(kind), 'digest', key, null, params, actions.map((action) => ({ action, ref: null })));
}

/** Plans the digests of one region for the working days of the pass's range. */
export function planDigests(ctx: PlanContext, region: Region): void {
  const range = ctx.days.get(region.id);
  if (!range) return;
  const regionals = ctx.index.peopleIn(region.id, 'regional');
  const municipals = ctx.index.peopleIn(region.id, 'municipal');
  const triggers = ctx.digestTriggers.get(region.id);
  for (const day of workingDaysIn(range)) {
    let regional: Params | null = null;
    for (const person of regionals) {
      if (!isWeeklyDigestDay(day, person.preferences.digestDay) && !triggers?.has(day)) continue;
      regional ??= {
        region: region.name,
        date: day,
        sections: sections(ctx, region, day, null),
        unreachable: people(ctx.index.unreachableIn(region.id)),
      };
      pushDigest(ctx, person, day, 'digest_regional', regional, ['lagging_by_municipality', 'export_xlsx']);
    }
    const byMunicipality = new Map<number, Params>();
    for (const person of municipals) {
      const municipality = person.municipalityId === null ? undefined : ctx.index.municipality(person.municipalityId);
      if (!municipality || !isWeeklyDigestDay(day, person.preferences.digestDay)) continue;
      let params = byMunicipality.get(municipality.id);
      if (!params) {
        params = {
          municipality: municipality.name,
          date: day,
          sections: sections(ctx, region, day, municipality),
          unreachable: people(ctx.index.unreachableIn(region.id).filter((p) => p.municipalityId === municipality.id)),
        };
        byMunicipality.set(municipality.id, params);
      }
      pushDigest(ctx, person, day, 'digest_municipal', params, ['export_xlsx']);
    }
  }
}
