import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { applyBulk, applyTransition, type BulkOrigin, getStatus, loadStatusEvents } from '../../src/db/statuses.js';
import { InvalidTransitionError } from '../../src/domain/status-machine.js';
import type { ItemRef } from '../../src/domain/status.js';
import { type RosterFixture, seedRoster } from './roster-fixture.js';

const now = DateTime.fromISO('2022-06-01T09:00:00Z');
const origin: BulkOrigin = { actorId: null, capacities: ['system'], via: 'import', source: { file: 'monitoring.xlsx', actor: 'Соколова Е. В.' } };

describe('bulk status writes (applyBulk)', () => {
  let store: Store;
  let roster: RosterFixture;
  const item = (school: number, occurrenceKey = 'concept-docs'): ItemRef => ({ scheduleId: '500plus-2022', occurrenceKey, subject: { type: 'school', id: school } });
  // event ids differ between two items' trails; everything else must not
  const withoutIds = <T extends { id: number }>(rows: T[]) => rows.map((row) => ({ ...row, id: 0 }));

  beforeEach(() => {
    store = openStore(':memory:');
    roster = seedRoster(store);
  });
  afterEach(() => store.close());

  it('stores an item and its audit trail exactly as the same steps one by one through applyTransition', () => {
    const bulk = item(roster.school.b1);
    const single = item(roster.school.b2);
    // b1's item already moved once, so the bulk write updates it; b2's is created by the first press
    for (const ref of [bulk, single]) applyTransition(store, { ...ref, to: 'in_progress', plannedDate: '2022-06-10', actorId: null, capacities: ['system'], via: 'import', requiresConfirmation: true, source: origin.source }, now);
    const steps = [
      { to: 'submitted', comment: null, plannedDate: null },
      { to: 'returned', comment: ' Нет подписи ', plannedDate: null },
      { to: 'submitted', comment: null, plannedDate: '2022-06-15' },
    ] as const;
    const events = applyBulk(store, [{ ...bulk, kind: 'steps', steps, requiresConfirmation: true }], origin, now);
    for (const step of steps) applyTransition(store, { ...single, ...step, actorId: null, capacities: ['system'], via: 'import', requiresConfirmation: true, source: origin.source }, now);

    expect(events).toBe(3);
    expect(getStatus(store, bulk)).toEqual({ ...getStatus(store, single), subject: bulk.subject });
    expect(getStatus(store, bulk)).toMatchObject({ status: 'submitted', version: 4, comment: 'Нет подписи', plannedDate: '2022-06-15' });
    expect(withoutIds(loadStatusEvents(store, bulk))).toEqual(withoutIds(loadStatusEvents(store, single)));
  });

  it('creates an untouched item with its final state and one event per step', () => {
    const ref = item(roster.school.b1);
    applyBulk(store, [{ ...ref, kind: 'steps', steps: [{ to: 'submitted', comment: null, plannedDate: null }, { to: 'confirmed', comment: null, plannedDate: null, doneOn: '2022-05-28' }], requiresConfirmation: true }], origin, now);
    expect(getStatus(store, ref)).toMatchObject({ status: 'confirmed', version: 2, doneOn: '2022-05-28', updatedBy: null, updatedSource: origin.source, updatedAt: '2022-06-01T09:00:00.000Z' });
    expect(loadStatusEvents(store, ref).map((e) => [e.from, e.to, e.via, e.source?.actor, e.doneOn])).toEqual([
      ['pending', 'submitted', 'import', 'Соколова Е. В.', null],
      ['submitted', 'confirmed', 'import', 'Соколова Е. В.', '2022-05-28'],
    ]);
  });

  it('writes nothing of the whole batch when one step is refused by the state machine', () => {
    const fine = item(roster.school.b1);
    const refused = item(roster.school.b2);
    const write = () =>
      applyBulk(
        store,
        [
          { ...fine, kind: 'steps', steps: [{ to: 'in_progress', comment: null, plannedDate: null }], requiresConfirmation: true },
          // done is no status of a milestone with confirm_by
          { ...refused, kind: 'steps', steps: [{ to: 'done', comment: null, plannedDate: null }], requiresConfirmation: true },
        ],
        origin,
        now,
      );
    expect(write).toThrow(InvalidTransitionError);
    expect(getStatus(store, fine)).toBeNull();
    expect(getStatus(store, refused)).toBeNull();
  });

  it('reopens a confirmed item as one event and forgets the day it was done', () => {
    const ref = item(roster.school.b1);
    applyBulk(store, [{ ...ref, kind: 'steps', steps: [{ to: 'submitted', comment: null, plannedDate: null }, { to: 'confirmed', comment: null, plannedDate: null, doneOn: '2022-05-28' }], requiresConfirmation: true }], origin, now);
    applyBulk(store, [{ ...ref, kind: 'reopen', step: { to: 'in_progress', comment: null, plannedDate: '2022-06-20' } }], origin, now);
    expect(getStatus(store, ref)).toMatchObject({ status: 'in_progress', version: 3, doneOn: null, plannedDate: '2022-06-20' });
    expect(loadStatusEvents(store, ref).at(-1)).toMatchObject({ from: 'confirmed', to: 'in_progress', plannedDate: '2022-06-20' });
  });

  it('records a new promised date with the status unchanged, and refuses one on a closed item', () => {
    const open = item(roster.school.b1);
    const closed = item(roster.school.b2);
    applyBulk(store, [{ ...open, kind: 'steps', steps: [{ to: 'in_progress', comment: null, plannedDate: null }], requiresConfirmation: false }, { ...closed, kind: 'steps', steps: [{ to: 'done', comment: null, plannedDate: null }], requiresConfirmation: false }], origin, now);
    applyBulk(store, [{ ...open, kind: 'planned_date', plannedDate: '2022-06-15' }], origin, now);
    expect(getStatus(store, open)).toMatchObject({ status: 'in_progress', plannedDate: '2022-06-15', version: 2 });
    expect(loadStatusEvents(store, open).at(-1)).toMatchObject({ from: 'in_progress', to: 'in_progress', plannedDate: '2022-06-15' });
    expect(() => applyBulk(store, [{ ...closed, kind: 'planned_date', plannedDate: '2022-06-15' }], origin, now)).toThrow(InvalidTransitionError);
    expect(getStatus(store, closed)).toMatchObject({ status: 'done', plannedDate: null, version: 1 });
  });
});
