import { DateTime } from 'luxon';

/** The only way domain code learns the time: it is handed a clock. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = {
  now: () => DateTime.now(),
};

/** A clock frozen at one instant (tests, previews). */
export function fixedClock(at: DateTime): Clock {
  return { now: () => at };
}

/**
 * A clock that starts at `startAt` and runs forward in real time from the moment it is made
 * (`NOW=...` for demos and end-to-end tests).
 */
export function offsetClock(startAt: DateTime, base: Clock = systemClock): Clock {
  const offsetMs = startAt.toMillis() - base.now().toMillis();
  return { now: () => base.now().plus({ milliseconds: offsetMs }) };
}
