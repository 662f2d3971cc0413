import { loadConfig } from '../config/env.js';
import { openStore } from '../db/client.js';
import { type ChangeEntity, type ChangeKind, importRoster, type RosterChange } from '../roster/import.js';
import { RosterError } from '../roster/issues.js';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock } from './command-support.js';

const USAGE = `Usage: roadmap-bot roster import <file.csv|file.xlsx> [--dry-run]

Imports the roster (one row per school) all or nothing; with --dry-run prints what would be added,
changed and removed and writes nothing. The columns are described in README.md, section "Roster".`;

const ENTITY_NAMES: Record<ChangeEntity, [string, string]> = {
  region: ['region', 'regions'],
  municipality: ['municipality', 'municipalities'],
  school: ['school', 'schools'],
  person: ['person', 'people'],
  assignment: ['curator assignment', 'curator assignments'],
};

function counted(n: number, entity: ChangeEntity): string {
  return `${n} ${ENTITY_NAMES[entity][n === 1 ? 0 : 1]}`;
}

/** "2 regions, 29 municipalities" for the changes of one kind, or "none". */
function countLine(changes: RosterChange[], kind: ChangeKind): string {
  const counts = new Map<ChangeEntity, number>();
  for (const c of changes) if (c.kind === kind) counts.set(c.entity, (counts.get(c.entity) ?? 0) + 1);
  const parts = (Object.keys(ENTITY_NAMES) as ChangeEntity[])
    .filter((entity) => counts.has(entity))
    .map((entity) => counted(counts.get(entity) ?? 0, entity));
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** `roadmap-bot roster import <file> [--dry-run]`. */
export const rosterCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError(USAGE);
  const parsed = parseOptions({ args: rest, options: { 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true }, USAGE);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(USAGE);
  const dryRun = parsed.values['dry-run'];

  const config = loadConfig(io.env);
  const store = openStore(config.DATABASE_PATH);
  try {
    const result = await importRoster(store.db, file, { now: configuredClock(config).now(), dryRun });
    const { size, changes } = result;
    const sizes = [
      counted(size.regions, 'region'),
      counted(size.municipalities, 'municipality'),
      counted(size.schools, 'school'),
      counted(size.people, 'person'),
    ];
    io.out(`${result.file}: ${sizes.join(', ')}`);
    if (changes.length === 0) {
      io.out('The store already matches the file: nothing to change.');
      return 0;
    }
    io.out(dryRun ? 'Dry run, nothing written. Would:' : `Imported into ${config.DATABASE_PATH} in one transaction:`);
    io.out(`  add:    ${countLine(changes, 'add')}`);
    io.out(`  change: ${countLine(changes, 'change')}`);
    io.out(`  remove: ${countLine(changes, 'remove')}`);
    if (dryRun) for (const change of changes) io.out(change.text);
    return 0;
  } catch (error) {
    if (error instanceof RosterError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
};
