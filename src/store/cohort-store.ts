import type { Cohort } from '../domain/cohort';
import type { IdentityKeys } from '../domain/identity';
import type { Instant } from '../domain/local-time';

export interface StoredCohort {
  cohort: Cohort;
  /** Bumped on every save; a save against an older revision is refused (optimistic concurrency). */
  revision: number;
}

export interface CohortSummary {
  id: string;
  name: string;
  edition: string;
  municipalities: number;
  participants: number;
  erasedAt: Instant | null;
}

/** The cohort aggregate's persistence, the same on SQLite and PostgreSQL. */
export interface CohortStore {
  list(): Promise<CohortSummary[]>;
  load(id: string): Promise<StoredCohort | null>;
  /** Every cohort. */
  loadAll(): Promise<Cohort[]>;
  /**
   * The cohorts with a person record these keys could be: at least every cohort findMemberships
   * would match in, erased ones included, so finding someone never loads the whole installation.
   */
  loadNaming(keys: IdentityKeys): Promise<Cohort[]>;
  /** Refuses an id that exists with DomainError `cohort_exists`. */
  create(cohort: Cohort): Promise<StoredCohort>;
  /**
   * Refuses a stale revision with DomainError `concurrent_change`. With `previous`, the cohort as
   * it was read at that revision, only what differs from it is written.
   */
  save(cohort: Cohort, expectedRevision: number, previous?: Cohort): Promise<StoredCohort>;
}
