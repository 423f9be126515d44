import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';
import { systemClock, type Clock } from '../app/clock';
import { cohortRepository } from './cohort-repository';
import type { CohortStore } from './cohort-store';
import { migrateToLatest, type Engine } from './migrate';
import type { Database } from './schema';
import { ImmediateSqliteDialect } from './sqlite-dialect';

export type { Engine } from './migrate';

export interface StoreOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; anything else, or null, the SQLite file. */
  databaseUrl: string | null;
  databaseFile: string;
  /** Stamps created_at; the real clock unless a caller wants otherwise. */
  clock?: Clock;
  /** Where an idle PostgreSQL connection's failure is reported; by default a line on stderr. */
  onPoolError?: (error: Error) => void;
}

export interface Store {
  cohorts: CohortStore;
  /** For writes that must share a transaction with a cohort save: see inTransaction and cohortRepository. */
  db: Kysely<Database>;
  engine: Engine;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Closes the database; calling it again waits for the same close. */
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

function sqliteDialect(file: string): Dialect {
  mkdirSync(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // Off by default in SQLite; without it the schema's foreign keys and cascades would be decoration.
  database.pragma('foreign_keys = ON');
  // Readers do not wait for a writer, so a health check or a page load does not queue behind a save.
  database.pragma('journal_mode = WAL');
  return new ImmediateSqliteDialect({ database });
}

function reportPoolError(error: Error): void {
  process.stderr.write(`PostgreSQL-forbindelse fejlede / PostgreSQL connection failed: ${error.message}\n`);
}

function postgresDialect(url: string, onPoolError: (error: Error) => void): Dialect {
  const pool = new Pool({ connectionString: url });
  // An idle connection dropped by the server is emitted here; unheard, it would crash the process.
  // The pool discards that connection and opens a new one when next needed.
  pool.on('error', onPoolError);
  return new PostgresDialect({ pool });
}

/** Opens the database chosen by the options and brings its schema up to date before returning. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const postgresUrl = options.databaseUrl !== null && POSTGRES_URL.test(options.databaseUrl) ? options.databaseUrl : null;
  const engine: Engine = postgresUrl === null ? 'sqlite' : 'postgres';
  const dialect =
    postgresUrl === null ? sqliteDialect(options.databaseFile) : postgresDialect(postgresUrl, options.onPoolError ?? reportPoolError);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db, engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    cohorts: cohortRepository(db, options.clock ?? systemClock),
    db,
    engine,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => (closing ??= db.destroy()),
  };
}
