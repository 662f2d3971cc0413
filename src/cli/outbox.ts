/**
 * `roadmap-bot outbox`: what the bot sent, skipped, or could not send, and re-enqueueing what failed.
 */
import pino from 'pino';
import { loadConfig } from '../config/env.js';
import { openStore, type Store } from '../db/client.js';
import {
  getNotification,
  listNotifications,
  NOTIFICATION_STATES,
  type NotificationState,
  type StoredNotification,
} from '../db/notifications.js';
import { getPerson } from '../db/people.js';
import { createDeliveryQueue, enqueueNotifications } from '../queue/queues.js';
import { connectRedis } from '../queue/redis.js';
import { type Command, type Io, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock } from './command-support.js';

const USAGE = `Usage:
  roadmap-bot outbox [--state S] [--person ID] [--limit N]   list notifications, newest first
  roadmap-bot outbox retry <id>                              send one notification again
  roadmap-bot outbox retry --failed                          send every failed notification again

States: ${NOTIFICATION_STATES.join(', ')}.`;

function positiveInt(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${what} must be a positive integer, got "${value}"\n\n${USAGE}`);
  return Number(value);
}

function stateOf(value: string | undefined): NotificationState | undefined {
  if (value === undefined) return undefined;
  const state = NOTIFICATION_STATES.find((s) => s === value);
  if (state === undefined) throw new UsageError(`--state must be one of ${NOTIFICATION_STATES.join(', ')}, got "${value}"`);
  return state;
}

function table(store: Store, rows: StoredNotification[]): string {
  const names = new Map<number, string>();
  const nameOf = (id: number) => {
    if (!names.has(id)) names.set(id, getPerson(store, id)?.fullName ?? '?');
    return names.get(id) ?? '?';
  };
  const lines = rows.map((n) =>
    [String(n.id), n.state, n.sendAt, `${n.recipientId} ${nameOf(n.recipientId)}`, n.kind, String(n.attempts), n.lastError ?? '']
      .join('\t'),
  );
  return ['id\tstate\tsend_at\tperson\tkind\tattempts\tlast_error', ...lines].join('\n');
}

function list(argv: string[], io: Io): number {
  const { values } = parseOptions(
    { args: argv, options: { state: { type: 'string' }, person: { type: 'string' }, limit: { type: 'string' } } },
    USAGE,
  );
  const config = loadConfig(io.env);
  const store = openStore(config.DATABASE_PATH);
  try {
    const state = stateOf(values.state);
    const personId = positiveInt(values.person, '--person');
    const limit = positiveInt(values.limit, '--limit');
    const rows = listNotifications(store, {
      ...(state ? { state } : {}),
      ...(personId ? { personId } : {}),
      ...(limit ? { limit } : {}),
    });
    io.out(rows.length === 0 ? 'No notifications match.' : table(store, rows));
    return 0;
  } finally {
    store.close();
  }
}

async function retry(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    { args: argv, options: { failed: { type: 'boolean', default: false } }, allowPositionals: true },
    USAGE,
  );
  if (values.failed === (positionals.length === 1) || positionals.length > 1) throw new UsageError(USAGE);
  const config = loadConfig(io.env);
  const store = openStore(config.DATABASE_PATH);
  try {
    let rows: StoredNotification[];
    if (values.failed) {
      rows = listNotifications(store, { state: 'failed', limit: Number.MAX_SAFE_INTEGER });
    } else {
      const id = positiveInt(positionals[0], 'The notification id') ?? 0;
      const row = getNotification(store, id);
      if (row === null) throw new UsageError(`No notification with id ${id}.`);
      if (row.state !== 'failed' && row.state !== 'dead') {
        throw new UsageError(`Notification ${id} is ${row.state}; only failed or dead ones can be retried.`);
      }
      rows = [row];
    }
    if (rows.length === 0) {
      io.out('Nothing to retry.');
      return 0;
    }
    const log = pino({ level: config.LOG_LEVEL }, pino.destination(2));
    const redis = await connectRedis(config, log);
    const queue = createDeliveryQueue(redis.client, config.QUEUE_PREFIX);
    try {
      const jobs = await enqueueNotifications({ store, queue, clock: configuredClock(config) }, rows, {
        from: ['failed', 'dead'],
      });
      io.out(`Re-enqueued ${rows.length} notification(s) in ${jobs.length} job(s).`);
      return 0;
    } finally {
      await queue.close();
      await redis.close();
    }
  } finally {
    store.close();
  }
}

/** `outbox [--state S] [--person ID]` lists; `outbox retry <id|--failed>` re-enqueues. */
export const outboxCommand: Command = async (argv, io) => {
  if (argv[0] === 'help' || argv[0] === '--help') {
    io.out(USAGE);
    return 0;
  }
  return argv[0] === 'retry' ? retry(argv.slice(1), io) : list(argv, io);
};
