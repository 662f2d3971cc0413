/**
 * Which of the migrations in `drizzle/` a database has applied, and applying the rest with their names.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, MIGRATIONS_DIR, type Store } from './client.js';

interface JournalEntry {
  when: number;
  tag: string;
}

/** Migration names by their timestamp, which is what drizzle records of an applied migration. */
function migrationTags(): Map<number, string> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

/** Timestamps of the migrations the database has already applied. */
function appliedMigrations(store: Store): Set<number> {
  const table = store.sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (table === undefined) return new Set();
  const rows = store.sqlite.prepare('select created_at from __drizzle_migrations').all() as { created_at: number }[];
  return new Set(rows.map((r) => Number(r.created_at)));
}

export interface MigrationReport {
  /** How many migrations the database had applied before. */
  appliedBefore: number;
  /** Names of the migrations this call applied, oldest first. */
  applied: string[];
}

/** Applies the pending migrations and names each one it applied. */
export function migrateNamed(store: Store): MigrationReport {
  const before = appliedMigrations(store);
  const pending = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR })
    .map((m) => m.folderMillis)
    .filter((when) => !before.has(when));
  applyMigrations(store);
  const tags = migrationTags();
  return { appliedBefore: before.size, applied: pending.map((w) => tags.get(w) ?? String(w)) };
}
