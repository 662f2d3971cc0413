import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { InvalidTransitionError } from '../../src/domain/status-machine.js';
import { applyTransition, getStatus, loadStatusEvents, loadStatuses, recordComment, setPlannedDate, snooze, StaleStatusError, type TransitionInput } from '../../src/db/statuses.js';
import type { ItemRef } from '../../src/domain/status.js';
import { MAX_COMMENT_LENGTH } from '../../src/domain/user-text.js';
import { type RosterFixture, seedRoster } from './roster-fixture.js';

const now = DateTime.fromISO('2022-03-01T10:00:00', { zone: 'Europe/Saratov' });

describe('statuses store', () => {
  let store: Store;
  let roster: RosterFixture;
  let ref: ItemRef;
  const press = (input: Partial<TransitionInput> & Pick<TransitionInput, 'to'>, at = now) =>
    applyTransition(
      store,
      {
        ...ref,
        actorId: roster.person.repB1,
        capacities: ['assignee'],
        via: 'button',
        requiresConfirmation: true,
        ...input,
      },
      at,
    );

  beforeEach(() => {
    store = openStore(':memory:');
    roster = seedRoster(store);
    ref = { scheduleId: '500plus-2022', occurrenceKey: 'concept-docs', subject: { type: 'school', id: roster.school.b1 } };
  });
  afterEach(() => store.close());

  it('creates an untouched item as pending and records the first press with its audit event', () => {
    expect(getStatus(store, ref)).toBeNull();
    const result = press({ to: 'in_progress', plannedDate: '2022-03-20' });
    expect(result).toMatchObject({ status: 'in_progress', version: 1, plannedDate: '2022-03-20', updatedBy: roster.person.repB1 });
    expect(result.updatedAt).toBe('2022-03-01T06:00:00.000Z');
    expect(loadStatusEvents(store, ref)).toEqual([
      expect.objectContaining({ from: 'pending', to: 'in_progress', via: 'button', actorId: roster.person.repB1, plannedDate: '2022-03-20' }),
    ]);
  });

  it('keeps the return comment on the item and in the audit trail through a full stage 1 cycle', () => {
    press({ to: 'submitted' });
    press({ to: 'returned', actorId: roster.person.curatorIvanova, capacities: ['confirmer'], comment: ' Нет подписи директора ' });
    press({ to: 'submitted' });
    const final = press({ to: 'confirmed', actorId: roster.person.curatorIvanova, capacities: ['confirmer'] });
    expect(final).toMatchObject({ status: 'confirmed', version: 4, comment: 'Нет подписи директора' });
    expect(loadStatusEvents(store, ref).map((e) => [e.from, e.to, e.comment])).toEqual([
      ['pending', 'submitted', null],
      ['submitted', 'returned', 'Нет подписи директора'],
      ['returned', 'submitted', null],
      ['submitted', 'confirmed', null],
    ]);
  });

  it('keeps at most 1,000 characters of a megabyte comment, so it can never flood the school with messages', () => {
    press({ to: 'submitted' });
    const huge = 'Нет подписи. '.repeat(80_000);
    const returned = press({ to: 'returned', actorId: roster.person.curatorIvanova, capacities: ['confirmer'], comment: huge });
    expect([...(returned.comment ?? '')]).toHaveLength(MAX_COMMENT_LENGTH);
    expect(returned.comment?.endsWith('…')).toBe(true);
    expect(loadStatusEvents(store, ref).at(-1)?.comment).toBe(returned.comment);
    expect([...(recordComment(store, { ...ref, actorId: null, via: 'import', comment: `${huge}!` }, now).comment ?? '')]).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it('refuses an invalid transition without leaving a row or an event behind', () => {
    expect(() => press({ to: 'confirmed' })).toThrow(InvalidTransitionError);
    expect(getStatus(store, ref)).toBeNull();
    expect(store.sqlite.prepare('select count(*) as n from status_events').get()).toEqual({ n: 0 });
  });

  it('answers a stale press with the current state and changes nothing', () => {
    press({ to: 'submitted', expectedVersion: 0 });
    press({ to: 'confirmed', actorId: roster.person.curatorIvanova, capacities: ['confirmer'], expectedVersion: 1 });
    let stale: StaleStatusError | undefined;
    try {
      press({ to: 'returned', actorId: roster.person.municipalBalakovo, capacities: ['coordinator'], comment: 'нет', expectedVersion: 1 });
    } catch (error) {
      if (!(error instanceof StaleStatusError)) throw error;
      stale = error;
    }
    expect(stale?.current).toMatchObject({ status: 'confirmed', version: 2, updatedBy: roster.person.curatorIvanova });
    expect(loadStatusEvents(store, ref)).toHaveLength(2);
  });

  it('records a new promised date as an event with the status unchanged, and ignores the same date again', () => {
    press({ to: 'in_progress', plannedDate: '2022-03-20' });
    const moved = setPlannedDate(store, { ...ref, plannedDate: '2022-03-25', actorId: roster.person.repB1, via: 'button' }, now);
    const again = setPlannedDate(store, { ...ref, plannedDate: '2022-03-25', actorId: roster.person.repB1, via: 'button' }, now);
    expect(moved).toMatchObject({ status: 'in_progress', plannedDate: '2022-03-25', version: 2 });
    expect(again.version).toBe(2);
    expect(loadStatusEvents(store, ref).at(-1)).toMatchObject({ from: 'in_progress', to: 'in_progress', plannedDate: '2022-03-25' });
    expect(() => setPlannedDate(store, { ...ref, plannedDate: '25.03.2022', actorId: null, via: 'command' }, now)).toThrow(
      /YYYY-MM-DD/,
    );
  });

  it('records a comment as an event with the status unchanged, keeps the promised date, and refuses on a closed item', () => {
    press({ to: 'in_progress', plannedDate: '2022-03-20' });
    const by = { actorId: roster.person.municipalBalakovo, via: 'button' as const };
    const noted = recordComment(store, { ...ref, ...by, comment: '  Директор на больничном  ' }, now);
    const again = recordComment(store, { ...ref, ...by, comment: 'Директор на больничном' }, now);
    expect(noted).toMatchObject({ status: 'in_progress', comment: 'Директор на больничном', plannedDate: '2022-03-20', version: 2 });
    expect(again.version).toBe(2);
    expect(loadStatusEvents(store, ref).at(-1)).toMatchObject({ from: 'in_progress', to: 'in_progress', comment: 'Директор на больничном', actorId: by.actorId });
    expect(() => recordComment(store, { ...ref, ...by, comment: ' ' }, now)).toThrow(RangeError);
    press({ to: 'submitted' });
    press({ to: 'confirmed', actorId: roster.person.curatorIvanova, capacities: ['confirmer'] });
    expect(() => recordComment(store, { ...ref, ...by, comment: 'поздно' }, now)).toThrow(InvalidTransitionError);
  });

  it('snoozes reminders without a new version, so buttons already shown stay valid', () => {
    const before = press({ to: 'in_progress' });
    const snoozed = snooze(store, ref, '2022-03-02', now);
    expect(snoozed).toMatchObject({ snoozedUntil: '2022-03-02', version: before.version });
    expect(press({ to: 'submitted', expectedVersion: before.version }).status).toBe('submitted');
  });

  it('loads every stored status, or those of chosen schedules', () => {
    press({ to: 'in_progress' });
    applyTransition(
      store,
      { scheduleId: 'federal-2022', occurrenceKey: 'vks-weekly@2022-02-08', subject: { type: 'curator', id: roster.person.curatorIvanova }, to: 'done', actorId: null, capacities: ['system'], via: 'system', requiresConfirmation: false },
      now,
    );
    expect(loadStatuses(store).map((s) => s.scheduleId).sort()).toEqual(['500plus-2022', 'federal-2022']);
    expect(loadStatuses(store, ['federal-2022'])).toEqual([
      expect.objectContaining({ occurrenceKey: 'vks-weekly@2022-02-08', subject: { type: 'curator', id: roster.person.curatorIvanova }, status: 'done' }),
    ]);
  });
});

describe('applyTransition across processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-race-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no press when two processes move the same items at once, and the audit chain stays unbroken', async () => {
    const dbPath = join(dir, 'race.db');
    openStore(dbPath).close();
    const items = 4;
    const presses = 300;
    const startAt = Date.now() + 1500;
    const worker = join(import.meta.dirname, 'transition-worker.ts');
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', worker, dbPath, String(items), String(presses), String(startAt)]);
    const outputs = await Promise.all([run(), run()]);
    const results = outputs.map((o) => JSON.parse(o.stdout) as { landed: number; stale: number });
    for (const r of results) {
      expect(r.landed + r.stale).toBe(presses);
      expect(r.landed).toBeGreaterThan(0);
    }

    const store = openStore(dbPath);
    const statuses = loadStatuses(store, ['race']);
    let events = 0;
    for (const status of statuses) {
      const trail = loadStatusEvents(store, status);
      expect(trail).toHaveLength(status.version);
      trail.forEach((event, i) => expect(event.from).toBe(i === 0 ? 'pending' : trail[i - 1]?.to));
      expect(trail.at(-1)?.to).toBe(status.status);
      events += trail.length;
    }
    store.close();
    expect(events).toBe(results[0]!.landed + results[1]!.landed);
  });
});
