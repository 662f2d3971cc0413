import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { hashInviteCode, inviteLink, inviteRecipients, issueInvites, redeemInvite } from '../../src/db/invites.js';
import { getPerson, setPersonState } from '../../src/db/people.js';
import { invites } from '../../src/db/schema.js';
import { type RosterFixture, seedRoster } from './roster-fixture.js';

const issuedAt = DateTime.fromISO('2022-02-01T09:00:00Z');
const later = issuedAt.plus({ days: 3 });

describe('invites', () => {
  let store: Store;
  let f: RosterFixture;
  const issue = (personId: number, now = issuedAt) => {
    const [invite] = issueInvites(store, [personId], { now, ttlDays: 30 });
    if (!invite) throw new Error('no invite issued');
    return invite.code;
  };

  beforeEach(() => {
    store = openStore(':memory:');
    f = seedRoster(store);
  });
  afterEach(() => store.close());

  it('issues 128-bit base64url codes and stores only their sha256', () => {
    const issued = issueInvites(store, [f.person.repB1, f.person.curatorIvanova], { now: issuedAt, ttlDays: 30 });
    expect(issued.map((i) => i.code)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), expect.stringMatching(/^[A-Za-z0-9_-]{22}$/)]);
    expect(Buffer.from(issued[0]?.code ?? '', 'base64url')).toHaveLength(16);
    expect(issued[0]?.expiresAt).toBe('2022-03-03T09:00:00.000Z');
    const dump = JSON.stringify(store.sqlite.prepare('select * from invites').all());
    for (const { code } of issued) {
      expect(dump).not.toContain(code);
      expect(dump).toContain(hashInviteCode(code));
    }
  });

  it('binds the person to the Telegram user and chat once', () => {
    const code = issue(f.person.repB1);
    const result = redeemInvite(store, code, '7001', '7001', later);
    expect(result).toMatchObject({ outcome: 'bound', rebound: false, already: false, person: { id: f.person.repB1, telegramUserId: '7001', chatId: '7001' } });
    expect(redeemInvite(store, code, '7002', '7002', later)).toEqual({ outcome: 'used' });
    expect(getPerson(store, f.person.repB1)?.telegramUserId).toBe('7001');
  });

  it('treats a repeated /start by the same user as already bound', () => {
    const code = issue(f.person.repB1);
    redeemInvite(store, code, '7001', '7001', later);
    expect(redeemInvite(store, code, '7001', '7001', later.plus({ minutes: 1 }))).toMatchObject({ outcome: 'bound', already: true });
  });

  it('refuses a code at or after its expiry with a fixed clock', () => {
    const code = issue(f.person.repB1);
    expect(redeemInvite(store, code, '7001', '7001', issuedAt.plus({ days: 30 }))).toEqual({ outcome: 'expired' });
    expect(redeemInvite(store, code, '7001', '7001', issuedAt.plus({ days: 30 }).minus({ milliseconds: 1 })).outcome).toBe('bound');
  });

  it('revokes the old code when a new one is issued', () => {
    const old = issue(f.person.repB1);
    const fresh = issue(f.person.repB1, later);
    expect(redeemInvite(store, old, '7001', '7001', later)).toEqual({ outcome: 'revoked' });
    expect(redeemInvite(store, fresh, '7001', '7001', later).outcome).toBe('bound');
    expect(store.db.select().from(invites).where(eq(invites.personId, f.person.repB1)).all()).toHaveLength(2);
  });

  it('answers unknown for a code never issued or malformed', () => {
    issue(f.person.repB1);
    expect(redeemInvite(store, 'AAAAAAAAAAAAAAAAAAAAAA', '7001', '7001', later)).toEqual({ outcome: 'unknown' });
    expect(redeemInvite(store, 'x; drop table people', '7001', '7001', later)).toEqual({ outcome: 'unknown' });
  });

  it('refuses the code of a person who has left the programme', () => {
    const code = issue(f.person.repB1);
    setPersonState(store, f.person.repB1, 'left');
    expect(redeemInvite(store, code, '7001', '7001', later)).toEqual({ outcome: 'revoked' });
  });

  it('moves a registered person to a new Telegram account only with a fresh invite', () => {
    redeemInvite(store, issue(f.person.repB1), '7001', '7001', later);
    const fresh = issue(f.person.repB1, later);
    const moved = redeemInvite(store, fresh, '7002', '7002', later);
    expect(moved).toMatchObject({ outcome: 'bound', rebound: true, person: { telegramUserId: '7002' } });
    expect(getPerson(store, f.person.repB1)?.telegramUserId).toBe('7002');
  });

  it('does not let a registered Telegram user take a second identity, and keeps the code for its owner', () => {
    redeemInvite(store, issue(f.person.repB1), '7001', '7001', later);
    const curatorCode = issue(f.person.curatorIvanova);
    expect(redeemInvite(store, curatorCode, '7001', '7001', later)).toMatchObject({
      outcome: 'other_identity',
      person: { id: f.person.repB1 },
    });
    expect(getPerson(store, f.person.curatorIvanova)?.telegramUserId).toBeNull();
    expect(redeemInvite(store, curatorCode, '7005', '7005', later).outcome).toBe('bound');
  });

  it('marks an unreachable person active again when they register', () => {
    setPersonState(store, f.person.repB1, 'unreachable');
    const result = redeemInvite(store, issue(f.person.repB1), '7001', '7001', later);
    expect(result).toMatchObject({ outcome: 'bound', person: { state: 'active' } });
  });

  it('builds the deep link for the bot', () => {
    expect(inviteLink('roadmap500_bot', 'abc_DEF-123')).toBe('https://t.me/roadmap500_bot?start=abc_DEF-123');
  });

  it('lists recipients of a region top down with their school and municipality', () => {
    const list = inviteRecipients(store, { regionId: f.region.kamchatka });
    expect(list.map((r) => [r.fullName, r.role, r.municipality, r.schoolCode])).toEqual([
      ['Зайцев Павел Олегович', 'regional', null, null],
      ['Петров Алексей Николаевич', 'curator', null, null],
      ['Лебедева Ирина Юрьевна', 'school', 'Елизовский район', '640001'],
    ]);
    expect(inviteRecipients(store, { personId: f.person.municipalBalakovo })).toEqual([
      expect.objectContaining({ role: 'municipal', municipality: 'Балаковский район', region: 'Саратовская область', registered: false }),
    ]);
  });
});
