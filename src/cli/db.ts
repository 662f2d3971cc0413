import { loadConfig } from '../config/env.js';
import { openStore } from '../db/client.js';
import { migrateNamed } from '../db/migrations.js';
import { type Command, UsageError } from './io.js';

const USAGE = `Usage: roadmap-bot db migrate

Creates the database at DATABASE_PATH if needed and applies the migrations in drizzle/ that it lacks
(the bot also does this at start).`;

/** `roadmap-bot db migrate`: applies pending migrations and names each one it applied. */
export const dbCommand: Command = (argv, io) => {
  if (argv.length !== 1 || argv[0] !== 'migrate') throw new UsageError(USAGE);
  const config = loadConfig(io.env);
  const store = openStore(config.DATABASE_PATH, { migrate: false });
  try {
    const { appliedBefore, applied } = migrateNamed(store);
    if (applied.length === 0) {
      io.out(`${config.DATABASE_PATH}: up to date (${appliedBefore} migration(s) applied earlier).`);
    } else {
      io.out([`${config.DATABASE_PATH}: applied ${applied.length} migration(s):`, ...applied.map((name) => `  ${name}`)].join('\n'));
    }
    return 0;
  } finally {
    store.close();
  }
};
