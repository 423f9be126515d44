import { instantOf, type Instant } from '../domain/local-time';

/** Time is injected everywhere, so tests and local demos decide what "now" is. */
export interface Clock {
  now(): Instant;
}

export const systemClock: Clock = { now: () => instantOf(new Date()) };

/** A clock that starts at `start` and runs at real speed: local mode's `LOCAL_NOW`. */
export function clockStartingAt(start: Date, real: () => number = Date.now): Clock {
  const offset = start.getTime() - real();
  return { now: () => instantOf(new Date(real() + offset)) };
}
