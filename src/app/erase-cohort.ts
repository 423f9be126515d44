import type { Cohort } from '../domain/cohort';
import { erasePersonalData } from '../domain/erase';
import type { CohortStore } from '../store/cohort-store';
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
}

/** Erases a cohort's personal data now, on an advisor's command or when it falls due. */
export async function eraseCohort(deps: { store: CohortStore; clock: Clock }, id: string): Promise<EraseOutcome> {
  const { cohort, revision } = await loadCohort(deps.store, id);
  if (cohort.erasedAt) return { cohort, erasedNow: false, people: 0, dietaryNotes: 0 };
  const erased = erasePersonalData(cohort, deps.clock.now());
  const stored = await deps.store.save(erased, revision);
  return {
    cohort: stored.cohort,
    erasedNow: true,
    people: cohort.municipalities.flatMap((m) => m.participants).filter((p) => p.person).length,
    dietaryNotes: cohort.rsvps.filter((r) => r.dietaryNote).length,
  };
}
