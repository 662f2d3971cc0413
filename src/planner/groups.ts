/**
 * A coordinator's item over many subjects (a regional expertise of every school's documents, a municipal one
 * of its municipality's schools): the decisions the policies take per subject, gathered per recipient, kind,
 * step and day into one notification that counts the subjects ("…: 41 школа ждёт, срок 30.05"). Statuses stay
 * per subject and the digests list which ones lag; a grouped notification cannot say which school a press
 * means, so a coordinator's buttons act on their whole scope (lagging list, XLSX export).
 */
import type { LocalDate } from '../domain/local-date.js';
import type { NotificationKind, Params, PlannedButton } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';
import type { Occurrence } from '../schedule/occurrences.js';
import type { Schedule } from '../schedule/types.js';
import { daysLeft, decide, type PlanContext, templateIdOf, timingWord } from './context.js';
import { placeOf } from './place.js';

interface Group {
  person: Person;
  day: LocalDate;
  kind: NotificationKind;
  step: string;
  /** The latest instant stamp of a per-subject step (`confirm-<stamp>`): a new submission makes a new message. */
  stamp: string | null;
  count: number;
  /** The per-decision parameter that is the same for every subject of the group. */
  extra: Params;
}

/** What a grouped decision keeps of a subject's parameters: only what the step makes the same for all. */
function sharedExtra(kind: NotificationKind, params: Params): Params {
  if (kind === 'window_open') return { tracked: params.tracked ?? null };
  if (kind === 'promise_reminder') return { promised: params.promised ?? null };
  return {};
}

function scopeButtons(person: Person): PlannedButton[] {
  if (person.role !== 'municipal' && person.role !== 'regional') return [];
  return [
    { action: person.role === 'municipal' ? 'lagging_schools' : 'lagging_by_municipality', ref: null },
    { action: 'export_xlsx', ref: null },
  ];
}

/** The grouped decisions of one occurrence in one region, in the order they were first taken. */
export class ItemGroups {
  private readonly groups = new Map<string, Group>();
  private readonly keyPrefix: string;

  constructor(
    private readonly ctx: PlanContext,
    schedule: Schedule,
    private readonly occurrence: Occurrence,
    private readonly due: LocalDate,
    private readonly start: LocalDate | null,
  ) {
    // `<schedule>/<occurrence>/<scope>-all/p<person>/<step>`: one key per person and step, whatever the count
    this.keyPrefix = `${schedule.id}/${occurrence.key}/${occurrence.milestone.scope}-all/p`;
  }

  /** One subject's decision for `person`. */
  add(person: Person, day: LocalDate, kind: NotificationKind, step: string, stamp: string | null, params: Params): void {
    const key = `${person.id}|${kind}|${step}|${day}`;
    const group = this.groups.get(key);
    if (group === undefined) {
      this.groups.set(key, { person, day, kind, step, stamp, count: 1, extra: sharedExtra(kind, params) });
      return;
    }
    group.count += 1;
    if (stamp !== null && (group.stamp === null || stamp > group.stamp)) group.stamp = stamp;
  }

  /** Records one decision per group. */
  flush(): void {
    const milestone = this.occurrence.milestone;
    const place = placeOf(milestone);
    for (const g of this.groups.values()) {
      const left = daysLeft(g.day, this.due);
      const step = g.stamp === null ? g.step : `${g.step}-${g.stamp}`;
      const params: Params = {
        title: milestone.title,
        subjectType: milestone.scope,
        count: g.count,
        due: this.due,
        start: this.start,
        timing: timingWord(left),
        days: Math.abs(left),
        system: place.system,
        link: place.link,
        posts: place.posts,
        ...g.extra,
      };
      decide(this.ctx, g.person, g.day, g.kind, templateIdOf(g.kind, true), step, `${this.keyPrefix}${g.person.id}/${step}`, null, params, scopeButtons(g.person));
    }
  }
}
