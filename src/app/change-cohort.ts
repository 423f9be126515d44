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

/** Enough for a crowd pressing at once: each retry sees the winner's change and mostly has nothing left to do. */
const ATTEMPTS = 8;

/**
 * Every change to a cohort goes through here: the domain decides, the change is saved against the
 * revision it was read at, and the calendars' desired state is recorded in the same transaction —
 * so once a series is booked, Outlook follows every change, and a failed save sends nothing.
 * A save that lost the race to another change is decided again on the cohort as it is now: the
 * domain then refuses what is no longer possible (a slot just taken) or applies what still is.
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
