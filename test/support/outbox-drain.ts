import type { Executor } from '../../src/store/schema';
import type { BatchServiceDouble } from './batch-service-double';
import { startWorker, type WorkerProcess } from './worker-process';

export interface DrainOptions {
  db: Executor;
  databaseUrl: string;
  double: BatchServiceDouble;
  /** Only this cohort's objects are waited for: a bench database may hold others. */
  cohortId: string;
  /** Batches the double answers before it picks the next one's worker to hold and kill. */
  killAfterBatches: number;
  timeoutMs: number;
  /** Extra worker settings (LEASE_MS, SEND_TIMEOUT_MS, …): see worker-instance.ts. */
  workerEnv?: Record<string, string>;
  /** Runs once the killed worker's replacement is working, before waiting for the drain. */
  whileDraining?: () => Promise<void>;
}

export interface DrainResult {
  /** From both first instances working to nothing pending. */
  drainMs: number;
  killed: string;
  /** stderr of the instances stopped cleanly at the end: rounds that failed outright. */
  errors: string;
}

/**
 * Lets the victim record what it already has answers for, but not wait out its send timeout: after
 * that its held batches would be recorded as failed and retried by itself, no longer in doubt.
 */
const SETTLE_BEFORE_KILL_MS = 300;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Objects whose newest version is neither sent nor given up on. */
export async function pending(db: Executor, cohortId: string): Promise<number> {
  const row = await db
    .selectFrom('outbox_objects')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('cohort_id', '=', cohortId)
    .whereRef('desired_version', '>', 'sent_version')
    .where('failed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Two worker processes drain the cohort's backlog on one PostgreSQL database; the double holds the
 * batches of whichever sends after `killAfterBatches`, and that instance is SIGKILLed with them in
 * flight and replaced. Resolves when nothing is pending and the live instances have stopped cleanly.
 */
export async function drainWithTwoInstances(options: DrainOptions): Promise<DrainResult> {
  const env = { DATABASE_URL: options.databaseUrl, DOUBLE_URL: options.double.url, ...options.workerEnv };
  const deadline = Date.now() + options.timeoutMs;
  const picked = options.double.holdWorkerAfter(options.killAfterBatches);
  const workers: WorkerProcess[] = [];
  try {
    const first = await Promise.allSettled([startWorker('a', env), startWorker('b', env)]);
    for (const start of first) if (start.status === 'fulfilled') workers.push(start.value);
    for (const start of first) if (start.status === 'rejected') throw start.reason;
    const started = performance.now();
    const killed = await within(picked, deadline - Date.now(), 'no batch to hold and kill');
    await sleep(SETTLE_BEFORE_KILL_MS);
    const victim = workers.find((w) => w.name === killed)!;
    victim.child.kill('SIGKILL');
    await victim.exit;
    workers.push(await startWorker('c', env));
    await options.whileDraining?.();
    while ((await pending(options.db, options.cohortId)) > 0) {
      if (Date.now() > deadline) throw new Error(`still pending after ${options.timeoutMs} ms; workers said: ${workers.map((w) => w.stderr()).join('')}`);
      await sleep(POLL_MS);
    }
    const drainMs = performance.now() - started;
    const live = workers.filter((w) => w !== victim);
    await Promise.all(live.map((w) => w.stop()));
    return { drainMs, killed, errors: live.map((w) => w.stderr()).join('') };
  } finally {
    // A failed run must not leave workers behind, still leasing.
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  }
}
