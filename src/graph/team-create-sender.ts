import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Change, Outcome } from '../outbox/change';
import type { Sender } from '../outbox/sender';
import { TEAM_CREATE_KIND, type TeamCreateState } from '../reach/created-team';
import type { Answer } from './graph-failures';
import type { TokenSource } from './graph-tokens';
import { callGraph } from './install-requests';
import { pollOperation, POLL_DELAYS_MS } from './poll-operation';
import { sendEach } from './send-each';
import { acceptedTeam, createTeamBody, teamBody, teamCreateStateSchema, teamFailureOf, teamPage, teamsByNameUrl, teamUrl } from './team-create-requests';

export interface GraphTeamCreateSenderOptions {
  client: Client;
  tokens: TokenSource;
  /** `GRAPH_ENDPOINT`: the host the template and the owner are bound by, and the only one a next page is read from. */
  graphEndpoint: string;
  now?: () => number;
  /** The waits between reads of a creation's operation; POLL_DELAYS_MS unless a test wants them shorter. */
  pollDelaysMs?: readonly number[];
}

type Failure = Extract<Outcome, { ok: false }>;
type Found = { ok: true; teamId: string | null } | Failure;
type Read = { ok: true; outcome: Outcome } | { ok: false; provisioning: true } | Failure;

const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;
/** A name shared by more teams than this is not worth reading further: the marker would be among the first. */
const MAX_PAGES = 50;

const unreadable = (what: string): Failure => ({
  ok: false,
  retryable: true,
  message: `Graphs svar kunne ikke læses (${what}) / Graph's answer was unreadable (${what})`,
  retryAfterMs: null,
});

/**
 * Creates a cohort's team (`graph.team-create`): "Create team" with application permission
 * Team.Create, the organiser as its one owner, then the creation's operation polled, bounded, until
 * the team is usable. Success carries the team's id as `remoteId` and `details.fields` `{ teamId,
 * displayName, webUrl }`, for the cohort to link it.
 *
 * Graph takes no idempotency key for a team, so before creating, the sender lists the teams of the
 * wanted name ("List teams", Team.ReadBasic.All) and takes one whose description carries the
 * state's marker: a retry after a lost answer finds the team made instead of making a second. The
 * limits: a team renamed, or its description edited, in between is not found; nor is one the
 * directory has not listed yet (replication takes moments), should a retry come that soon.
 *
 * Once the id is known the team is kept as existing even while not yet usable, so later tries only
 * check it (`GET /teams/{id}`, 404 until provisioned) and never create again. An object no longer
 * wanted is done without a request: the team stays, with its members and their conversations.
 */
export class GraphTeamCreateSender implements Sender {
  readonly kind = TEAM_CREATE_KIND;
  readonly batchSize = 1;
  readonly pacingMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: GraphTeamCreateSenderOptions) {
    this.now = options.now ?? Date.now;
  }

  send(_target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    return sendEach(changes, signal, {
      tokens: this.options.tokens,
      schema: teamCreateStateSchema,
      needsCall: (change) => change.action !== 'delete',
      deliver: (state, change) => (change.remoteId === null ? this.create(state, signal) : this.confirm(change.remoteId, state, signal)),
    });
  }

  private async create(state: TeamCreateState, signal: AbortSignal): Promise<Outcome> {
    const found = await this.find(state, signal);
    if (!found.ok) return found;
    if (found.teamId !== null) return this.settle(found.teamId, state, signal);
    const answer = await this.call('POST', '/teams', signal, createTeamBody(this.options.graphEndpoint, state));
    if (!is2xx(answer)) return teamFailureOf(answer, 'create', state.owner, this.now());
    // Created, but where? The next try finds it by its marker.
    const accepted = acceptedTeam(answer.headers, this.options.graphEndpoint);
    if (accepted === null) return unreadable('Location');
    const settled = await pollOperation(() => this.call('GET', accepted.operationUrl, signal), {
      delaysMs: this.options.pollDelaysMs ?? POLL_DELAYS_MS,
      sleep: (ms) => sleep(ms, undefined, { signal }),
      now: this.now,
    });
    if (settled.kind === 'failed') {
      return { ok: false, retryable: false, message: `Teams kunne ikke oprette teamet "${state.displayName}" / Teams could not create the team "${state.displayName}" (${settled.reason})` };
    }
    return this.settle(accepted.teamId, state, signal);
  }

  /** A team whose id is known: usable, or kept as existing, so that no later try creates it again. */
  private async settle(teamId: string, state: TeamCreateState, signal: AbortSignal): Promise<Outcome> {
    const read = await this.read(teamId, state, signal);
    return read.ok ? read.outcome : { ok: true, remoteId: teamId, existed: true };
  }

  /** A later version, or a try after the team was kept as existing: only whether it is usable now. */
  private async confirm(teamId: string, state: TeamCreateState, signal: AbortSignal): Promise<Outcome> {
    const read = await this.read(teamId, state, signal);
    if (read.ok) return read.outcome;
    if ('provisioning' in read) {
      return { ok: false, retryable: true, message: `Teamet ${teamId} er ved at blive oprettet i Teams / Team ${teamId} is being set up in Teams`, retryAfterMs: null };
    }
    return read;
  }

  private async read(teamId: string, state: TeamCreateState, signal: AbortSignal): Promise<Read> {
    const answer = await this.call('GET', teamUrl(teamId), signal);
    // Not found until provisioned.
    if (answer.status === 404) return { ok: false, provisioning: true };
    if (!is2xx(answer)) return teamFailureOf(answer, 'team', state.owner, this.now());
    const team = teamBody.safeParse(answer.body);
    if (!team.success) return unreadable('team');
    const fields: Record<string, string> = { teamId, displayName: team.data.displayName ?? state.displayName };
    if (team.data.webUrl) fields.webUrl = team.data.webUrl;
    return { ok: true, outcome: { ok: true, remoteId: teamId, details: { fields, warning: null } } };
  }

  /** The team an earlier try made: the wanted name, and the marker in its description. */
  private async find(state: TeamCreateState, signal: AbortSignal): Promise<Found> {
    const { graphEndpoint } = this.options;
    let url: string | null = teamsByNameUrl(state.displayName);
    for (let page = 0; url !== null; page++) {
      if (page === MAX_PAGES) return unreadable('teams: too many pages');
      const answer = await this.call('GET', url, signal);
      if (!is2xx(answer)) return teamFailureOf(answer, 'lookup', state.owner, this.now());
      const parsed = teamPage.safeParse(answer.body);
      if (!parsed.success) return unreadable('teams');
      const mine = parsed.data.value.find((t) => t.description?.includes(state.marker));
      if (mine) return { ok: true, teamId: mine.id };
      const next = parsed.data['@odata.nextLink'] ?? null;
      // The token goes only to the configured Graph host.
      if (next !== null && !next.startsWith(`${graphEndpoint}/`)) return unreadable('teams: next page on another host');
      url = next;
    }
    return { ok: true, teamId: null };
  }

  /** A 401 makes the next call fetch a new token. */
  private async call(method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
    const answer = await callGraph(this.options.client, method, url, signal, body);
    if (answer.status === 401) this.options.tokens.invalidate();
    return answer;
  }
}
