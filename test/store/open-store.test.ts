import { migrationProvider } from '../../src/store/migrations';
import { sql } from 'kysely';
import { cohortRepository } from '../../src/store/cohort-repository';
import { openStore } from '../../src/store/open-store';
import { inTransaction } from '../../src/store/transaction';
import { engines, useStore } from '../support/engines';
import { sampleCohort } from '../support/sample-cohort';

describe.each(engines())('opening the store on $name', (engine) => {
  const fixture = useStore(engine);

  it('records the migrations once, however often the database is opened', async () => {
    await fixture.reopen();
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(fixture.store.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
  });

  // Two server instances starting together against one database; on SQLite, two stores in one
  // thread would wait on each other's lock, so that case needs two processes and is not run here.
  (engine.name === 'postgres' ? it : it.skip)('migrates a fresh database once when two stores open it at the same moment', async () => {
    const database = await engine.create();
    try {
      const stores = await Promise.all([openStore(database.options), openStore(database.options)]);
      await Promise.all(stores.map((s) => s.ping()));
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(stores[0].db);
      expect(applied.rows).toHaveLength(Object.keys(await migrationProvider.getMigrations()).length);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  });

  it('lets a cohort save join a caller transaction and roll back with it', async () => {
    const cohort = sampleCohort();
    const failing = inTransaction(fixture.store.db, async (trx) => {
      await cohortRepository(trx).create(cohort);
      throw new Error('the outbox write failed');
    });
    await expect(failing).rejects.toThrow('the outbox write failed');
    expect(await fixture.store.cohorts.load(cohort.id)).toBeNull();

    const stored = await inTransaction(fixture.store.db, (trx) => cohortRepository(trx).create(cohort));
    expect(await fixture.store.cohorts.load(cohort.id)).toStrictEqual(stored);
  });

  it('closes once, however often close is called', async () => {
    const store = await fixture.open();
    await Promise.all([store.close(), store.close()]);
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('SQLite settings', () => {
  const sqlite = engines().find((e) => e.name === 'sqlite')!;
  const fixture = useStore(sqlite);

  it('enforces foreign keys and writes ahead to a log', async () => {
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(fixture.store.db)).rows[0];
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
  });
});
