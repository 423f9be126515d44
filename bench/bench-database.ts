import { postgres } from '../test/support/engines';

/** The PostgreSQL server the bench looks for when BENCH_DATABASE_URL is not set. */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL as given (a module then scopes its rows to its run and deletes them after), else
 * a database of its own on the local server, dropped after; why there is none when neither can be had.
 */
export async function benchDatabase(): Promise<BenchDatabase | { unavailable: string }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, drop: async () => undefined };
  try {
    const created = await postgres(LOCAL_SERVER).create();
    return { url: created.options.databaseUrl!, drop: created.drop };
  } catch (error) {
    return { unavailable: `no PostgreSQL at ${LOCAL_SERVER} (${error instanceof Error ? error.message : String(error)}); set BENCH_DATABASE_URL` };
  }
}
