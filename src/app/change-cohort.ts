import type { Cohort } from '../domain/cohort';
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

/**
 * Every change to a cohort goes through here: the domain decides, the change is saved against the
 * revision it was read at, and the calendars' desired state is recorded in the same transaction —
 * so once a series is booked, Outlook follows every change, and a failed save sends nothing.
 */
export async function changeCohort(deps: ChangeDeps, id: string, change: (cohort: Cohort, now: Instant) => Cohort): Promise<StoredCohort> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const repository = cohortRepository(trx, deps.clock);
    const current = await loadCohort(repository, id);
    const changed = change(current.cohort, now);
    const stored = changed === current.cohort ? current : await repository.save(changed, current.revision);
    // Also when nothing changed: a booked cohort imported from a document has no events recorded
    // yet, and booking it again is how they get recorded. Unchanged events are not touched.
    await recordCalendar(trx, stored.cohort, now);
    return stored;
  });
}
