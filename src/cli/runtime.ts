import { DateTime } from 'luxon';
import { type Clock, offsetClock, systemClock } from '../config/clock.js';
import type { Config } from '../config/env.js';

/** The clock a command runs on: real time, or starting at `NOW` and running on (demos, end-to-end tests). */
export function configuredClock(config: Pick<Config, 'NOW'>): Clock {
  return config.NOW ? offsetClock(DateTime.fromISO(config.NOW, { setZone: true })) : systemClock;
}
