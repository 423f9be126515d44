import type { Cohort } from '../../src/domain/cohort';
import { DomainError } from '../../src/domain/errors';
import type { CohortStore, StoredCohort } from '../../src/store/cohort-store';

/**
 * A CohortStore in memory, with the real store's refusals (an existing id, a stale revision).
 * Cohorts are copied in and out, as a database would, so a test cannot change what is stored by accident.
 */
export function memoryCohortStore(): CohortStore & { size(): number } {
  const rows = new Map<string, StoredCohort>();
  const copy = (stored: StoredCohort): StoredCohort => structuredClone(stored);
  const put = (cohort: Cohort, revision: number) => {
    rows.set(cohort.id, copy({ cohort, revision }));
    return copy(rows.get(cohort.id)!);
  };
  return {
    size: () => rows.size,
    list: async () =>
      [...rows.values()].map(({ cohort }) => ({
        id: cohort.id,
        name: cohort.name,
        edition: cohort.edition,
        municipalities: cohort.municipalities.length,
        participants: cohort.municipalities.reduce((n, m) => n + m.participants.length, 0),
        erasedAt: cohort.erasedAt,
      })),
    load: async (id) => {
      const stored = rows.get(id);
      return stored ? copy(stored) : null;
    },
    loadAll: async () => [...rows.values()].map((s) => copy(s).cohort),
    // Every cohort is a superset of those naming anyone, which is all the contract asks.
    loadNaming: async () => [...rows.values()].map((s) => copy(s).cohort),
    create: async (cohort) => {
      if (rows.has(cohort.id)) throw new DomainError('cohort_exists', { da: 'Findes allerede.', en: 'Exists already.' }, 'id');
      return put(cohort, 1);
    },
    save: async (cohort, expectedRevision) => {
      const current = rows.get(cohort.id);
      if (!current || current.revision !== expectedRevision) {
        throw new DomainError('concurrent_change', { da: 'Ændret imens.', en: 'Changed meanwhile.' });
      }
      return put(cohort, expectedRevision + 1);
    },
  };
}
