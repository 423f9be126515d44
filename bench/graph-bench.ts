import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookSeries } from '../src/app/calendar-commands';
import { systemClock } from '../src/app/clock';
import { importCohort } from '../src/app/import-cohort';
import { newId } from '../src/app/ids';
import type { CalendarEventState } from '../src/calendar/event-state';
import { plannedEvents } from '../src/calendar/plan-events';
import { toInstant } from '../src/domain/local-time';
import { openStore, type Store, type StoreOptions } from '../src/store/open-store';
import { example } from '../test/support/documents';
import { GraphDouble, type Counts, type EventRecord, type FaultConfig } from '../test/support/graph-double';
import { pending } from '../test/support/outbox-drain';
import { startWorker, type WorkerProcess } from '../test/support/worker-process';
import { benchDatabase } from './bench-database';
import type { BenchModule, Figure } from './figures';

const COHORTS = 10;
const DOMAIN = 'tenant.example';
/** Outlook's documented limit per app and mailbox, which the double enforces with 429s. */
const MAILBOX_CONCURRENCY = 4;
const LATENCY_MS = 100;
/** What both runs share: a mailbox answering each request after LATENCY_MS, four of a batch at once. */
const CLEAN: FaultConfig = { seed: 11, latencyMs: LATENCY_MS, mailboxConcurrency: MAILBOX_CONCURRENCY, retryAfterSeconds: 1 };
/** Per batch item, from the start of the faulty run. */
const ITEM_FAULTS = { throttleRate: 0.1, unavailableRate: 0.05 };
/** Per call (a whole `$batch`), from the kill on; the first calls after it meet one of each for sure. */
const CALL_FAULTS = { timeout: 0.1, lost: 0.1, hang: 0.05, reset: 0.05, unavailable: 0.05 };
const SCRIPTED: NonNullable<FaultConfig['nextCalls']> = ['lost', 'timeout', 'reset', 'hang'];
/** The worker fixture's settings: a Graph call (up to three batches one after another) ends well inside its lease. */
const WORKER = { LEASE_MS: 5000, SEND_TIMEOUT_MS: 2500, BACKOFF_BASE_MS: 100, BACKOFF_MAX_MS: 2000, MAX_ATTEMPTS: 20, IDLE_MS: 50 };
const RUN_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** Where the workers keep the outbox: PostgreSQL shared by two processes, else one process on SQLite. */
interface Place {
  engine: 'postgres' | 'sqlite';
  options: StoreOptions;
  /** What tells a worker process the same database. */
  env: Record<string, string>;
  /** Why not PostgreSQL, when it is SQLite. */
  why: string | null;
  drop(): Promise<void>;
}

async function place(): Promise<Place> {
  const db = await benchDatabase();
  if (!('unavailable' in db)) {
    return { engine: 'postgres', options: { databaseUrl: db.url, databaseFile: join(tmpdir(), 'unused-by-postgres.db') }, env: { DATABASE_URL: db.url }, why: null, drop: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gf-graph-bench-'));
  const databaseFile = join(dir, 'outbox.sqlite');
  return {
    engine: 'sqlite',
    options: { databaseUrl: null, databaseFile },
    env: { DATABASE_FILE: databaseFile },
    why: db.unavailable,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * One booking of a plenary, read from an event: mailbox, category (the cohort), subject (cohort and
 * meeting title) and start — the three reflection meetings share their title, so the subject alone
 * does not tell them apart. Nothing is moved or rebooked in the bench, so this is one per cohort,
 * meeting and generation, whatever `transactionId` the event carries.
 */
const bookingKey = (mailbox: string, categories: string[], subject: string, startUtc: string) =>
  `${mailbox.toLowerCase()}|${[...categories].sort().join(',')}|${subject}|${new Date(startUtc).toISOString()}`;
const bookingKeyOf = (e: EventRecord) => bookingKey(e.mailbox, e.categories, e.subject ?? '', e.start.utc);

interface Seeded {
  cohortIds: string[];
  /** The booking key of every plenary of every cohort, from the product's own plan of its events. */
  expected: string[];
}

/**
 * The demo cohort's document ten times over, each with a sixth municipality, an id and a name of its
 * own (the name is the events' category and starts their subject), imported and booked one after
 * the other into one organiser mailbox before any worker runs.
 */
async function seed(store: Store, run: string, mailbox: string): Promise<Seeded> {
  const cohortIds: string[] = [];
  const expected: string[] = [];
  for (let i = 1; i <= COHORTS; i++) {
    const document = example('demo.cohort.json');
    document.id = `${run}-${i}`;
    document.name = `Hold ${i}: Organisering af M-ACT`;
    (document.municipalities as unknown[]).push({
      name: 'Randers Kommune',
      participants: [
        { name: 'Mette Krogh', email: 'mette.krogh@randers.example.org', role: 'line_leader', contact: true },
        { name: 'Jonas Bak', email: 'jonas.bak@randers.example.org', role: 'consultant', contact: false },
      ],
    });
    const imported = await importCohort({ store: store.cohorts, newId }, document);
    if (!imported.ok) throw new Error(`the demo document did not import: ${imported.problems.map((p) => p.message).join('; ')}`);
    const booked = await bookSeries({ db: store.db, clock: systemClock }, imported.stored.cohort.id, mailbox);
    cohortIds.push(booked.cohort.id);
    for (const event of plannedEvents(booked.cohort)) {
      const state = event.state as CalendarEventState;
      expected.push(bookingKey(mailbox, state.categories, state.subject, toInstant(state.start)));
    }
  }
  return { cohortIds, expected };
}

async function pendingIn(db: Store['db'], cohortIds: string[]): Promise<number> {
  const counts = await Promise.all(cohortIds.map((id) => pending(db, id)));
  return counts.reduce((a, b) => a + b, 0);
}

async function failedIn(db: Store['db'], cohortIds: string[]): Promise<number> {
  const rows = await db.selectFrom('outbox_objects').select('object_key').where('cohort_id', 'in', cohortIds).where('failed_at', 'is not', null).execute();
  return rows.length;
}

/**
 * Waits for the double to create an event of a batch it is still running (four of twenty run at a
 * time), then SIGKILLs the worker holding the mailbox's lease: that worker's batch is in flight, and
 * the double goes on writing the rest of it with no one to answer.
 */
async function killMidBatch(double: GraphDouble, store: Store, mailbox: string, workers: WorkerProcess[], deadline: number): Promise<{ victim: WorkerProcess; createdBefore: number }> {
  const createdBefore = double.counts().eventsCreated;
  while (double.counts().eventsCreated === createdBefore) {
    if (Date.now() > deadline) throw new Error('the double created no event to kill a worker in the middle of');
    await sleep(2);
  }
  const lease = await store.db.selectFrom('outbox_targets').select('lease_owner').where('target', '=', mailbox).executeTakeFirst();
  const victim = workers.find((w) => lease?.lease_owner?.startsWith(`${w.name}:`));
  if (!victim) throw new Error(`no worker process holds the lease of ${mailbox} (owner ${lease?.lease_owner ?? 'none'})`);
  victim.child.kill('SIGKILL');
  await victim.exit;
  return { victim, createdBefore };
}

interface RunResult {
  engine: Place['engine'];
  why: string | null;
  /** Worker processes working at once. */
  processes: number;
  /** Plenaries booked: the events the product planned. */
  plenaries: number;
  /** From the first worker ready to nothing pending. */
  ms: number;
  counts: Counts;
  lost: number;
  duplicated: number;
  failed: number;
  /** Events the double created in the killed worker's batch before the kill, and after it with no one to answer. */
  killedBatch: { createdBefore: number; createdAfterKill: number } | null;
}

/**
 * Books 10 cohorts into a fresh store and drains them with the real Graph sender in worker processes
 * against a fresh Graph double; with `faulty`, under item and call faults and with the worker that
 * holds the mailbox SIGKILLed in the middle of its first batch and replaced.
 */
async function bookAndSend(faulty: boolean): Promise<RunResult> {
  const where = await place();
  const run = `gb-${randomBytes(4).toString('hex')}`;
  const mailbox = `forloeb-${run}@${DOMAIN}`;
  const double = await GraphDouble.start({ tenantDomain: DOMAIN, users: [{ upn: mailbox, displayName: 'Gruppeforløb' }], bookingKeyOf, ...CLEAN, ...(faulty ? ITEM_FAULTS : {}) });
  const store = await openStore(where.options);
  const workers: WorkerProcess[] = [];
  let cohortIds: string[] = [];
  try {
    const seeded = await seed(store, run, mailbox);
    cohortIds = seeded.cohortIds;
    const env = { ...double.env(), ...where.env, ...Object.fromEntries(Object.entries(WORKER).map(([k, v]) => [k, String(v)])) };
    const names = where.engine === 'postgres' ? ['a', 'b'] : ['a'];
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    let firstReady = Number.POSITIVE_INFINITY;
    const starts = await Promise.allSettled(
      names.map((name) =>
        startWorker(name, env).then((worker) => {
          firstReady = Math.min(firstReady, performance.now());
          return worker;
        }),
      ),
    );
    for (const start of starts) if (start.status === 'fulfilled') workers.push(start.value);
    for (const start of starts) if (start.status === 'rejected') throw start.reason;
    let killed: { victim: WorkerProcess; createdBefore: number; createdAtKill: number; createdAfterKill: number } | null = null;
    if (faulty) {
      const { victim, createdBefore } = await killMidBatch(double, store, mailbox, workers, deadline);
      const createdAtKill = double.counts().eventsCreated;
      // The killed batch's last wave is done by then, and the victim's lease keeps every other worker out.
      await sleep(LATENCY_MS * 6);
      killed = { victim, createdBefore, createdAtKill, createdAfterKill: double.counts().eventsCreated - createdAtKill };
      double.configure({ callFaultRates: CALL_FAULTS, nextCalls: [...SCRIPTED] });
      workers.push(await startWorker(names.length === 2 ? 'c' : 'b', env));
    }
    while ((await pendingIn(store.db, cohortIds)) > 0) {
      if (Date.now() > deadline) throw new Error(`still pending after ${RUN_TIMEOUT_MS} ms; workers said: ${workers.map((w) => w.stderr()).join('')}`);
      await sleep(POLL_MS);
    }
    const ms = performance.now() - firstReady;
    const live = workers.filter((w) => w !== killed?.victim);
    await Promise.all(live.map((w) => w.stop()));
    const counts = double.counts();
    const liveKeys = new Set(double.events().filter((e) => !e.deleted && !e.isCancelled).map(bookingKeyOf));
    return {
      engine: where.engine,
      why: where.why,
      processes: names.length,
      plenaries: seeded.expected.length,
      ms,
      counts,
      lost: seeded.expected.filter((key) => !liveKeys.has(key)).length,
      // Extra live events per booking, counted by the double with bookingKeyOf.
      duplicated: Object.values(counts.liveDuplicates).reduce((n, k) => n + k - 1, 0),
      failed: await failedIn(store.db, cohortIds),
      killedBatch: killed && { createdBefore: killed.createdAtKill - killed.createdBefore, createdAfterKill: killed.createdAfterKill },
    };
  } finally {
    // A failed run must not leave workers behind, still leasing or holding the double's connections.
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await double.close();
    if (cohortIds.length > 0) {
      // BENCH_DATABASE_URL is kept: the run's rows go (a cohort's own rows cascade), whatever else it holds stays.
      await store.db.deleteFrom('outbox_objects').where('cohort_id', 'in', cohortIds).execute();
      await store.db.deleteFrom('outbox_targets').where('target', '=', mailbox).execute();
      await store.db.deleteFrom('cohorts').where('id', 'in', cohortIds).execute();
    }
    await store.close();
    await where.drop();
  }
}

function workersSaid(result: RunResult): string {
  const on = result.engine === 'postgres' ? 'on one PostgreSQL database' : `on SQLite, one at a time, for want of PostgreSQL: ${result.why}`;
  return `${result.processes} worker process${result.processes === 1 ? '' : 'es'} (lease ${WORKER.LEASE_MS / 1000} s, send timeout ${WORKER.SEND_TIMEOUT_MS / 1000} s) ${on}`;
}

/** The clean run must have done exactly the booking, or its figures mean nothing. */
function checkClean(result: RunResult): void {
  const { counts, plenaries } = result;
  const problems = [
    counts.eventsCreated !== plenaries && `${counts.eventsCreated} events created, not ${plenaries}`,
    counts.batchItems !== counts.eventsCreated && `${counts.batchItems} batch items for ${counts.eventsCreated} events`,
    counts.maxItemsPerBatch > 20 && `a batch of ${counts.maxItemsPerBatch} requests`,
    counts.throttled > 0 && `${counts.throttled} requests throttled`,
    result.lost + result.duplicated + result.failed > 0 && `${result.lost} lost, ${result.duplicated} duplicated, ${result.failed} failed`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`the clean booking run went wrong: ${problems.join('; ')}`);
}

export const graphBench: BenchModule = {
  name: 'graph',
  async run(): Promise<Figure[]> {
    const clean = await bookAndSend(false);
    checkClean(clean);
    const faulty = await bookAndSend(true);
    const c = faulty.counts;
    const double =
      `Graph double over HTTPS: ${LATENCY_MS} ms per request, 4 requests of a batch at a time, mailboxConcurrency ${MAILBOX_CONCURRENCY}`;
    const booking = `${COHORTS} cohorts of 6 municipalities (demo document), ${clean.plenaries} plenaries, booked into one organiser mailbox before the workers start`;
    const faults =
      `per item ${percent(ITEM_FAULTS.throttleRate)} 429 and ${percent(ITEM_FAULTS.unavailableRate)} 503 (Retry-After ${CLEAN.retryAfterSeconds} s); ` +
      `per $batch, from the kill on, ${percent(CALL_FAULTS.timeout)} 504 after the write, ${percent(CALL_FAULTS.lost)} answer lost after the write, ` +
      `${percent(CALL_FAULTS.hang)} hang, ${percent(CALL_FAULTS.reset)} reset connection, ${percent(CALL_FAULTS.unavailable)} 503, the first ${SCRIPTED.length} calls after the kill ${SCRIPTED.join(', ')}`;
    const killed = faulty.killedBatch!;
    const met =
      `met: ${c.throttled} 429, ${c.unavailable + c.callsUnavailable} 503, ${c.callsTimedOut} timeouts, ${c.callsHung} hangs, ${c.callsReset} resets, ` +
      `${c.callsLost} lost answers (${c.answersLost} writes unanswered), ${c.duplicateCreatesRefused} creates refused by transactionId, ` +
      `the mailbox's lease holder SIGKILLed once the double had created ${killed.createdBefore} events of its batch (it created ${killed.createdAfterKill} more with no one to answer), and replaced`;
    return [
      {
        name: 'graph.book_events_per_request',
        value: Math.round((clean.counts.eventsCreated / clean.counts.batches) * 10) / 10,
        unit: 'events/request',
        note: `${booking}; ${double}, no faults; ${workersSaid(clean)} with the real Graph sender (msal-node, Graph client): events created ÷ $batch calls the double counted (${clean.counts.eventsCreated} ÷ ${clean.counts.batches}; at most 20 per batch, largest ${clean.counts.maxItemsPerBatch})`,
      },
      { name: 'graph.book_10_cohorts_ms', value: Math.round(clean.ms), unit: 'ms', note: 'the same run: from the first worker process ready to every event recorded as sent in the outbox' },
      {
        name: 'graph.lost_under_faults',
        value: faulty.lost,
        unit: 'count',
        note: `${booking}; ${double}; ${faults}; ${workersSaid(faulty)}; ${met}; took ${Math.round(faulty.ms)} ms, ${faulty.failed} outbox objects given up. Plenaries with no live event in the double`,
      },
      {
        name: 'graph.duplicated_under_faults',
        value: faulty.duplicated,
        unit: 'count',
        note: `the same run: live events beyond one per booking (mailbox, cohort category, subject, start: the three reflection meetings share a title; nothing is moved or rebooked, so one generation each), counted by the double from the events whatever transactionId de-duplicated; ${c.duplicateTransactionIds} transactionIds held by two live events`,
      },
    ];
  },
};
