import { basename } from 'node:path';
import { loadConfig } from '../config/env.js';
import { openStore } from '../db/client.js';
import { loadSchedules } from '../schedule/load.js';
import { describeChange, importStatuses, readStatusFile, StatusImportError } from '../tabular/status-import.js';
import { type Command, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock, schedulesOrReport } from './command-support.js';

const USAGE = `Usage: roadmap-bot status import <file.csv> [--dry-run] [--schedules DIR]

Brings milestone statuses from a CSV (UTF-8, ';' or ',') into the database, all or nothing. Columns:
schedule; occurrence; subject type (school|curator|municipality|region); subject (school code, curator's
full name, municipality name or region code); status; planned date (optional, DD.MM.YYYY or YYYY-MM-DD);
comment (optional; required for returned and not_applicable); region (optional, tells namesakes apart).
Each status is reached through the status machine as 'import' events; re-importing a file changes nothing.
Schedules are read from --schedules (default SCHEDULES_DIR).`;

/** `roadmap-bot status import <file> [--dry-run] [--schedules DIR]`. */
export const statusCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError(USAGE);
  const { values, positionals } = parseOptions(
    { args: rest, options: { 'dry-run': { type: 'boolean', default: false }, schedules: { type: 'string' } }, allowPositionals: true },
    USAGE,
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(USAGE);
  const config = loadConfig(io.env);

  const schedules = schedulesOrReport(io, () => loadSchedules(values.schedules ?? config.SCHEDULES_DIR));
  if (schedules === null) return 1;

  const dryRun = values['dry-run'];
  const store = openStore(config.DATABASE_PATH);
  try {
    const result = importStatuses(store, await readStatusFile(file), { schedules, now: configuredClock(config).now(), dryRun });
    const lines = result.changes.map(describeChange);
    const verb = dryRun ? 'would change' : 'changed';
    io.out(
      [
        ...lines,
        `${basename(file)}: ${result.rows} row(s); ${verb} ${result.changes.length} item(s), ${result.unchanged} already as reported.${dryRun ? ' Dry run: nothing written.' : ''}`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof StatusImportError)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    store.close();
  }
};
