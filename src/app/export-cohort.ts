import { toDocument, type CohortDocument, type DocumentOptions } from '../documents/cohort-document';
import type { CohortStore } from '../store/cohort-store';
import { loadCohort } from './load-cohort';

/** The cohort as its document; an erased cohort exports too, with structure and counts only. */
export async function exportCohort(deps: { store: CohortStore }, id: string, options: DocumentOptions = {}): Promise<CohortDocument> {
  const { cohort } = await loadCohort(deps.store, id);
  return toDocument(cohort, options);
}
