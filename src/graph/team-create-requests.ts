import { z } from 'zod';
import type { Texts } from '../domain/errors';
import type { Outcome } from '../outbox/change';
import type { TeamCreateState } from '../reach/created-team';
import { refusalLine, retryAfterMs, type Answer } from './graph-failures';
import { literal } from './install-requests';

type Failure = Extract<Outcome, { ok: false }>;

export const teamCreateStateSchema: z.ZodType<TeamCreateState> = z.object({
  displayName: z.string().min(1),
  description: z.string(),
  owner: z.string().min(1),
  marker: z.string().min(1),
});

/** An OData key in a binding URL: quotes doubled. */
const key = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * "Create team" with application permissions: the standard template, and exactly one member, the
 * owner, bound to a user by id or userPrincipalName. Bound on the configured Graph host, as the
 * catalog app is, so a sovereign cloud binds to its own.
 */
export function createTeamBody(graphEndpoint: string, state: TeamCreateState): Record<string, unknown> {
  return {
    'template@odata.bind': `${graphEndpoint}/v1.0/teamsTemplates('standard')`,
    displayName: state.displayName,
    description: state.description,
    members: [
      {
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        roles: ['owner'],
        'user@odata.bind': `${graphEndpoint}/v1.0/users(${key(state.owner)})`,
      },
    ],
  };
}

/** "List teams" filtered on the name, the one filter Microsoft documents for it; the marker is checked by the caller. */
export const teamsByNameUrl = (displayName: string) =>
  `/teams?$filter=${encodeURIComponent('displayName eq ')}${literal(displayName)}&$select=id,displayName,description`;

export const teamUrl = (teamId: string) => `/teams/${encodeURIComponent(teamId)}`;

export const teamPage = z.object({
  value: z.array(z.object({ id: z.string().min(1), description: z.string().nullish() }).passthrough()),
  '@odata.nextLink': z.string().nullish(),
});

export const teamBody = z.object({ id: z.string().min(1), displayName: z.string().nullish(), webUrl: z.string().nullish() }).passthrough();

const LOCATION = /(?:^|\/)teams\('([^']+)'\)\/operations\('([^']+)'\)$/;
const CONTENT_LOCATION = /(?:^|\/)teams\('([^']+)'\)$/;

/**
 * The team and its operation from a 202: `Location: /teams('{id}')/operations('{id}')`, followed as
 * given (on the configured host only, should it come absolute), and `Content-Location: /teams('{id}')`.
 * The team's id is known at once; the team is usable only once the operation has succeeded.
 */
export function acceptedTeam(headers: Record<string, string>, graphEndpoint: string): { teamId: string; operationUrl: string } | null {
  const location = headers['location'] ?? '';
  const operation = LOCATION.exec(location);
  if (!operation || !(location.startsWith('/') || location.startsWith(`${graphEndpoint}/`))) return null;
  const teamId = CONTENT_LOCATION.exec(headers['content-location'] ?? '')?.[1] ?? operation[1]!;
  return { teamId, operationUrl: location };
}

export type TeamStep = 'lookup' | 'create' | 'team';

const PERMISSION: Record<TeamStep, string> = { lookup: 'Team.ReadBasic.All', create: 'Team.Create', team: 'Team.ReadBasic.All' };

function refused(step: TeamStep, owner: string): Texts {
  const permission = PERMISSION[step];
  if (step === 'create') {
    return {
      da: `Appen må ikke oprette teams: giv den applikationstilladelsen ${permission} med administratorsamtykke. Intet team er oprettet`,
      en: `The app may not create teams: grant it the ${permission} application permission with admin consent. No team was created`,
    };
  }
  if (step === 'lookup') {
    return {
      da: `Appen må ikke slå teams op, som den gør før hver oprettelse, så et tabt svar ikke giver to teams: giv den applikationstilladelsen ${permission} med administratorsamtykke`,
      en: `The app may not look teams up, which it does before each creation so that a lost answer does not make two teams: grant it the ${permission} application permission with admin consent`,
    };
  }
  return {
    da: `Appen må ikke læse teamet, den oprettede med ${owner} som ejer: giv den applikationstilladelsen ${permission} med administratorsamtykke`,
    en: `The app may not read the team it created with ${owner} as owner: grant it the ${permission} application permission with admin consent`,
  };
}

/**
 * A failed answer as the outbox's outcome: throttling, outages and a refused token are tried again
 * (after Graph's `Retry-After`); a missing permission or an owner the tenant does not have is not,
 * and says what to fix in Danish and English.
 */
export function teamFailureOf(answer: Answer, step: TeamStep, owner: string, now: number): Failure {
  const { status } = answer;
  if (status === 429 || status >= 500) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer), retryAfterMs: retryAfterMs(answer.headers, now) };
  }
  if (status === 401) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer), retryAfterMs: null };
  }
  if (status === 403) return { ok: false, retryable: false, message: refusalLine(refused(step, owner), answer) };
  if (status === 404 && step === 'create') {
    return {
      ok: false,
      retryable: false,
      message: refusalLine(
        {
          da: `Ejeren ${owner} er ikke en bruger i tenanten (teamets ejer skal angives med bruger-id eller brugerhovednavn): ret ORGANIZER_MAILBOX eller forløbets arrangør`,
          en: `The owner ${owner} is not a user of the tenant (the team's owner is given by user id or userPrincipalName): correct ORGANIZER_MAILBOX or the cohort's organiser`,
        },
        answer,
      ),
    };
  }
  return { ok: false, retryable: false, message: refusalLine({ da: 'Graph afviste oprettelsen af teamet', en: 'Graph refused to create the team' }, answer) };
}
