import type { RateWindow } from './options';

/** One counter an operation draws on: a conversation's writes, the bot's calls, … */
export interface Budget {
  key: string;
  windows: RateWindow[];
}

/**
 * Sliding windows over the times operations were admitted. An operation is admitted only when
 * every window of every budget it draws on has room; a refused one is not counted, so a client
 * that waits as long as Retry-After says gets through.
 */
export class RateLimiter {
  private readonly admitted = new Map<string, number[]>();

  /** 0 when admitted (and counted); otherwise the milliseconds until every budget has room. */
  admit(budgets: Budget[], now: number): number {
    const wait = Math.max(0, ...budgets.map((budget) => this.waitFor(budget, now)));
    if (wait === 0) for (const { key } of budgets) this.times(key).push(now);
    return wait;
  }

  private waitFor({ key, windows }: Budget, now: number): number {
    const times = this.times(key);
    const longest = Math.max(0, ...windows.map((w) => w.seconds * 1000));
    while (times.length > 0 && times[0]! <= now - longest) times.shift();
    return Math.max(0, ...windows.map((window) => untilRoom(times, window, now)));
  }

  private times(key: string): number[] {
    let times = this.admitted.get(key);
    if (!times) this.admitted.set(key, (times = []));
    return times;
  }
}

/** A full window has room once its oldest operations, all but max - 1 of them, have left it. */
function untilRoom(times: number[], { seconds, max }: RateWindow, now: number): number {
  const span = seconds * 1000;
  const inWindow = times.filter((t) => t > now - span);
  if (inWindow.length < max) return 0;
  return inWindow[inWindow.length - max]! + span - now;
}
