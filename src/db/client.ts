import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/**
 * Opens (creating if needed) and migrates the database. WAL, foreign keys and a busy timeout let the
 * bot, the scheduler and workers share one file. `:memory:` gives a private database for tests.
 */
export function openStore(path: string, options: { migrate?: boolean } = {}): Store {
  let sqlite: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const opened = sqlite;
    const store: Store = { db: drizzle(opened, { schema }), sqlite: opened, close: () => opened.close() };
    if (options.migrate !== false) applyMigrations(store);
    return store;
  } catch (error) {
    sqlite?.close();
    throw new StoreUnavailableError(path, error);
  }
}

/** The database file cannot be opened or written: where it is and why, in one sentence. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(path: string, cause: unknown) {
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a part of that path is a file, not a directory'
        : code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS' || code === 'SQLITE_CANTOPEN'
          ? 'the file or its directory is not writable by this user'
          : cause instanceof Error
            ? cause.message
            : String(cause);
    super(`DATABASE_PATH=${path}: cannot open the database: ${why}`, { cause });
  }
}

/** Applies the migrations in `drizzle/` the database lacks, each in its own transaction. */
export function applyMigrations(store: Store): void {
  migrate(store.db, { migrationsFolder: MIGRATIONS_DIR });
}
