import { clockStartingAt, systemClock, type Clock } from '../app/clock';
import type { Config } from './config';

/** LOCAL_NOW sets the clock in local mode only; with a tenant the real clock always rules. */
export function clockOf(config: Config): Clock {
  return config.mode.kind === 'local' && config.mode.localNow !== null ? clockStartingAt(config.mode.localNow) : systemClock;
}
