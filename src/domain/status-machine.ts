/**
 * The milestone status state machine: the one place that says which status may follow which, and who may
 * move it. Pure data and functions; the store (`statuses.ts`), the bot and the status import all ask here.
 *
 * ```
 * pending ──► in_progress ──► submitted ──► confirmed          (milestones with confirm_by)
 *    │             │  ▲           │  ▲
 *    │             │  └─returned◄─┘  │  (a return needs a comment; returned → submitted again)
 *    └─────────────┴──► done         (milestones without confirm_by)
 * any open status ──► not_applicable (a coordinator, with a reason)
 * ```
 */
import type { PersonRole } from './roster.js';
import { CLOSED_STATUSES, type StatusValue } from './status.js';
import type { Role } from './roles.js';

/**
 * The part an actor plays for one item, whatever their role in the programme:
 * - `assignee`: acts on the milestone (the school for a school upload, the curator for a visit);
 * - `confirmer`: the milestone's `confirm_by` role;
 * - `coordinator`: a municipal or regional coordinator or an admin, who may also do what the other two do;
 * - `system`: the program itself and operator imports, bound only by the graph.
 *
 * Whether the item lies in the actor's scope (their school, municipality, region) is checked separately by
 * the caller with the roster (`roster-repo.ts`).
 */
export type Capacity = 'assignee' | 'confirmer' | 'coordinator' | 'system';

/** Which milestones an edge exists for: those with `confirm_by`, those without, or both. */
type Applies = 'with_confirmation' | 'without_confirmation' | 'always';

export interface TransitionRule {
  from: StatusValue;
  to: StatusValue;
  applies: Applies;
  /** Who may take this edge (besides `system`, which may take any). */
  by: readonly Capacity[];
  /** A comment (a return's reason, why the item does not apply) must come with the change. */
  commentRequired: boolean;
}

const ACTORS: readonly Capacity[] = ['assignee', 'coordinator'];
const CHECKERS: readonly Capacity[] = ['confirmer', 'coordinator'];
const COORDINATORS: readonly Capacity[] = ['coordinator'];

/** Open statuses: the item still needs someone to act. */
export const OPEN_STATUSES: readonly StatusValue[] = ['pending', 'in_progress', 'submitted', 'returned'];

function rule(
  from: StatusValue,
  to: StatusValue,
  applies: Applies,
  by: readonly Capacity[],
  commentRequired = false,
): TransitionRule {
  return { from, to, applies, by, commentRequired };
}

/** Every allowed transition. A coordinator may do anything the assignee or the confirmer may. */
export const TRANSITION_RULES: readonly TransitionRule[] = [
  rule('pending', 'in_progress', 'always', ACTORS),
  rule('pending', 'submitted', 'with_confirmation', ACTORS),
  rule('in_progress', 'submitted', 'with_confirmation', ACTORS),
  rule('submitted', 'confirmed', 'with_confirmation', CHECKERS),
  rule('submitted', 'returned', 'with_confirmation', CHECKERS, true),
  rule('returned', 'submitted', 'with_confirmation', ACTORS),
  rule('returned', 'in_progress', 'with_confirmation', ACTORS),
  rule('pending', 'done', 'without_confirmation', ACTORS),
  rule('in_progress', 'done', 'without_confirmation', ACTORS),
  ...OPEN_STATUSES.map((from) => rule(from, 'not_applicable', 'always', COORDINATORS, true)),
];

/** Why a transition was refused; the bot picks its message by this. */
export type InvalidTransitionReason =
  /** No such edge for this milestone (e.g. confirmed → submitted, or done on a milestone with confirm_by). */
  | 'no_such_transition'
  /** The edge exists, but not for this actor's capacity (a school confirming its own upload). */
  | 'not_allowed'
  /** The edge needs a comment and none (or only blanks) came. */
  | 'comment_required';

/** A status change the state machine does not allow. */
export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
  constructor(
    readonly from: StatusValue,
    readonly to: StatusValue,
    readonly reason: InvalidTransitionReason,
  ) {
    super(`Cannot change status from ${from} to ${to}: ${reason.replaceAll('_', ' ')}`);
  }
}

/** What a transition is judged against. */
export interface TransitionContext {
  /** The milestone has `confirm_by`. */
  requiresConfirmation: boolean;
  /** The actor's capacities for this item (see `capacitiesFor`). */
  capacities: readonly Capacity[];
  comment?: string | null;
}

function applies(r: TransitionRule, requiresConfirmation: boolean): boolean {
  if (r.applies === 'always') return true;
  return (r.applies === 'with_confirmation') === requiresConfirmation;
}

function permits(r: TransitionRule, capacities: readonly Capacity[]): boolean {
  return capacities.includes('system') || capacities.some((c) => r.by.includes(c));
}

/** The rule for `from → to` on this kind of milestone, if the graph has one. */
export function findRule(from: StatusValue, to: StatusValue, requiresConfirmation: boolean): TransitionRule | null {
  return TRANSITION_RULES.find((r) => r.from === from && r.to === to && applies(r, requiresConfirmation)) ?? null;
}

/** Throws `InvalidTransitionError` unless the actor may move the item from `from` to `to` now. */
export function assertTransition(from: StatusValue, to: StatusValue, context: TransitionContext): TransitionRule {
  const found = findRule(from, to, context.requiresConfirmation);
  if (!found) throw new InvalidTransitionError(from, to, 'no_such_transition');
  if (!permits(found, context.capacities)) throw new InvalidTransitionError(from, to, 'not_allowed');
  if (found.commentRequired && !context.comment?.trim()) {
    throw new InvalidTransitionError(from, to, 'comment_required');
  }
  return found;
}

/** The statuses this actor may move an item to from `from` (the buttons worth showing). */
export function allowedTargets(
  from: StatusValue,
  requiresConfirmation: boolean,
  capacities: readonly Capacity[],
): StatusValue[] {
  return TRANSITION_RULES.filter(
    (r) => r.from === from && applies(r, requiresConfirmation) && permits(r, capacities),
  ).map((r) => r.to);
}

/**
 * The shortest chain of statuses from `from` to `to` along the graph, excluding `from` (empty when they are
 * equal), or null when `to` cannot be reached. Imports use it to bring an item to a reported status through
 * the same edges people take, e.g. pending → submitted → confirmed.
 */
export function findPath(from: StatusValue, to: StatusValue, requiresConfirmation: boolean): StatusValue[] | null {
  const previous = new Map<StatusValue, StatusValue | null>([[from, null]]);
  const queue: StatusValue[] = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === to) {
      const path: StatusValue[] = [];
      for (let s: StatusValue | null | undefined = to; s && s !== from; s = previous.get(s)) path.unshift(s);
      return path;
    }
    for (const r of TRANSITION_RULES) {
      if (r.from === at && applies(r, requiresConfirmation) && !previous.has(r.to)) {
        previous.set(r.to, at);
        queue.push(r.to);
      }
    }
  }
  return null;
}

export function isClosed(status: StatusValue): boolean {
  return CLOSED_STATUSES.has(status);
}

const COORDINATOR_ROLES: ReadonlySet<PersonRole> = new Set(['municipal', 'regional', 'admin']);

/**
 * The capacities a person of `role` has for an item of a milestone assigned to `assignee` and confirmed by
 * `confirmBy` (null when it needs no confirmation). Scope is not checked here.
 */
export function capacitiesFor(role: PersonRole, milestone: { assignee: Role; confirmBy: Role | null }): Capacity[] {
  const capacities: Capacity[] = [];
  if (role === milestone.assignee) capacities.push('assignee');
  if (role === milestone.confirmBy) capacities.push('confirmer');
  if (COORDINATOR_ROLES.has(role)) capacities.push('coordinator');
  return capacities;
}
