/**
 * How the product reaches one participant (see cohortReach in plan-reach.ts), apart from the
 * use-case so the tab API's schemas can name them without loading the store:
 * - `teams`: the app is installed for them and the bot has their 1:1 chat;
 * - `team`: no personal chat, but they are in the cohort's team, where the app is installed;
 * - `pending`: the installation is planned and not yet done (or being retried);
 * - `email`: e-mail with signed links only, with the reason (Graph refused, not a user, not set up);
 * - `not_connected`: local mode, nothing reaches Microsoft 365;
 * - `unreachable`: nothing to reach them by (their personal data is erased).
 */
export const REACH_STATES = ['teams', 'team', 'pending', 'email', 'not_connected', 'unreachable'] as const;
export type ReachState = (typeof REACH_STATES)[number];
