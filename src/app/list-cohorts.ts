import type { CohortStore, CohortSummary } from '../store/cohort-store';

/** Sorted here, so the list reads the same on either database engine. */
export async function listCohorts(deps: { store: CohortStore }): Promise<CohortSummary[]> {
  const cohorts = await deps.store.list();
  return [...cohorts].sort((a, b) => a.name.localeCompare(b.name, 'da') || a.id.localeCompare(b.id));
}
