import type { Cohort } from '../domain/cohort';
import { isDomainError } from '../domain/errors';
import type { Instant } from '../domain/local-time';
import { cohortRepository } from '../store/cohort-repository';
import type { StoredCohort } from '../store/cohort-store';
import type { Executor } from '../store/schema';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';
import { recordCalendar } from './record-calendar';

export interface ChangeDeps {
  db: Executor;
  clock: Clock;
}

/** A save can still lose to one that did not take the lock (a document import); it is then decided again. */
const ATTEMPTS = 8;

/**
 * Every change to a cohort goes through here: the domain decides, the change is saved against the
 * revision it was read at, and the calendars' desired state is recorded in the same transaction —
 * so once a series is booked, Outlook follows every change, and a failed save sends nothing.
 * Changes to one cohort wait for each other; one that still lost a race is decided again on the
 * cohort as it is now: the domain then refuses what is no longer possible (a slot just taken).
 */
export async function changeCohort(deps: ChangeDeps, id: string, change: (cohort: Cohort, now: Instant) => Cohort): Promise<StoredCohort> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await changeOnce(deps, id, change);
    } catch (error) {
      if (!(isDomainError(error) && error.code === 'concurrent_change') || attempt >= ATTEMPTS) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 10 * attempt));
    }
  }
}

async function changeOnce(deps: ChangeDeps, id: string, change: (cohort: Cohort, now: Instant) => Cohort): Promise<StoredCohort> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    // Changes to one cohort take turns: this no-op write takes the cohort's row lock on PostgreSQL
    // (SQLite's write transactions take the database's at begin), so a crowd answering at once
    // queues for a moment instead of losing the race and retrying in vain.
    await trx.updateTable('cohorts').set((eb) => ({ revision: eb.ref('revision') })).where('id', '=', id).execute();
    const repository = cohortRepository(trx, deps.clock);
    const current = await loadCohort(repository, id);
    const changed = change(current.cohort, now);
    const stored = changed === current.cohort ? current : await repository.save(changed, current.revision, current.cohort);
    // Also when nothing changed: a booked cohort imported from a document has no events recorded
    // yet, and booking it again is how they get recorded. Unchanged events are not touched.
    await recordCalendar(trx, stored.cohort, now);
    return stored;
  });
}
