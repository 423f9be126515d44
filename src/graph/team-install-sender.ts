import { sendEach } from './send-each';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Texts } from '../domain/errors';
import type { Change, Outcome } from '../outbox/change';
import type { Sender } from '../outbox/sender';
import { TEAM_INSTALL_KIND, type TeamInstallState, type TeamMember } from '../reach/cohort-team';
import { refusalLine, retryAfterMs, type Answer } from './graph-failures';
import type { TokenSource } from './graph-tokens';
import { callGraph, installBody } from './install-requests';

export interface GraphTeamInstallSenderOptions {
  client: Client;
  tokens: TokenSource;
  /** `GRAPH_ENDPOINT`: the host the catalog app is bound by, and the only one a next page is read from. */
  graphEndpoint: string;
  /** `TEAMS_APP_CATALOG_ID`: the app's id in the organisation's Teams app catalog. */
  catalogId: string;
  now?: () => number;
}

type Failure = Extract<Outcome, { ok: false }>;

const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;
/** More pages than a team of 25 000 members needs: a loop of links ends here. */
const MAX_PAGES = 300;

const stateSchema: z.ZodType<TeamInstallState> = z.object({ teamId: z.string().min(1) });
const memberPage = z.object({
  value: z.array(z.object({ userId: z.string().nullish(), email: z.string().nullish() }).passthrough()),
  '@odata.nextLink': z.string().nullish(),
});

const teamPath = (teamId: string) => `/teams/${encodeURIComponent(teamId)}`;

const INSTALL_PERMISSION = 'TeamsAppInstallation.ReadWriteSelfForTeam.All';
const MEMBERS_PERMISSION = 'TeamMember.Read.All';

function failureOf(answer: Answer, step: 'install' | 'members', teamId: string, catalogId: string, now: number): Failure {
  const { status } = answer;
  if (status === 429 || status >= 500) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer), retryAfterMs: retryAfterMs(answer.headers, now) };
  }
  if (status === 401) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer), retryAfterMs: null };
  }
  let text: Texts;
  if (status === 403) {
    const permission = step === 'install' ? INSTALL_PERMISSION : MEMBERS_PERMISSION;
    text = {
      da: `Appen må ikke ${step === 'install' ? 'installeres i' : 'læse medlemmerne af'} teamet ${teamId}: giv den applikationstilladelsen ${permission} med administratorsamtykke`,
      en: `The app may not ${step === 'install' ? 'be installed in' : 'read the members of'} team ${teamId}: grant it the ${permission} application permission with admin consent`,
    };
  } else if (status === 404) {
    text = {
      da: `Teamet ${teamId} findes ikke (eller appen med katalog-id ${catalogId} er ikke i appkataloget): ret team-id'et`,
      en: `Team ${teamId} does not exist (or the app with catalog id ${catalogId} is not in the app catalog): correct the team id`,
    };
  } else {
    text = { da: `Graph afviste installationen af appen i teamet ${teamId}`, en: `Graph refused to install the app in team ${teamId}` };
  }
  return { ok: false, retryable: false, message: refusalLine(text, answer) };
}

/**
 * Installs the app in a cohort's team (`graph.team-install`; 409: installed already, as good) and
 * reads the team's roster, page by page. Both steps repeat safely, so a retry installs nothing twice,
 * and each new version of the object reads the roster afresh.
 *
 * Success carries `details.fields.members`: JSON `[{ userId, email }]`, what reach matches the
 * cohort's participants by. A team that does not exist, or a permission the app lacks, fails for
 * good with the reason. An object no longer wanted is done without a request: the app stays.
 */
export class GraphTeamInstallSender implements Sender {
  readonly kind = TEAM_INSTALL_KIND;
  readonly batchSize = 1;
  readonly pacingMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: GraphTeamInstallSenderOptions) {
    this.now = options.now ?? Date.now;
  }

  send(_target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    return sendEach(changes, signal, {
      tokens: this.options.tokens,
      schema: stateSchema,
      needsCall: (change) => change.action !== 'delete',
      deliver: (state) => this.install(state.teamId, signal),
    });
  }

  private async install(teamId: string, signal: AbortSignal): Promise<Outcome> {
    const { catalogId, graphEndpoint } = this.options;
    const installed = await this.call('POST', `${teamPath(teamId)}/installedApps`, signal, installBody(graphEndpoint, catalogId));
    if (!is2xx(installed) && installed.status !== 409) return failureOf(installed, 'install', teamId, catalogId, this.now());
    const members: TeamMember[] = [];
    let url: string | null = `${teamPath(teamId)}/members`;
    for (let page = 0; url !== null; page++) {
      if (page === MAX_PAGES) return this.unreadable('members: too many pages');
      const answer = await this.call('GET', url, signal);
      if (!is2xx(answer)) return failureOf(answer, 'members', teamId, catalogId, this.now());
      const parsed = memberPage.safeParse(answer.body);
      if (!parsed.success) return this.unreadable('members');
      for (const m of parsed.data.value) members.push({ userId: m.userId ?? null, email: m.email?.trim() || null });
      const next = parsed.data['@odata.nextLink'] ?? null;
      // The token goes only to the configured Graph host.
      if (next !== null && !next.startsWith(`${graphEndpoint}/`)) return this.unreadable('members: next page on another host');
      url = next;
    }
    return { ok: true, remoteId: teamId, details: { fields: { teamId, members: JSON.stringify(members) }, warning: null } };
  }

  private unreadable(what: string): Failure {
    return { ok: false, retryable: true, message: `Graphs svar kunne ikke læses (${what}) / Graph's answer was unreadable (${what})`, retryAfterMs: null };
  }

  /** A 401 makes the next call fetch a new token. */
  private async call(method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
    const answer = await callGraph(this.options.client, method, url, signal, body);
    if (answer.status === 401) this.options.tokens.invalidate();
    return answer;
  }
}
