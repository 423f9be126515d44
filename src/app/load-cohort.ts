import { DomainError } from '../domain/errors';
import type { CohortStore, StoredCohort } from '../store/cohort-store';

export async function loadCohort(store: CohortStore, id: string): Promise<StoredCohort> {
  const stored = await store.load(id);
  if (!stored) {
    throw new DomainError('unknown_cohort', { da: `Der er intet gruppeforløb med id "${id}".`, en: `There is no cohort with id "${id}".` }, 'id');
  }
  return stored;
}
