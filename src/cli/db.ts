import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { loadConfig } from '../config/env.js';
import { applyMigrations, MIGRATIONS_DIR, openStore, type Store } from '../db/client.js';
import { type Command, UsageError } from './io.js';

const USAGE = `Usage: roadmap-bot db migrate

Creates the database at DATABASE_PATH if needed and applies the migrations in drizzle/ that it lacks
(the bot also does this at start).`;

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

/** `roadmap-bot db migrate`: applies pending migrations and names each one it applied. */
export const dbCommand: Command = async (argv, io) => {
  if (argv.length !== 1 || argv[0] !== 'migrate') throw new UsageError(USAGE);
  const config = loadConfig(io.env);
  const store = openStore(config.DATABASE_PATH, { migrate: false });
  try {
    const before = appliedMigrations(store);
    const pending = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR })
      .map((m) => m.folderMillis)
      .filter((when) => !before.has(when));
    applyMigrations(store);
    const tags = migrationTags();
    if (pending.length === 0) {
      io.out(`${config.DATABASE_PATH}: up to date (${before.size} migration(s) applied earlier).`);
    } else {
      io.out(
        [`${config.DATABASE_PATH}: applied ${pending.length} migration(s):`, ...pending.map((w) => `  ${tags.get(w) ?? w}`)].join('\n'),
      );
    }
    return 0;
  } finally {
    store.close();
  }
};
