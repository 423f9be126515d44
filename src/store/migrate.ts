import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';

type Run = (db: Kysely<Database>) => Promise<MigrationResultSet>;

/**
 * Kysely takes no lock on SQLite and runs each migration outside a transaction there, so a second
 * process starting at the same moment could migrate twice, and a failed migration would leave half
 * a schema. One immediate transaction around the run gives both: SQLite's DDL is transactional.
 */
async function underSqliteLock(db: Kysely<Database>, run: Run): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const { error } = await run(connection);
      if (error) throw error;
      await sql`commit`.execute(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/**
 * Brings the schema up to date. On PostgreSQL Kysely's migrator serialises concurrent starts with an
 * advisory lock and runs the pending migrations in one transaction.
 */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<void> {
  const run: Run = (target) => new Migrator({ db: target, provider: migrationProvider }).migrateToLatest();
  try {
    if (engine === 'sqlite') {
      await underSqliteLock(db, run);
    } else {
      const { error } = await run(db);
      if (error) throw error;
    }
  } catch (error) {
    throw new Error(`Databasen kunne ikke migreres / database migration failed: ${String(error)}`, { cause: error });
  }
}
