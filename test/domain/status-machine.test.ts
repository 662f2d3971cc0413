import { describe, expect, it } from 'vitest';
import { STATUS_VALUES } from '../../src/domain/status.js';
import {
  allowedTargets,
  assertTransition,
  type Capacity,
  capacitiesFor,
  findPath,
  InvalidTransitionError,
  OPEN_STATUSES,
} from '../../src/domain/status-machine.js';

const school: Capacity[] = ['assignee'];
const curator: Capacity[] = ['confirmer'];
const coordinator: Capacity[] = ['coordinator'];

function refusal(fn: () => unknown): InvalidTransitionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTransitionError) return error;
    throw error;
  }
  throw new Error('expected an InvalidTransitionError');
}

describe('status machine', () => {
  it('takes a confirmed milestone through submit, return with a comment, resubmit and confirm', () => {
    const rc = { requiresConfirmation: true };
    expect(assertTransition('pending', 'in_progress', { ...rc, capacities: school }).to).toBe('in_progress');
    expect(assertTransition('in_progress', 'submitted', { ...rc, capacities: school }).to).toBe('submitted');
    expect(assertTransition('submitted', 'returned', { ...rc, capacities: curator, comment: 'нет подписи' }).to).toBe(
      'returned',
    );
    expect(assertTransition('returned', 'submitted', { ...rc, capacities: school }).to).toBe('submitted');
    expect(assertTransition('returned', 'in_progress', { ...rc, capacities: school }).to).toBe('in_progress');
    expect(assertTransition('submitted', 'confirmed', { ...rc, capacities: curator }).to).toBe('confirmed');
  });

  it('refuses a return without a comment, naming both statuses', () => {
    const error = refusal(() =>
      assertTransition('submitted', 'returned', { requiresConfirmation: true, capacities: curator, comment: '  ' }),
    );
    expect({ from: error.from, to: error.to, reason: error.reason }).toEqual({
      from: 'submitted',
      to: 'returned',
      reason: 'comment_required',
    });
  });

  it('does not let a school confirm its own upload or a curator submit for it', () => {
    expect(
      refusal(() => assertTransition('submitted', 'confirmed', { requiresConfirmation: true, capacities: school }))
        .reason,
    ).toBe('not_allowed');
    expect(
      refusal(() => assertTransition('pending', 'submitted', { requiresConfirmation: true, capacities: curator }))
        .reason,
    ).toBe('not_allowed');
  });

  it('offers done only for milestones without confirm_by, and submitted only for those with it', () => {
    expect(allowedTargets('pending', false, school)).toEqual(['in_progress', 'done']);
    expect(allowedTargets('pending', true, school)).toEqual(['in_progress', 'submitted']);
    expect(
      refusal(() => assertTransition('pending', 'done', { requiresConfirmation: true, capacities: school })).reason,
    ).toBe('no_such_transition');
    expect(
      refusal(() => assertTransition('in_progress', 'submitted', { requiresConfirmation: false, capacities: school }))
        .reason,
    ).toBe('no_such_transition');
  });

  it('lets only a coordinator mark an open item not applicable, and only with a reason', () => {
    for (const from of OPEN_STATUSES) {
      expect(
        assertTransition(from, 'not_applicable', { requiresConfirmation: true, capacities: coordinator, comment: 'закрыта' })
          .to,
      ).toBe('not_applicable');
      expect(
        refusal(() =>
          assertTransition(from, 'not_applicable', { requiresConfirmation: true, capacities: curator, comment: 'x' }),
        ).reason,
      ).toBe('not_allowed');
    }
    expect(
      refusal(() => assertTransition('pending', 'not_applicable', { requiresConfirmation: false, capacities: coordinator }))
        .reason,
    ).toBe('comment_required');
  });

  it('lets a coordinator do what the school and the curator may do', () => {
    expect(allowedTargets('submitted', true, coordinator)).toEqual(['confirmed', 'returned', 'not_applicable']);
    expect(allowedTargets('in_progress', false, coordinator)).toEqual(['done', 'not_applicable']);
  });

  it('never leaves a closed status', () => {
    for (const from of ['confirmed', 'done', 'not_applicable'] as const) {
      for (const to of STATUS_VALUES) {
        expect(allowedTargets(from, true, ['system'])).toEqual([]);
        expect(allowedTargets(from, false, ['system'])).toEqual([]);
        expect(
          refusal(() => assertTransition(from, to, { requiresConfirmation: true, capacities: ['system'], comment: 'c' }))
            .reason,
        ).toBe('no_such_transition');
      }
    }
  });

  it('finds the shortest path an import takes to a reported status', () => {
    expect(findPath('pending', 'confirmed', true)).toEqual(['submitted', 'confirmed']);
    expect(findPath('returned', 'confirmed', true)).toEqual(['submitted', 'confirmed']);
    expect(findPath('in_progress', 'done', false)).toEqual(['done']);
    expect(findPath('submitted', 'submitted', true)).toEqual([]);
    expect(findPath('confirmed', 'submitted', true)).toBeNull();
    expect(findPath('pending', 'confirmed', false)).toBeNull();
  });

  it('gives each role its capacities for a milestone', () => {
    const upload = { assignee: 'school', confirmBy: 'curator' } as const;
    const visit = { assignee: 'curator', confirmBy: null } as const;
    expect(capacitiesFor('school', upload)).toEqual(['assignee']);
    expect(capacitiesFor('curator', upload)).toEqual(['confirmer']);
    expect(capacitiesFor('curator', visit)).toEqual(['assignee']);
    expect(capacitiesFor('school', visit)).toEqual([]);
    expect(capacitiesFor('municipal', upload)).toEqual(['coordinator']);
    expect(capacitiesFor('regional', { assignee: 'regional', confirmBy: null })).toEqual(['assignee', 'coordinator']);
    expect(capacitiesFor('admin', upload)).toEqual(['coordinator']);
  });
});
