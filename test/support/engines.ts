import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStore, type Engine, type Store, type StoreOptions } from '../../src/store/open-store';

/** A fresh, empty database that only one test file uses. */
export interface TestDatabase {
  options: StoreOptions;
  drop(): Promise<void>;
}

export interface TestEngine {
  name: Engine;
  create(): Promise<TestDatabase>;
}

const sqlite: TestEngine = {
  name: 'sqlite',
  create: () => {
    const dir = mkdtempSync(join(tmpdir(), 'gruppeforloeb-store-'));
    // A directory that does not exist yet: opening the store must create it.
    const databaseFile = join(dir, 'data', 'store.db');
    return Promise.resolve({
      options: { databaseUrl: null, databaseFile },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    });
  },
};

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database of its own on the server TEST_DATABASE_URL points at, so test files can run in parallel. */
export function postgres(serverUrl: string): TestEngine {
  return {
    name: 'postgres',
    create: async () => {
      const name = `test_${randomBytes(6).toString('hex')}`;
      await onServer(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        options: { databaseUrl: url.toString(), databaseFile: join(tmpdir(), 'unused-by-postgres.db') },
        drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (postgres://…). */
export function engines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return [sqlite];
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`TEST_DATABASE_URL must be a postgres:// URL, not "${url}"`);
  return [sqlite, postgres(url)];
}

export interface StoreFixture {
  /** The store opened before the file's tests; replaced by reopen(). */
  readonly store: Store;
  readonly options: StoreOptions;
  /** Another store on the same database, closed after the file's tests. */
  open(): Promise<Store>;
  /** Closes the store and opens the database again, as a restart of the server would. */
  reopen(): Promise<Store>;
}

/** One fresh database of `engine` for the calling describe block, opened before and dropped after it. */
export function useStore(engine: TestEngine): StoreFixture {
  let database: TestDatabase | undefined;
  let current: Store | undefined;
  const opened: Store[] = [];
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useStore: used outside a test');
    return value;
  };
  const fixture: StoreFixture = {
    get store() {
      return need(current);
    },
    get options() {
      return need(database).options;
    },
    open: async () => {
      const store = await openStore(need(database).options);
      opened.push(store);
      return store;
    },
    reopen: async () => {
      await need(current).close();
      current = await fixture.open();
      return current;
    },
  };
  beforeAll(async () => {
    database = await engine.create();
    current = await fixture.open();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await database?.drop();
  });
  return fixture;
}
