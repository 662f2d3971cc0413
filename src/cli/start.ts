import { pino } from 'pino';
import { type ServicePart, SERVICE_PARTS, ServiceStartAborted, startService } from '../app/service.js';
import { loadConfig } from '../config/env.js';
import { RedisUnavailableError } from '../queue/redis.js';
import { type Command, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock, nextStopSignal } from './command-support.js';

const USAGE = `Usage: roadmap-bot start [--only scheduler|worker|bot] [--now ISO]

Runs the scheduler (a tick every TICK_CRON, one at start), the delivery worker and the bot in one process;
--only runs one part, so several workers can share one Redis. --now (or NOW) starts the clock at that
instant and lets it run on. SIGTERM or SIGINT: stop taking work, finish what is in flight, exit 0.`;

function partsFrom(only: string | undefined): Set<ServicePart> {
  if (only === undefined) return new Set(SERVICE_PARTS);
  const part = SERVICE_PARTS.find((p) => p === only);
  if (part === undefined) throw new UsageError(`--only ${only}: expected one of ${SERVICE_PARTS.join(', ')}\n\n${USAGE}`);
  return new Set([part]);
}

/** `roadmap-bot start [--only part] [--now ISO]`: runs until SIGTERM or SIGINT. */
export const startCommand: Command = async (argv, io) => {
  const { values } = parseOptions({ args: argv, options: { only: { type: 'string' }, now: { type: 'string' } }, allowPositionals: false }, USAGE);
  const parts = partsFrom(values.only);
  const config = loadConfig(values.now === undefined ? io.env : { ...io.env, NOW: values.now });
  const log = pino({ level: config.LOG_LEVEL, name: 'roadmap-bot' });
  const clock = configuredClock(config);
  const stopSignal = nextStopSignal();
  // the start gives up on a stop signal, or when what it waits for (Redis, Telegram) has not answered in time
  const starting = new AbortController();
  const startDeadline = setTimeout(
    () => starting.abort(`not started within START_TIMEOUT_SECONDS=${config.START_TIMEOUT_SECONDS}: is Telegram at ${config.TELEGRAM_API_ROOT} reachable, and Redis up?`),
    config.START_TIMEOUT_SECONDS * 1000,
  );
  void stopSignal.then((signal) => starting.abort(`${signal} during start`));
  let service;
  try {
    service = await startService({ config, clock, parts, log, out: io.out, signal: starting.signal });
  } catch (error) {
    if (!(error instanceof RedisUnavailableError) && !(error instanceof ServiceStartAborted)) throw error;
    io.err(error instanceof ServiceStartAborted ? `roadmap-bot start: ${error.message}` : error.message);
    return 1;
  } finally {
    clearTimeout(startDeadline);
  }
  log.info({ now: clock.now().toISO() }, 'running; SIGTERM or SIGINT stops');
  const signal = await stopSignal;
  log.info({ signal }, 'stopping: no new work, finishing what is in flight');
  await service.stop();
  return 0;
};
