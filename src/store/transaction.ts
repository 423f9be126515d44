import { Transaction } from 'kysely';
import type { Database, Executor } from './schema';

/**
 * Runs `work` in the caller's transaction when there is one, else in a new one. This is how the
 * store's writes join a use-case's transaction, so they commit or roll back with its other rows.
 */
export function inTransaction<T>(executor: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return executor instanceof Transaction ? work(executor) : executor.transaction().execute(work);
}

/**
 * A read of several tables that must see one state of the database. On PostgreSQL each statement of
 * a read-committed transaction sees its own snapshot, so a save landing in between could tear the
 * aggregate; repeatable read pins one. SQLite's transactions are snapshots already.
 */
export function inReadTransaction<T>(executor: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return executor instanceof Transaction ? work(executor) : executor.transaction().setIsolationLevel('repeatable read').execute(work);
}
