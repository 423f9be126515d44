import type { Cohort } from '../domain/cohort';
import { erasePersonalData } from '../domain/erase';
import { findMemberships, type Identity } from '../domain/identity';
import { advisorIn } from '../domain/permissions';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';

export interface EraseOutcome {
  /** The cohort as it is now stored: structure and counts, no personal data. */
  cohort: Cohort;
  /** False when it had already been erased; then nothing was changed. */
  erasedNow: boolean;
  /** How many participants' names, addresses and phones were removed. */
  people: number;
  dietaryNotes: number;
  /** Outlook events, messages and mails kept for delivery, which carry names and addresses too. */
  deliveries: number;
}

/**
 * Erases a cohort's personal data now, on an advisor's command or when it falls due. What the
 * outbox keeps for Microsoft 365 holds the same names and addresses, so it goes in the same
 * transaction; anything still unsent is then never sent. An advisor asking through the tab
 * (`asker`) must be one in the cohort as it is read here, not as it was a moment before; the
 * command line and the due date have no one to ask.
 */
export async function eraseCohort(deps: { db: Executor; clock: Clock }, id: string, asker?: Identity): Promise<EraseOutcome> {
  return inTransaction(deps.db, async (trx) => {
    const repository = cohortRepository(trx, deps.clock);
    const { cohort, revision } = await loadCohort(repository, id);
    if (asker) advisorIn(findMemberships([cohort], asker), cohort.id);
    if (cohort.erasedAt) return { cohort, erasedNow: false, people: 0, dietaryNotes: 0, deliveries: 0 };
    const stored = await repository.save(erasePersonalData(cohort, deps.clock.now()), revision);
    const forgotten = await trx.deleteFrom('outbox_objects').where('cohort_id', '=', id).executeTakeFirst();
    return {
      cohort: stored.cohort,
      erasedNow: true,
      people: cohort.municipalities.flatMap((m) => m.participants).filter((p) => p.person).length,
      dietaryNotes: cohort.rsvps.filter((r) => r.dietaryNote).length,
      deliveries: Number(forgotten.numDeletedRows),
    };
  });
}
