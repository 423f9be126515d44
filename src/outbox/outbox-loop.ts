import type { OutboxWorker } from './outbox-worker';

export interface LoopOptions {
  /** How long to wait when a round found nothing to do. */
  idleMs: number;
  sleep: (ms: number) => Promise<void>;
  onError: (error: unknown) => void;
}

/**
 * Runs rounds until stopped: straight on while there is work, pausing when there is none or when a
 * round failed (the database was unreachable, say). stop() lets the round in progress finish.
 */
export function runOutbox(worker: OutboxWorker, options: LoopOptions): { stop(): Promise<void> } {
  let stopping = false;
  // stop() ends a pause at once: an idle pause is an unref'd timer, and a process whose server has
  // closed would otherwise leave while waiting on it, before the store is closed.
  let wake = () => {};
  const stopped = new Promise<void>((done) => (wake = done));
  const loop = (async () => {
    while (!stopping) {
      let done = 0;
      try {
        done = await worker.runOnce();
      } catch (error) {
        options.onError(error);
      }
      if (done === 0 && !stopping) await Promise.race([options.sleep(options.idleMs), stopped]);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake();
      await loop;
    },
  };
}
