import { whoIs, type Caller, type Someone } from '../../app/who-is';
import type { Cohort } from '../../domain/cohort';
import { advisorIn, notPermitted } from '../../domain/permissions';
import type { CohortStore } from '../../store/cohort-store';

/**
 * The caller's cohort by id, as the cohort data says they belong to it. A cohort they are not in and
 * one that does not exist meet the same 403, so an id reveals nothing about other cohorts.
 */
export async function memberOf(store: CohortStore, caller: Caller, cohortId: string): Promise<{ someone: Someone; cohort: Cohort }> {
  const someone = await whoIs(store, caller.identity);
  const cohort = someone.cohorts.find((c) => c.id === cohortId);
  if (!cohort) throw notPermitted();
  return { someone, cohort };
}

/** As memberOf, for the cohort's advisors only. */
export async function advisedBy(store: CohortStore, caller: Caller, cohortId: string): Promise<Cohort> {
  const { someone, cohort } = await memberOf(store, caller, cohortId);
  advisorIn(someone.memberships, cohortId);
  return cohort;
}
