import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instantOf } from '../src/domain/local-time';
import { recordDesired } from '../src/outbox/record-desired';
import { openStore, type Store } from '../src/store/open-store';
import { BatchServiceDouble, type DoubleOptions } from '../test/support/batch-service-double';
import { DOUBLE_KIND } from '../test/support/batch-sender';
import { drainWithTwoInstances } from '../test/support/outbox-drain';
import { benchDatabase } from './bench-database';
import type { BenchModule, Figure } from './figures';

const CHANGES = 10_000;
const TARGETS = 50;
const KILL_AFTER_BATCHES = 100;
const DOUBLE = {
  latencyMs: 50, throttleRate: 0.02, unavailableRate: 0.01, batchUnavailableRate: 0.01, retryAfterSeconds: 1, hangBatches: [20], seed: 1,
} satisfies DoubleOptions;
const percent = (rate: number) => `${rate * 100}%`;

/** One transaction per group of mailboxes: two transactions inserting one new mailbox would deadlock. */
async function seed(store: Store, run: string): Promise<void> {
  const now = instantOf(new Date());
  const groups = Array.from({ length: 10 }, (_, g) => g);
  await Promise.all(
    groups.map((g) =>
      store.db.transaction().execute(async (trx) => {
        for (let i = g; i < CHANGES; i += groups.length) {
          const target = `${run}-mailbox-${i % TARGETS}@example.org`;
          const label = { da: `Møde ${i}`, en: `Meeting ${i}` };
          await recordDesired(trx, { objectKey: `${run}-event-${i}`, cohortId: run, kind: DOUBLE_KIND, target, label, state: { subject: `Meeting ${i}` } }, now);
        }
      }),
    ),
  );
}

export const outboxBench: BenchModule = {
  name: 'outbox',
  async run(): Promise<Figure[]> {
    const db = await benchDatabase();
    if ('unavailable' in db) {
      console.log(`# outbox: skipped, ${db.unavailable}`);
      return [];
    }
    const run = `bench-${randomBytes(4).toString('hex')}`;
    const store = await openStore({ databaseUrl: db.url, databaseFile: join(tmpdir(), 'unused-by-postgres.db') });
    const double = await BatchServiceDouble.start(DOUBLE);
    try {
      await seed(store, run);
      const drained = await drainWithTwoInstances({ db: store.db, databaseUrl: db.url, double, cohortId: run, killAfterBatches: KILL_AFTER_BATCHES, timeoutMs: 300_000 });
      const counts = double.counts();
      const missing = Array.from({ length: CHANGES }, (_, i) => `${run}-event-${i}`).filter((key) => counts.objects[key]?.applied.join() !== '1');
      if (missing.length > 0) throw new Error(`the double did not apply version 1 exactly once of ${missing.length} objects, e.g. ${missing[0]}`);
      const duplicates = Object.values(counts.objects).reduce((n, o) => n + o.applied.length - new Set(o.applied).size, 0);
      const inDoubt = counts.held.reduce((n, h) => n + h.requests, 0);
      const setting =
        `double: ${DOUBLE.latencyMs} ms per $batch, ${percent(DOUBLE.throttleRate)} of requests 429 (Retry-After ${DOUBLE.retryAfterSeconds} s), ` +
        `${percent(DOUBLE.unavailableRate)} 503, ${percent(DOUBLE.batchUnavailableRate)} of batches 503, ${DOUBLE.hangBatches.length} hung; ` +
        `${CHANGES} creates over ${TARGETS} mailboxes, 2 worker processes on PostgreSQL (lease 2 s, send timeout 1 s), ` +
        `one SIGKILLed with batches in flight and replaced`;
      return [
        { name: 'outbox.drain_2_instances_per_s', value: Math.round(CHANGES / (drained.drainMs / 1000)), unit: 'changes/s', note: setting },
        { name: 'outbox.duplicates_2_instances', value: duplicates, unit: 'count', note: '(object, version) applied more than once, counted by the double' },
        { name: 'outbox.replays_2_instances', value: counts.replays, unit: 'count', note: `requests for an (object, version) already applied, absorbed by the double; ${inDoubt} were in the killed instance's unanswered batches` },
      ];
    } finally {
      await double.close();
      await store.db.deleteFrom('outbox_objects').where('cohort_id', '=', run).execute();
      await store.db.deleteFrom('outbox_targets').where('target', 'like', `${run}-%`).execute();
      await store.close();
      await db.drop();
    }
  },
};
