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
  const loop = (async () => {
    while (!stopping) {
      let done = 0;
      try {
        done = await worker.runOnce();
      } catch (error) {
        options.onError(error);
      }
      if (done === 0 && !stopping) await options.sleep(options.idleMs);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
    },
  };
}
