/**
 * How the product reaches one participant (see cohortReach in plan-reach.ts), apart from the
 * use-case so the tab API's schemas can name them without loading the store.
 */
export const REACH_STATES = ['teams', 'team', 'pending', 'email', 'not_connected', 'unreachable'] as const;
export type ReachState = (typeof REACH_STATES)[number];
