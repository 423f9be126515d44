import type { Cohort } from '../domain/cohort';
import { findMemberships, identityKeys, type Identity, type Membership } from '../domain/identity';
import type { CohortStore } from '../store/cohort-store';

/** Who is asking, as their sign-in (a Teams SSO token, or a demo user in local mode) says. */
export interface Caller {
  identity: Identity;
  /** The name the sign-in gives; the cohort's own record of the person is preferred where there is one. */
  name: string | null;
}

export interface Someone {
  identity: Identity;
  /** The cohorts the person is in, as stored now. */
  cohorts: Cohort[];
  memberships: Membership[];
}

/** The one way the bot, the tab and the pages find out who a signed-in person is, across all cohorts. */
export async function whoIs(store: CohortStore, identity: Identity): Promise<Someone> {
  const candidates = await store.loadNaming(identityKeys(identity));
  const memberships = findMemberships(candidates, identity);
  const ids = new Set(memberships.map((m) => m.cohortId));
  return { identity, cohorts: candidates.filter((c) => ids.has(c.id)), memberships };
}
