/** What the commands share: the clock from the configuration, loading schedules or reporting why not, stop signals. */
import { DateTime } from 'luxon';
import { type Clock, offsetClock, systemClock } from '../config/clock.js';
import type { Config } from '../config/env.js';
import { ScheduleFileError } from '../schedule/schedule-file-error.js';
import { type Io } from './io.js';

/** The clock a command runs on: real time, or starting at `NOW` and running on (demos, end-to-end tests). */
export function configuredClock(config: Pick<Config, 'NOW'>): Clock {
  return config.NOW ? offsetClock(DateTime.fromISO(config.NOW, { setZone: true })) : systemClock;
}

/**
 * What `load` reads from schedule files, or null once a `ScheduleFileError` has printed every problem
 * (file:line:col) to stderr, for the command to exit 1; any other error propagates.
 */
export function schedulesOrReport<T>(io: Io, load: () => T): T | null {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ScheduleFileError)) throw error;
    io.err(error.message);
    return null;
  }
}

/** Resolves with the first of SIGTERM and SIGINT, then stops listening for them. */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}
