import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { getPerson, markUnreachable } from '../../src/db/people.js';
import { people } from '../../src/db/schema.js';
import { renderBundle } from '../../src/delivery/render.js';
import { unreachableNotices } from '../../src/delivery/unreachable.js';
import { seedRoster } from '../db/roster-fixture.js';

function setup() {
  const store = openStore(':memory:');
  const fx = seedRoster(store);
  store.db.update(people).set({ chatId: '1' }).run();
  return { store, fx };
}

const now = DateTime.fromISO('2022-06-01T09:31:00+04:00');

describe('unreachable notices', () => {
  it('tells the curator of a school representative, in Russian, naming the person and the school', () => {
    const { store, fx } = setup();
    const rep = getPerson(store, fx.person.repB1);
    if (rep === null) throw new Error('fixture');
    const notices = unreachableNotices(store, rep, now);
    expect(notices.map((n) => n.recipientId)).toEqual([fx.person.curatorIvanova]);
    expect(notices[0]).toMatchObject({ kind: 'unreachable', sendAt: '2022-06-01T05:31:00.000Z', localDate: '2022-06-01' });
    const [message] = renderBundle(notices);
    expect(message?.text).toContain('представителю школы Смирнова Анна Павловна');
    expect(message?.text).toContain('Школа: МОУ СОШ № 1 г. Балаково.');
  });

  it('tells a curator’s municipal coordinators, and a municipal coordinator’s regional one', () => {
    const { store, fx } = setup();
    const curator = getPerson(store, fx.person.curatorIvanova);
    const municipal = getPerson(store, fx.person.municipalBalakovo);
    if (curator === null || municipal === null) throw new Error('fixture');
    expect(unreachableNotices(store, curator, now).map((n) => n.recipientId).sort()).toEqual(
      [fx.person.municipalBalakovo, fx.person.municipalEngels].sort(),
    );
    expect(unreachableNotices(store, municipal, now).map((n) => n.recipientId)).toEqual([fx.person.regionalSaratov]);
  });

  it('skips a supervisor who cannot be reached and goes one rung up', () => {
    const { store, fx } = setup();
    store.db.update(people).set({ chatId: null }).where(eq(people.id, fx.person.curatorIvanova)).run();
    const rep = getPerson(store, fx.person.repB1);
    if (rep === null) throw new Error('fixture');
    expect(unreachableNotices(store, rep, now).map((n) => n.recipientId)).toEqual([fx.person.municipalBalakovo]);
  });

  it('marks a person unreachable only once, so only one caller tells the supervisor', () => {
    const { store, fx } = setup();
    expect(markUnreachable(store, fx.person.repB1)).toBe(true);
    expect(markUnreachable(store, fx.person.repB1)).toBe(false);
    expect(getPerson(store, fx.person.repB1)?.state).toBe('unreachable');
  });
});
