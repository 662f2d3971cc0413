import { ConfigError } from '../config/env.js';
import { type Command, type Io, processIo, UsageError } from './io.js';
import { StoreUnavailableError } from '../db/client.js';

/** Each command's module is loaded only when it runs, so `schedule when` does not open Redis or SQLite. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  schedule: { summary: 'check, show, try and draft schedules (schedule check|show|when|draft)', load: async () => (await import('./schedule.js')).scheduleCommand },
  roster: { summary: 'import the roster of schools and people (roster import <file> [--dry-run])', load: async () => (await import('./roster.js')).rosterCommand },
  db: { summary: 'apply database migrations (db migrate)', load: async () => (await import('./db.js')).dbCommand },
  invites: { summary: 'issue invite links for a mail merge (invites [--region R] [--person ID] [--format csv])', load: async () => (await import('./invites.js')).invitesCommand },
  outbox: { summary: 'list notifications and their delivery state; retry failed ones (outbox [--state S] [--person ID] | outbox retry <id|--failed>)', load: async () => (await import('./outbox.js')).outboxCommand },
  status: { summary: 'milestone statuses in and out (status import <file> [--dry-run] [--as P], status export --out FILE)', load: async () => (await import('./status.js')).statusCommand },
  start: { summary: 'run the scheduler, delivery worker and bot (start [--only scheduler|worker|bot] [--now ISO])', load: async () => (await import('./start.js')).startCommand },
  preview: { summary: 'print what would be sent between two dates (preview --from DATE --to DATE [--region R] [--person ID] [--statuses FILE] [--json])', load: async () => (await import('./preview.js')).previewCommand },
  demo: { summary: 'show a burst of what the bot sends around the 01.06.2022 deadline (demo [--follow])', load: async () => (await import('./demo.js')).demoCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length), 4);
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['Usage: roadmap-bot <command> [options]', '', 'Commands:', ...lines].join('\n');
}

export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof StoreUnavailableError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
