import type { Instant } from '../domain/local-time';
import { outboxStatus, retryFailed, type ObjectStatus } from '../outbox/outbox-status';
import type { CohortStore } from '../store/cohort-store';
import type { Executor } from '../store/schema';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';

export interface DeliveryDeps {
  store: CohortStore;
  db: Executor;
  /** The kinds of object this configuration has senders for. */
  connectedKinds: readonly string[];
}

/** What the product has sent to Microsoft 365 for a cohort, what waits, and what failed and why. */
export async function cohortDelivery(deps: DeliveryDeps, cohortId: string): Promise<ObjectStatus[]> {
  await loadCohort(deps.store, cohortId);
  return outboxStatus(deps.db, cohortId, deps.connectedKinds);
}

/** An advisor's "try again" for everything of the cohort that failed. */
export async function retryCohortDelivery(deps: DeliveryDeps & { clock: Clock }, cohortId: string): Promise<{ retried: number; at: Instant }> {
  await loadCohort(deps.store, cohortId);
  const at = deps.clock.now();
  return { retried: await retryFailed(deps.db, cohortId, at), at };
}
