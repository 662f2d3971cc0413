import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import { loadConfig } from '../config/env.js';
import { openStore, type Store } from '../db/client.js';
import { findRegion } from '../db/roster.js';
import { municipalitiesNamed, type TableSchoolFilter } from '../db/status-table.js';
import { createRenderer } from '../delivery/render.js';
import { loadSchedules } from '../schedule/load.js';
import { buildStatusTable, type Say, statusTableCsv, statusTableXlsx } from '../tabular/status-export.js';
import { describeChange, importStatuses, readStatusFile, StatusImportError, type StatusImportResult } from '../tabular/status-import.js';
import { type Command, type Io, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock, schedulesOrReport } from './command-support.js';

const USAGE = `Usage: roadmap-bot status import <file> [--dry-run] [--as PERSON] [--sheet NAME] [--allow-reopen] [--schedules DIR]
       roadmap-bot status export --out FILE.xlsx|FILE.csv [--region R] [--municipality M] [--schedule ID] [--schedules DIR]

import brings milestone statuses into the database, all or nothing, from either table:
  the long one (a row per item: schedule; occurrence; subject type; subject; status; planned date; comment; region)
  or the monitoring table (a row per school: Регион, Муниципалитет, Код ОО, Наименование ОО, Куратор, then a
  column per item, «4.2 Концептуальные документы», cells in words: да, выполнено 28.05, ждёт куратора,
  в работе, обещают 15.06, на доработке: …, не требуется: …, нет).
  .xlsx (the first sheet with rows, or --sheet) or .csv (; , or tab; UTF-8 or Windows-1251).
  Each change is an audited 'import' step recorded with the file's name and --as (default: the OS user);
  a move backwards (confirmed → in progress) is listed and not applied without --allow-reopen.
export writes the monitoring table of the active schools (one region or municipality, one schedule).
Schedules are read from --schedules (default SCHEDULES_DIR).`;

/** `roadmap-bot status import|export ...`. */
export const statusCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importCommand(rest, io);
  if (sub === 'export') return exportCommand(rest, io);
  throw new UsageError(USAGE);
};

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    {
      args,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'allow-reopen': { type: 'boolean', default: false },
        as: { type: 'string' },
        sheet: { type: 'string' },
        schedules: { type: 'string' },
      },
      allowPositionals: true,
    },
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
    const table = await readStatusFile(file, values.sheet === undefined ? {} : { sheet: values.sheet });
    const source = { file: basename(file), actor: values.as ?? osUser(io) };
    const result = importStatuses(store, table, { schedules, now: configuredClock(config).now(), dryRun, source, allowReopen: values['allow-reopen'] });
    const verb = dryRun ? 'would change' : 'changed';
    io.out(
      [
        ...summaryLines(result),
        `${basename(file)}: ${result.rows} ${result.shape === 'wide' ? 'school' : 'item'} row(s); ${verb} ${result.changes.length} item(s), ${result.unchanged} already as reported${result.backwards.length > 0 ? `, ${result.backwards.length} not moved backwards (--allow-reopen)` : ''}.${dryRun ? ' Dry run: nothing written.' : ''}`,
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
}

/** The importing OS user, for imports given no `--as`. */
function osUser(io: Io): string {
  try {
    return userInfo().username;
  } catch (error) {
    // a container user without a passwd entry has no name: the environment may still say who it is
    if (!(error instanceof Error)) throw error;
    return io.env.USER ?? io.env.LOGNAME ?? 'unknown';
  }
}

/** How many rows of each column are shown one by one. */
const ROWS_SHOWN = 5;

/** Per column: how many items move to which status, then the first of those rows; then the backward moves. */
function summaryLines(result: StatusImportResult): string[] {
  const byColumn = new Map<string, StatusImportResult['changes']>();
  for (const change of result.changes) byColumn.set(change.column, [...(byColumn.get(change.column) ?? []), change]);
  const lines: string[] = [];
  for (const [column, changes] of byColumn) {
    const counts = new Map<string, number>();
    for (const c of changes) {
      const to = c.path.at(-1) ?? 'planned date';
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    lines.push(`${column}: ${[...counts].map(([to, n]) => `${n} → ${to}`).join(', ')}`);
    for (const c of changes.slice(0, ROWS_SHOWN)) lines.push(`  ${describeChange(c)}`);
    if (changes.length > ROWS_SHOWN) lines.push(`  …and ${changes.length - ROWS_SHOWN} more`);
  }
  for (const b of result.backwards) {
    lines.push(`not applied: row ${b.row}, column "${b.column}": ${b.subject} would move back from ${b.from} to ${b.to} (--allow-reopen to apply)`);
  }
  return lines;
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions(
    {
      args,
      options: {
        out: { type: 'string' },
        region: { type: 'string' },
        municipality: { type: 'string' },
        schedule: { type: 'string' },
        schedules: { type: 'string' },
      },
      allowPositionals: false,
    },
    USAGE,
  );
  const out = values.out;
  const format = out === undefined ? null : extname(out).toLowerCase();
  if (out === undefined || (format !== '.xlsx' && format !== '.csv')) throw new UsageError(`--out FILE.xlsx or FILE.csv is required\n\n${USAGE}`);
  const config = loadConfig(io.env);
  const loaded = schedulesOrReport(io, () => loadSchedules(values.schedules ?? config.SCHEDULES_DIR));
  if (loaded === null) return 1;
  const schedules = values.schedule === undefined ? loaded : loaded.filter((s) => s.id === values.schedule);
  if (schedules.length === 0) {
    io.err(`no schedule "${values.schedule ?? ''}"; known: ${loaded.map((s) => s.id).join(', ') || 'none'}`);
    return 1;
  }

  const store = openStore(config.DATABASE_PATH);
  try {
    const filter = exportFilter(store, values.region, values.municipality);
    if (typeof filter === 'string') {
      io.err(filter);
      return 1;
    }
    const renderer = createRenderer();
    const say: Say = (id, params) => renderer.format(id, params);
    const table = buildStatusTable(store, say, { schedules, filter, now: configuredClock(config).now() });
    await writeFile(out, format === '.csv' ? statusTableCsv(say, table) : await statusTableXlsx(say, table));
    io.err(`${basename(out)}: ${table.rows.length} school(s) × ${table.columns.length} item(s) of ${schedules.map((s) => s.id).join(', ')}`);
    return 0;
  } finally {
    store.close();
  }
}

/** The schools `--region` and `--municipality` name, or why they name none. */
function exportFilter(store: Store, region: string | undefined, municipality: string | undefined): TableSchoolFilter | string {
  const filter: TableSchoolFilter = {};
  if (region !== undefined) {
    const found = findRegion(store, region);
    if (found === null) return `no region "${region}" on the roster`;
    filter.regionId = found.id;
  }
  if (municipality !== undefined) {
    const found = municipalitiesNamed(store, municipality, filter.regionId);
    if (found.length !== 1 || !found[0]) {
      return found.length === 0 ? `no municipality "${municipality}" on the roster` : `${found.length} municipalities "${municipality}" in different regions: add --region`;
    }
    filter.municipalityId = found[0].id;
  }
  return filter;
}
