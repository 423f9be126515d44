import type { Executor } from '../store/schema';
import type { OutboxWorker } from './outbox-worker';

export interface DeliverOptions {
  /** Gives up waiting then: what is left is sent by the server's worker, or by the next try. */
  timeoutMs: number;
  pauseMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

async function pending(db: Executor, cohortId: string, kinds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('outbox_objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cohort_id', '=', cohortId)
    .whereRef('desired_version', '>', 'sent_version')
    .where('failed_at', 'is', null)
    .where('kind', 'in', kinds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Works the outbox until nothing of the cohort waits (or the time is up), for a command line that
 * wants to say what happened rather than what will. Other instances may take part: leases decide.
 */
export async function deliverPending(worker: OutboxWorker, db: Executor, cohortId: string, kinds: readonly string[], options: DeliverOptions): Promise<boolean> {
  const deadline = options.now() + options.timeoutMs;
  while (options.now() < deadline) {
    if ((await pending(db, cohortId, kinds)) === 0) return true;
    if ((await worker.runOnce()) === 0) await options.sleep(options.pauseMs);
  }
  return (await pending(db, cohortId, kinds)) === 0;
}
