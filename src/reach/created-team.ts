/** The outbox kind of a team the product creates for a cohort (`POST /teams`, application permission Team.Create). */
export const TEAM_CREATE_KIND = 'graph.team-create';

/**
 * One target for every team created, whichever cohort: the outbox leases and paces per target, so
 * creations go one at a time and a 429's `Retry-After` holds back all of them.
 */
export const TEAM_CREATE_TARGET = 'teams-create';

/**
 * The team wanted: fixed once asked for, so every retry looks for the same name and marker.
 * `owner` is the organiser's mailbox (id or userPrincipalName), the one member app-only creation
 * takes. `marker` is in the description: Graph has no idempotency key for teams, so a retry after a
 * lost answer finds the team by its name and this marker instead of making a second one.
 */
export interface TeamCreateState {
  displayName: string;
  description: string;
  owner: string;
  marker: string;
}

/** One created team per cohort: asking again is the same object, never a second team. */
export function teamCreateKey(cohortId: string): string {
  return `team-create:${cohortId}`;
}

/**
 * Unique per request, not per cohort id: two databases (a test and a production one) may both hold
 * a cohort "demo", and neither must mistake the other's team for its own.
 */
export function teamMarker(cohortId: string, nonce: string): string {
  return `gruppeforloeb-team:${cohortId}:${nonce}`;
}
