import { instantOf } from '../../src/domain/local-time';
import { recordDesired } from '../../src/outbox/record-desired';
import type { Executor } from '../../src/store/schema';
import { BatchServiceDouble, type DoubleCounts } from '../support/batch-service-double';
import { DOUBLE_KIND } from '../support/batch-sender';
import { engines, useStore } from '../support/engines';
import { drainWithTwoInstances, type DrainResult } from '../support/outbox-drain';

const OBJECTS = 600;
const TARGETS = 12;
const COHORT = 'cohort-two-instances';
const UPDATED_WHILE_DRAINING = 40;
const DELETED_WHILE_DRAINING = 20;

const key = (i: number) => `event-${String(i).padStart(3, '0')}`;
const indexOf = (k: string) => Number(k.slice('event-'.length));
/** Moved two or three times before any worker ran: only the newest may ever be sent. */
const versionsBeforeDrain = (i: number) => (i % 10 === 1 ? 2 + (i % 20 === 1 ? 1 : 0) : 1);
/** Created and cancelled before any worker ran: nothing to send, ever. */
const cancelledBeforeDrain = (i: number) => i % 20 === 3;
const event = (i: number, revision: number) => ({ subject: `Plenum ${i}`, start: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00`, revision });

async function record(db: Executor, i: number, state: unknown): Promise<void> {
  const object = { objectKey: key(i), cohortId: COHORT, kind: DOUBLE_KIND, target: `mailbox-${i % TARGETS}@example.org`, label: { da: `Plenum ${i}`, en: `Plenary ${i}` }, state };
  await recordDesired(db, object, instantOf(new Date()));
}

async function seed(db: Executor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < OBJECTS; i++) {
      for (let v = 1; v <= versionsBeforeDrain(i); v++) await record(trx, i, event(i, v));
      if (cancelledBeforeDrain(i)) await record(trx, i, null);
    }
  });
}

/**
 * Moves some objects and cancels others while the instances drain. Only objects recorded as sent, so
 * each must show exactly versions [1, 2] at the service; a create whose answer was lost and is
 * retried with a newer state is the in-process tests' case (the service says it existed).
 */
async function changeSentObjects(db: Executor): Promise<{ updated: string[]; deleted: string[] }> {
  const wanted = UPDATED_WHILE_DRAINING + DELETED_WHILE_DRAINING;
  let sent: string[] = [];
  while (sent.length < wanted) {
    await new Promise((done) => setTimeout(done, 50));
    const rows = await db.selectFrom('outbox_objects').select('object_key').where('desired_version', '=', 1).where('sent_version', '=', 1)
      .where('desired_state', 'is not', null).orderBy('object_key').limit(wanted).execute();
    sent = rows.map((r) => r.object_key);
  }
  const [updated, deleted] = [sent.slice(0, UPDATED_WHILE_DRAINING), sent.slice(UPDATED_WHILE_DRAINING)];
  await db.transaction().execute(async (trx) => {
    for (const k of updated) await record(trx, indexOf(k), event(indexOf(k), 2));
    for (const k of deleted) await record(trx, indexOf(k), null);
  });
  return { updated, deleted };
}

// Two instances sharing work needs a shared database: PostgreSQL, so the list is empty without it.
const postgres = engines().filter((engine) => engine.name === 'postgres');
if (postgres.length === 0) it.todo('two worker processes drain one PostgreSQL outbox (set TEST_DATABASE_URL to run)');

for (const engine of postgres) {
  describe(`two worker processes on one ${engine.name} database`, () => {
    const fixture = useStore(engine);
    let double: BatchServiceDouble;
    let run: DrainResult;
    let counts: DoubleCounts;
    /** Plain objects already sent when the drain was under way, then changed again. */
    let updated: string[] = [];
    let deleted: string[] = [];

    beforeAll(async () => {
      double = await BatchServiceDouble.start({
        latencyMs: 20, throttleRate: 0.05, unavailableRate: 0.03, batchUnavailableRate: 0.05, retryAfterSeconds: 1, hangBatches: [3], seed: 3,
      });
      const { db } = fixture.store;
      await seed(db);
      run = await drainWithTwoInstances({
        db,
        databaseUrl: fixture.options.databaseUrl!,
        double,
        cohortId: COHORT,
        killAfterBatches: 8,
        timeoutMs: 45_000,
        whileDraining: async () => {
          ({ updated, deleted } = await changeSentObjects(db));
        },
      });
      counts = (await (await fetch(`${double.url}/_counts`)).json()) as DoubleCounts;
    }, 60_000);

    afterAll(() => double?.close());

    it('leaves nothing pending or failed, with no round of a live instance failing outright', async () => {
      const rows = await fixture.store.db.selectFrom('outbox_objects').select(['object_key', 'desired_version', 'sent_version', 'failed_at', 'last_error']).execute();
      expect(rows).toHaveLength(OBJECTS);
      expect(rows.filter((r) => r.sent_version !== r.desired_version || r.failed_at !== null)).toEqual([]);
      expect(run.errors).toBe('');
    });

    it('met the faults it was given: 429 with Retry-After, 503, a failed batch, a hang, a killed instance', () => {
      expect(counts.throttled).toBeGreaterThan(0);
      expect(counts.unavailable).toBeGreaterThan(0);
      expect(counts.batchesUnavailable).toBeGreaterThan(0);
      expect(counts.hung).toBe(1);
      expect(counts.held.length).toBeGreaterThan(0);
    });

    it('applied every object’s newest version exactly once, versions rising, never one twice', async () => {
      const rows = await fixture.store.db.selectFrom('outbox_objects').select(['object_key', 'desired_version']).execute();
      const sendable = rows.filter((r) => !cancelledBeforeDrain(indexOf(r.object_key)));
      const wrong = sendable
        .map((r) => ({ key: r.object_key, newest: r.desired_version, applied: counts.objects[r.object_key]?.applied }))
        .filter(({ newest, applied }) => !applied || applied.at(-1) !== newest || applied.some((v, i) => i > 0 && v <= applied[i - 1]!));
      expect(wrong).toEqual([]);
      const twice = Object.entries(counts.objects).filter(([, c]) => new Set(c.applied).size !== c.applied.length);
      expect(twice).toEqual([]);
      expect(counts.notFound).toBe(0);
    });

    it('replayed no more than the killed instance had in flight', () => {
      expect(counts.replays).toBeLessThanOrEqual(counts.held.reduce((sum, h) => sum + h.requests, 0));
    });

    it('never had two batches in flight for one mailbox', () => {
      expect(counts.maxInFlightPerTarget).toBe(1);
    });

    it('sent only the newest of quick successive versions, and nothing for an object cancelled before sending', () => {
      const coalesced = [...Array(OBJECTS).keys()].filter((i) => versionsBeforeDrain(i) > 1);
      expect(coalesced.length).toBeGreaterThan(0);
      expect(coalesced.filter((i) => counts.objects[key(i)]?.seen.join() !== String(versionsBeforeDrain(i)))).toEqual([]);
      const cancelled = [...Array(OBJECTS).keys()].filter(cancelledBeforeDrain).map(key);
      expect(cancelled.filter((k) => k in counts.objects)).toEqual([]);
    });

    it('applied changes made during the drain after the create they depend on: updates, then deletes', () => {
      expect(updated.map((k) => [k, counts.objects[k]?.applied])).toEqual(updated.map((k) => [k, [1, 2]]));
      expect(deleted.map((k) => [k, counts.objects[k]?.applied, counts.objects[k]?.deleted])).toEqual(deleted.map((k) => [k, [1, 2], true]));
    });
  });
}
