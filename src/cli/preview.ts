/**
 * `roadmap-bot preview`: what the bot would send, day by day, between two dates. It runs the same planner as
 * production at every morning hour of every day (remembering what it planned and which bundles went out) and
 * renders each message exactly as it would be sent. Nothing is written to the database.
 */
import { DateTime } from 'luxon';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { openStore, type Store } from '../db/client.js';
import { findRegion, loadRoster } from '../db/roster.js';
import { loadStatuses } from '../db/statuses.js';
import { chartedDigest, chartFilename } from '../bot/progress-chart.js';
import { createRenderer } from '../delivery/render.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Roster } from '../domain/roster.js';
import type { ItemStatus } from '../domain/status.js';
import { simulate } from '../planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../planner/types.js';
import { importRoster } from '../roster/import.js';
import { loadSchedules } from '../schedule/load.js';
import { parseDateCell } from '../schedule/schema.js';
import type { Schedule } from '../schedule/types.js';
import { importStatuses, readStatusFile, StatusImportError } from '../tabular/status-import.js';
import { type Command, type Io, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { schedulesOrReport } from './command-support.js';

const DEMO_ROSTER = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/demo/roster.csv');

const USAGE = `Usage: roadmap-bot preview --from DATE --to DATE [--region R] [--person ID] [--statuses FILE] [--json] [--schedules DIR]

Prints, day by day, every message the bot would send between the two dates (YYYY-MM-DD or DD.MM.YYYY), as it
would be sent: recipient, local time, text, buttons, and the chart that follows a weekly regional digest (its
file name and caption; not drawn). --json prints one JSON object per message and line, the chart as "photo"
of the message it follows.
Statuses come from the database; --statuses FILE (the 'status import' CSV) is laid over them without writing.
Items due before --from are not chased, as if the bot had started that day. With no roster in the database
the demo roster (data/demo/roster.csv) is used, in memory.`;

function parse(argv: string[]) {
  return parseOptions(
    {
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        region: { type: 'string' },
        person: { type: 'string' },
        statuses: { type: 'string' },
        schedules: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    },
    USAGE,
  );
}

function parseDay(value: string | undefined, option: string): LocalDate {
  if (value === undefined) throw new UsageError(`--${option} is required\n\n${USAGE}`);
  const parsed = parseDateCell(value);
  if ('error' in parsed) throw new UsageError(`--${option} ${JSON.stringify(value)}: expected a date as YYYY-MM-DD or DD.MM.YYYY`);
  return parsed.date;
}

/** Undoes the overlay of a statuses file: thrown out of the transaction so that it rolls back. */
class Overlay extends Error {
  constructor(readonly statuses: ItemStatus[]) {
    super('statuses overlay (rolled back)');
  }
}

/** The store's statuses with a statuses file laid over them, inside a transaction that is rolled back. */
async function overlayStatuses(store: Store, file: string, schedules: Schedule[], now: DateTime): Promise<ItemStatus[]> {
  const table = await readStatusFile(file);
  try {
    store.sqlite.transaction(() => {
      importStatuses(store, table, { schedules, now, dryRun: false });
      throw new Overlay(loadStatuses(store));
    })();
  } catch (error) {
    if (error instanceof Overlay) return error.statuses;
    throw error;
  }
  throw new Error('unreachable: the overlay transaction always throws');
}

async function openRoster(path: string, io: Io, now: DateTime): Promise<Store> {
  const store = openStore(path);
  if (loadRoster(store).regions.length > 0) return store;
  store.close();
  io.err(`The database ${path} has no roster: previewing the demo roster ${join('data', 'demo', 'roster.csv')} (in memory).`);
  const memory = openStore(':memory:');
  await importRoster(memory.db, DEMO_ROSTER, { now });
  return memory;
}

/** `roadmap-bot preview --from DATE --to DATE [...]`. */
export const previewCommand: Command = async (argv, io) => {
  const { values } = parse(argv);
  const from = parseDay(values.from, 'from');
  const to = parseDay(values.to, 'to');
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const personId = values.person === undefined ? null : Number(values.person);
  if (personId !== null && !Number.isInteger(personId)) throw new UsageError(`--person ${JSON.stringify(values.person)}: expected a person id (a number)`);
  const config = loadConfig(io.env);
  const schedules = schedulesOrReport(io, () => loadSchedules(values.schedules ?? config.SCHEDULES_DIR));
  if (schedules === null) return 1;

  const start = DateTime.fromISO(from, { zone: config.DEFAULT_TIME_ZONE });
  const store = await openRoster(config.DATABASE_PATH, io, start);
  let roster: Roster;
  let statuses: ItemStatus[];
  let regionId: number | null = null;
  try {
    roster = loadRoster(store);
    if (values.region !== undefined) {
      const region = findRegion(store, values.region);
      if (!region) throw new UsageError(`--region ${JSON.stringify(values.region)}: no such region on the roster (${roster.regions.map((r) => r.name).join(', ')})`);
      regionId = region.id;
    }
    statuses = values.statuses === undefined ? loadStatuses(store) : await overlayStatuses(store, values.statuses, schedules, start);
  } catch (error) {
    if (!(error instanceof StatusImportError)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    store.close();
  }
  if (personId !== null && !roster.people.some((p) => p.id === personId)) throw new UsageError(`--person ${personId}: no such person on the roster`);

  // statuses recorded after the preview's start count as known from its start: the preview looks back in time
  const startIso = start.toUTC().toISO() ?? '';
  const asOfStart = statuses.map((s) => (DateTime.fromISO(s.updatedAt) > start ? { ...s, updatedAt: startIso } : s));
  const deliveries = simulate({
    from,
    to,
    schedules,
    roster,
    statuses: asOfStart,
    settings: { ...DEFAULT_PLANNER_SETTINGS, sendTime: config.SEND_TIME, trackingSince: from },
  });

  const people = new Map(roster.people.map((p) => [p.id, p]));
  const renderer = createRenderer();
  let day: string | null = null;
  let count = 0;
  for (const delivery of deliveries) {
    const person = people.get(delivery.recipientId);
    if (!person || (regionId !== null && person.regionId !== regionId) || (personId !== null && person.id !== personId)) continue;
    const zone = delivery.items[0]?.zone ?? config.DEFAULT_TIME_ZONE;
    const local = DateTime.fromISO(delivery.sendAt).setZone(zone);
    const messages = renderer.renderBundle(delivery.items);
    // the photo goes after the bundle's last part, as the send path sends it
    const charted = chartedDigest(delivery.items);
    const photo = charted === undefined ? null : chartFilename(charted);
    for (const [i, message] of messages.entries()) {
      count += 1;
      const photoAfter = i === messages.length - 1 ? photo : null;
      if (values.json) {
        const shown = { recipientId: person.id, role: person.role, localSendTime: local.toISO(), kinds: message.kinds, text: message.text, buttons: message.buttons };
        io.out(JSON.stringify(photoAfter === null ? shown : { ...shown, photo: photoAfter }));
        continue;
      }
      if (delivery.localDate !== day) {
        day = delivery.localDate;
        io.out(`\n══ ${local.setLocale('en').toFormat('cccc, dd.MM.yyyy')} ══`);
      }
      const when = `${local.toFormat('HH:mm')} ${zone}${delivery.scheduled ? '' : ' (at once)'}`;
      const buttons = message.buttons.map((row) => `  ${row.map((b) => `[${b.label}]`).join(' ')}`);
      const chart = photoAfter === null ? [] : [renderer.format('preview-chart', { file: photoAfter }), renderer.format('chart-caption')];
      io.out([`\n${when} → ${person.fullName} (${person.role} #${person.id})`, message.text, ...buttons, ...chart].join('\n'));
    }
  }
  if (!values.json) io.out(`\n${count} message(s) from ${from} to ${to}.`);
  return 0;
};
