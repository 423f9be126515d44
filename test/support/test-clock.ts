import type { Clock } from '../../src/app/clock';
import { instantOf } from '../../src/domain/local-time';

/** A clock that stands still until a test moves it. */
export function testClock(start = '2026-12-01T09:00:00.000Z'): Clock & { advance(ms: number): void } {
  let current = Date.parse(start);
  return {
    now: () => instantOf(new Date(current)),
    advance: (ms) => {
      current += ms;
    },
  };
}
