/**
 * Invite codes: how a person on the roster binds their Telegram account. A code is 128 random bits in
 * base64url (fits Telegram's 64-character `start` parameter), handed out once and stored only as its
 * sha256, so a copy of the database cannot be used to register as anyone.
 *
 * Rules:
 * - issuing a code revokes every earlier unused code of that person;
 * - a code binds once, before it expires, and only a person still on the roster (not `left`);
 * - a valid code always binds its person to the redeeming Telegram user, replacing an earlier binding of
 *   that person (the way to move someone to a new account is to issue a fresh invite);
 * - a Telegram user bound to one person cannot redeem another person's code (`other_identity`): an
 *   operator must unbind them first. The code stays usable for the right person.
 */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import { createHash, randomBytes } from 'node:crypto';
import type { Person } from '../domain/roster.js';
import type { Store } from './client.js';
import { allOf, oneOf } from './columns.js';
import { findPersonByTelegramUser, getPerson } from './people.js';
import { invites, municipalities, people, regions, schools } from './schema.js';

/** 16 bytes = 128 random bits, 22 base64url characters. */
const CODE_BYTES = 16;
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The only form in which a code is stored or looked up. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** The deep link a person taps to register. */
export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

export interface IssuedInvite {
  personId: number;
  /** The code itself: shown once, never stored. */
  code: string;
  /** ISO instant (UTC). */
  expiresAt: string;
}

function iso(at: DateTime): string {
  const value = at.toUTC().toISO();
  if (value === null) throw new RangeError(`Invalid instant: ${at.invalidExplanation ?? 'unknown'}`);
  return value;
}

/**
 * Issues a fresh code to each person, revoking their earlier unused ones, in one transaction.
 * @param ttlDays days the codes stay valid (INVITE_TTL_DAYS)
 */
export function issueInvites(
  store: Store,
  personIds: readonly number[],
  options: { now: DateTime; ttlDays: number },
): IssuedInvite[] {
  const createdAt = iso(options.now);
  const expiresAt = iso(options.now.plus({ days: options.ttlDays }));
  return store.sqlite
    .transaction(() => {
      if (personIds.length > 0) {
        store.db
          .update(invites)
          .set({ revokedAt: createdAt })
          .where(and(inArray(invites.personId, [...personIds]), isNull(invites.usedAt), isNull(invites.revokedAt)))
          .run();
      }
      return personIds.map((personId) => {
        const code = randomBytes(CODE_BYTES).toString('base64url');
        store.db.insert(invites).values({ personId, codeHash: hashInviteCode(code), createdAt, expiresAt }).run();
        return { personId, code, expiresAt };
      });
    })
    .immediate();
}

/** What became of a `/start <code>`. */
export type RedeemResult =
  /** Bound now; `rebound` when this replaced the person's earlier Telegram account, `already` when the same
   * user redeemed the same code again (a repeated /start). */
  | { outcome: 'bound'; person: Person; rebound: boolean; already: boolean }
  /** This Telegram user is already registered as `person`; nothing changed. */
  | { outcome: 'other_identity'; person: Person }
  /** Never issued (or mistyped). */
  | { outcome: 'unknown' }
  /** Replaced by a newer code, or its person has left the programme. */
  | { outcome: 'revoked' }
  /** Already redeemed by another Telegram user. */
  | { outcome: 'used' }
  | { outcome: 'expired' };

/**
 * Binds the code's person to a Telegram user and chat, in one IMMEDIATE transaction so two redemptions of
 * one code cannot both succeed. See the module comment for the rules.
 */
export function redeemInvite(
  store: Store,
  code: string,
  telegramUserId: string,
  chatId: string,
  now: DateTime,
): RedeemResult {
  const trimmed = code.trim();
  if (!CODE_PATTERN.test(trimmed)) return { outcome: 'unknown' };
  const at = iso(now);
  return store.sqlite
    .transaction((): RedeemResult => {
      const invite = store.db.select().from(invites).where(eq(invites.codeHash, hashInviteCode(trimmed))).get();
      if (!invite) return { outcome: 'unknown' };
      const person = getPerson(store, invite.personId);
      if (!person) throw new Error(`Invite ${invite.id} points at missing person ${invite.personId}`);
      if (invite.revokedAt !== null || person.state === 'left') return { outcome: 'revoked' };
      if (invite.usedAt !== null) {
        return person.telegramUserId === telegramUserId
          ? { outcome: 'bound', person, rebound: false, already: true }
          : { outcome: 'used' };
      }
      if (invite.expiresAt <= at) return { outcome: 'expired' };
      const holder = findPersonByTelegramUser(store, telegramUserId);
      if (holder && holder.id !== person.id) return { outcome: 'other_identity', person: holder };

      store.db.update(invites).set({ usedAt: at }).where(eq(invites.id, invite.id)).run();
      store.db
        .update(people)
        .set({ telegramUserId, chatId, state: 'active' })
        .where(eq(people.id, person.id))
        .run();
      const bound = getPerson(store, person.id);
      if (!bound) throw new Error(`Person ${person.id} vanished inside its transaction`);
      const rebound = person.telegramUserId !== null && person.telegramUserId !== telegramUserId;
      return { outcome: 'bound', person: bound, rebound, already: false };
    })
    .immediate();
}

/** A person an invite goes to, with what a mail merge needs to address them. */
export interface InviteRecipient {
  personId: number;
  fullName: string;
  role: Person['role'];
  region: string;
  municipality: string | null;
  schoolCode: string | null;
  schoolName: string | null;
  email: string | null;
  phone: string | null;
  /** Already bound to a Telegram account (a new code would move them when redeemed). */
  registered: boolean;
}

const ROLE_ORDER: readonly Person['role'][] = ['regional', 'municipal', 'curator', 'school', 'admin'];

/**
 * Everyone still on the roster (not `left`), optionally of one region or just one person, ordered by
 * region, role from the top down, municipality and name.
 */
export function inviteRecipients(store: Store, filter: { regionId?: number; personId?: number } = {}): InviteRecipient[] {
  const rows = store.db
    .select({
      personId: people.id,
      fullName: people.fullName,
      role: people.role,
      regionId: people.regionId,
      region: regions.name,
      municipality: municipalities.name,
      schoolCode: schools.code,
      schoolName: schools.name,
      email: people.email,
      phone: people.phone,
      telegramUserId: people.telegramUserId,
    })
    .from(people)
    .innerJoin(regions, eq(regions.id, people.regionId))
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .leftJoin(municipalities, eq(municipalities.id, sql`coalesce(${people.municipalityId}, ${schools.municipalityId})`))
    .where(
      allOf(
        ne(people.state, 'left'),
        filter.regionId !== undefined && eq(people.regionId, filter.regionId),
        filter.personId !== undefined && eq(people.id, filter.personId),
      ),
    )
    .all();
  const rank = (role: string) => ROLE_ORDER.findIndex((r) => r === role);
  return rows
    .sort(
      (a, b) =>
        a.regionId - b.regionId ||
        rank(a.role) - rank(b.role) ||
        (a.municipality ?? '').localeCompare(b.municipality ?? '', 'ru') ||
        a.fullName.localeCompare(b.fullName, 'ru'),
    )
    .map((row) => {
      return {
        personId: row.personId,
        fullName: row.fullName,
        role: oneOf(ROLE_ORDER, row.role, `people row ${row.personId}: role`),
        region: row.region,
        municipality: row.municipality,
        schoolCode: row.schoolCode,
        schoolName: row.schoolName,
        email: row.email,
        phone: row.phone,
        registered: row.telegramUserId !== null,
      };
    });
}
