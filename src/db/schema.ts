import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Instants are stored as ISO 8601 UTC strings; calendar dates as `YYYY-MM-DD`. */
const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const regions = sqliteTable('regions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** ISO 3166-2:RU, e.g. RU-SAR. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
});

export const municipalities = sqliteTable(
  'municipalities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('municipalities_region_name').on(t.regionId, t.name)],
);

export const schools = sqliteTable(
  'schools',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The school's code as the roster gives it; unique within its region. */
    code: text('code').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('schools_region_code').on(t.regionId, t.code)],
);

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    /** school | curator | municipal | regional | admin */
    role: text('role').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: integer('municipality_id').references(() => municipalities.id),
    schoolId: integer('school_id').references(() => schools.id),
    email: text('email'),
    phone: text('phone'),
    telegramUserId: text('telegram_user_id').unique(),
    chatId: text('chat_id'),
    /** active | unreachable | left */
    state: text('state').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_region_role_name').on(t.regionId, t.role, t.fullName),
    index('people_role').on(t.role),
    // supervisor chains and scopes look people up by school and by municipality
    index('people_school').on(t.schoolId),
    index('people_municipality').on(t.municipalityId),
  ],
);

/** Which curator holds which school, with history: `until` is null for the current assignment. */
export const curatorAssignments = sqliteTable(
  'curator_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    curatorId: integer('curator_id')
      .notNull()
      .references(() => people.id),
    since: text('since').notNull(),
    until: text('until'),
  },
  (t) => [
    index('curator_assignments_school').on(t.schoolId),
    index('curator_assignments_curator').on(t.curatorId),
    // a school has one current curator
    uniqueIndex('curator_assignments_current')
      .on(t.schoolId)
      .where(sql`until is null`),
  ],
);

export const invites = sqliteTable(
  'invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** sha256 of the code; the code itself is never stored. */
    codeHash: text('code_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('invites_person').on(t.personId)],
);

export const preferences = sqliteTable('preferences', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id),
  windowStart: text('window_start').notNull().default('09:00'),
  windowEnd: text('window_end').notNull().default('20:00'),
  /** ISO weekday of the weekly digest. */
  digestDay: integer('digest_day').notNull().default(1),
});

/** The current status of one milestone occurrence for one subject. */
export const itemStatuses = sqliteTable(
  'item_statuses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scheduleId: text('schedule_id').notNull(),
    occurrenceKey: text('occurrence_key').notNull(),
    /** school | curator | municipality | region */
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    status: text('status').notNull().default('pending'),
    plannedDate: text('planned_date'),
    comment: text('comment'),
    snoozedUntil: text('snoozed_until'),
    /** Bumped on every change: optimistic concurrency for simultaneous presses. */
    version: integer('version').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => people.id),
    /** The file the last change came from (an import), so `/school` and the export can say who set it. */
    updatedSource: text('updated_source'),
    /** Who the last change is on behalf of when no roster person made it (an import's `--as`). */
    updatedActorName: text('updated_actor_name'),
    /**
     * The day a done or confirmed item was done, when someone said so (a monitoring table's «выполнено 28.05»);
     * null: the local day of `updated_at`. Cleared when the item leaves done and confirmed.
     */
    doneOn: text('done_on'),
  },
  (t) => [uniqueIndex('item_statuses_item').on(t.scheduleId, t.occurrenceKey, t.subjectType, t.subjectId)],
);

/** Every status change, never updated or deleted. */
export const statusEvents = sqliteTable(
  'status_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => itemStatuses.id),
    actorId: integer('actor_id').references(() => people.id),
    at: text('at').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    /** button | command | import | system */
    via: text('via').notNull(),
    comment: text('comment'),
    plannedDate: text('planned_date'),
    /** The file an imported change came from; null for presses and the system. */
    source: text('source'),
    /** Who an import acted for (`--as`, default the OS user); null when `actor_id` says who. */
    actorName: text('actor_name'),
    /** The day the item was done, as the change said it (an import's «выполнено 28.05»); null when it did not. */
    doneOn: text('done_on'),
  },
  (t) => [index('status_events_item').on(t.itemId)],
);

/**
 * One planned item of a message to one person. Items for the same person and local day share a
 * `bundle_key` and go out together as one message.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    bundleKey: text('bundle_key').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    scheduleId: text('schedule_id'),
    occurrenceKey: text('occurrence_key'),
    subjectType: text('subject_type'),
    subjectId: integer('subject_id'),
    /** UTC instant the item is due to go out. */
    sendAt: text('send_at').notNull(),
    /** JSON: template id, parameters, buttons. */
    payload: text('payload').notNull(),
    /** planned | queued | sent | skipped | failed | dead */
    state: text('state').notNull().default('planned'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    telegramMessageId: integer('telegram_message_id'),
    createdAt: createdAt(),
    sentAt: text('sent_at'),
    /** The attempt holding the row while `claimed` or `sending` (worker id and attempt), else null. */
    claimedBy: text('claimed_by'),
    /** Epoch ms until which the claim is the holder's alone; after it, another attempt may settle the row. */
    leaseUntil: integer('lease_until'),
  },
  (t) => [
    index('notifications_state_send_at').on(t.state, t.sendAt),
    index('notifications_bundle').on(t.bundleKey),
    index('notifications_person').on(t.personId),
  ],
);

/** A question the bot asked and waits for a typed answer to; survives restarts. */
export const pendingQuestions = sqliteTable('pending_questions', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id),
  /** return_comment | problem_reason | planned_date | help_request */
  kind: text('kind').notNull(),
  /** JSON reference to the item the answer belongs to. */
  ref: text('ref').notNull(),
  askedAt: text('asked_at').notNull(),
});
