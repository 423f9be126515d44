import type { Log } from './log';
import { messageOf } from './log';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs each task now and then every `everyMs`, never two runs of one task at once; a failing run is
 * logged and the next one tries again. stop() waits for runs in progress, so shutdown loses nothing.
 */
export function startPeriodic(tasks: PeriodicTask[], log: Log): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const timers = tasks.map((task) => {
    let busy = false;
    const tick = (): void => {
      if (busy) return;
      busy = true;
      const run = task
        .run()
        .catch((error: unknown) => log.error(`${task.name} fejlede / failed: ${messageOf(error)}`))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    return setInterval(tick, task.everyMs).unref();
  });
  return {
    stop: async () => {
      timers.forEach(clearInterval);
      await Promise.all(running);
    },
  };
}
