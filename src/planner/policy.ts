/**
 * Reminder and escalation policies: defaults per milestone kind, overridden field by field by a milestone's
 * own `policy`. The planner reads only the resolved form.
 */
import type { EscalationStep, Milestone, MilestoneKind, MilestonePolicy, ReminderOffset } from '../schedule/types.js';
import type { Role, Scope } from '../domain/roles.js';

/** What a rung of the escalation ladder does. */
export type RungAction = 'notice' | 'prompt' | 'digest';

export interface Rung {
  /** Working days after the due date. */
  afterWorkingDays: number;
  action: RungAction;
  /** Dedupe step: `esc1`, `esc2`, `esc3`, repeats `esc3r1` ... */
  step: string;
}

export interface ResolvedPolicy {
  /** The item has a status to chase (reminders, escalation, digests). */
  chase: boolean;
  /** The assignee is told when a window opens. */
  announce: boolean;
  /** A meeting: attendees are told on the morning of each occurrence. */
  event: boolean;
  /** Calendar days before the due date, largest first (7, 3, 1, 0). */
  reminderDays: number[];
  /** The ladder in order, repeats included. */
  rungs: Rung[];
  /**
   * A coordinator acts on many subjects (a regional expertise of every school's documents): each recipient
   * hears once per decision for all of their subjects, not once per subject.
   */
  grouped: boolean;
}

const STANDARD: Required<MilestonePolicy> = {
  reminders: ['-7d', '-3d', '-1d', '0d'],
  escalation: ['+1wd', '+2wd', '+5wd'],
  repeatEvery: '+3wd',
  maxRepeats: 3,
};

/** Defaults by kind. Payments and visits are the curator's own business: fewer reminders. */
const DEFAULTS: Record<MilestoneKind, Required<MilestonePolicy>> = {
  survey: STANDARD,
  visit: { ...STANDARD, reminders: ['-7d', '-1d'] },
  plan_submission: STANDARD,
  monitoring: STANDARD,
  expertise: STANDARD,
  payment: { ...STANDARD, reminders: ['-3d', '0d'] },
  meeting: { ...STANDARD, reminders: [], escalation: [], maxRepeats: 0 },
  report: STANDARD,
  appointment: STANDARD,
  other: STANDARD,
};

/** Rung actions by position: the first tells the assignee and supervisor, the second prompts, the rest list. */
const ACTION_BY_POSITION: readonly RungAction[] = ['notice', 'prompt', 'digest'];

function reminderDays(offset: ReminderOffset): number {
  return -Number.parseInt(offset, 10);
}

function workingDays(step: EscalationStep): number {
  return Number.parseInt(step.slice(1), 10);
}

function ladder(policy: Required<MilestonePolicy>): Rung[] {
  const rungs: Rung[] = policy.escalation.map((step, i) => ({
    afterWorkingDays: workingDays(step),
    action: ACTION_BY_POSITION[Math.min(i, ACTION_BY_POSITION.length - 1)] ?? 'digest',
    step: `esc${i + 1}`,
  }));
  const last = rungs[rungs.length - 1];
  if (last === undefined) return rungs;
  const every = workingDays(policy.repeatEvery);
  for (let r = 1; r <= policy.maxRepeats; r += 1) {
    rungs.push({ afterWorkingDays: last.afterWorkingDays + r * every, action: last.action, step: `${last.step}r${r}` });
  }
  return rungs;
}

/**
 * The policy the planner applies to one milestone. Meetings (or `track: attendance`) are events only;
 * `track: none` items are announced and never chased; a continuous item or one the roadmap marks done is
 * neither.
 */
export function resolvePolicy(milestone: Milestone): ResolvedPolicy {
  const policy = { ...defaultsFor(milestone), ...definedFields(milestone.policy) };
  const continuous = milestone.when.kind === 'continuous';
  const event = milestone.kind === 'meeting' || milestone.track === 'attendance';
  const chase = !milestone.done && !continuous && !event && milestone.track === 'completion';
  return {
    chase,
    announce: !milestone.done && !continuous && !event,
    event: !milestone.done && event,
    reminderDays: [...new Set(policy.reminders.map(reminderDays))].sort((a, b) => b - a),
    rungs: chase ? ladder(policy) : [],
    grouped: groupsSubjects(milestone),
  };
}

/** The role that acts for a subject of each scope itself. */
const OWN_ROLE: Record<Scope, Role> = { school: 'school', curator: 'curator', municipality: 'municipal', region: 'regional' };
const RANK: Record<Role, number> = { school: 0, curator: 1, municipal: 2, regional: 3 };
const COORDINATORS: ReadonlySet<Role> = new Set(['municipal', 'regional']);

/**
 * Whether a milestone's assignee is a coordinator acting on subjects below it (schools, curators, or a
 * region's municipalities). A curator's one to three schools stay separate items, each with its buttons.
 */
function groupsSubjects(milestone: Milestone): boolean {
  return COORDINATORS.has(milestone.assignee) && RANK[milestone.assignee] > RANK[OWN_ROLE[milestone.scope]];
}

/**
 * The kind's defaults for the milestone's assignee. A coordinator's week already has its digest: their own
 * deadline is reminded only by the kind's earliest and last reminders (a week ahead and on the day), not on
 * every day between.
 */
function defaultsFor(milestone: Milestone): Required<MilestonePolicy> {
  const defaults = DEFAULTS[milestone.kind];
  if (!COORDINATORS.has(milestone.assignee) || defaults.reminders.length <= 2) return defaults;
  return { ...defaults, reminders: [defaults.reminders[0], defaults.reminders[defaults.reminders.length - 1]].filter((r) => r !== undefined) };
}

function definedFields(policy: MilestonePolicy): MilestonePolicy {
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
}
