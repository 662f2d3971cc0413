import { describe, expect, it } from 'vitest';
import type { NotificationKind, Params } from '../../src/domain/notification.js';
import type { StatusValue } from '../../src/domain/status.js';
import { stillRelevant } from '../../src/planner/relevance.js';

const relevant = (kind: NotificationKind, status: StatusValue, params: Params = {}) =>
  stillRelevant({ kind, params, localDate: '2022-06-02' }, { status, snoozedUntil: null });

describe('stillRelevant', () => {
  it("drops a school's queued reminder once it has posted its documents", () => {
    expect(relevant('reminder', 'pending')).toBe(true);
    expect(relevant('reminder', 'in_progress')).toBe(true);
    expect(relevant('reminder', 'submitted')).toBe(false);
  });

  it("drops a curator's confirmation nudge once the documents were confirmed or returned", () => {
    expect(relevant('confirm_reminder', 'submitted')).toBe(true);
    expect(relevant('confirm_reminder', 'returned')).toBe(false);
    expect(relevant('confirm_request', 'confirmed')).toBe(false);
  });

  it('keeps reminding of a return only while the documents are still returned', () => {
    expect(relevant('returned_reminder', 'returned')).toBe(true);
    expect(relevant('returned_reminder', 'submitted')).toBe(false);
  });

  it('drops a status prompt about a lagging school once that school has posted', () => {
    expect(relevant('status_prompt', 'in_progress', { status: 'pending' })).toBe(true);
    expect(relevant('status_prompt', 'submitted', { status: 'pending' })).toBe(false);
    expect(relevant('overdue_supervisor', 'submitted', { status: 'submitted' })).toBe(true);
  });

  it('holds back a reminder for a day the item was snoozed past, but never an escalation', () => {
    const snoozed = { status: 'pending', snoozedUntil: '2022-06-03' } as const;
    expect(stillRelevant({ kind: 'reminder', params: {}, localDate: '2022-06-02' }, snoozed)).toBe(false);
    expect(stillRelevant({ kind: 'reminder', params: {}, localDate: '2022-06-03' }, snoozed)).toBe(true);
    expect(stillRelevant({ kind: 'overdue', params: {}, localDate: '2022-06-02' }, snoozed)).toBe(true);
  });

  it('reads no record as a pending item', () => {
    expect(stillRelevant({ kind: 'reminder', params: {}, localDate: '2022-06-02' }, null)).toBe(true);
  });

  it('never sends anything about a closed item, and always sends what is about no item', () => {
    for (const status of ['confirmed', 'done', 'not_applicable'] as const) {
      expect(relevant('overdue', status)).toBe(false);
      expect(relevant('digest_regional', status)).toBe(false);
    }
    expect(relevant('digest_regional', 'pending')).toBe(true);
    expect(relevant('event', 'submitted')).toBe(true);
  });
});
