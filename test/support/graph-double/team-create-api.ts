import { randomUUID } from 'node:crypto';
import type { Tally } from './counts';
import { itemFaultAnswer } from './faults';
import type { ApiRequest, Outcome, User } from './graph-api';
import type { Caller } from './graph-auth';
import { badRequest, graphError, ok, type GraphResponse, type RequestIds } from './graph-errors';
import type { Settings } from './options';
import { checkTeamBody } from './team-body';
import { provisioned } from './team-provisioning';
import { teamNotFound, usableTeam, type Team } from './teams-api';
import type { TeamsPath } from './teams-path';

export interface TeamCreateDeps {
  teams: Team[];
  users: User[];
  settings: () => Settings;
  tally: Tally;
  graphUrl: () => string;
}

/** A team made through "Create team", as a test sees it. */
export interface CreatedTeam {
  id: string;
  displayName: string;
  description: string;
  /** The owner's Entra object id. */
  ownerId: string;
  status: 'inProgress' | 'succeeded';
  /** Reads of its operation so far. */
  polls: number;
}

type Path = Extract<TeamsPath, { kind: 'teams' | 'team' | 'operation' }>;

/** "Create team" (application): Team.Create, or the broader group permissions. */
const CREATE = ['Team.Create', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
/** "List teams". */
const LIST = ['Team.ReadBasic.All', 'TeamSettings.Read.All', 'TeamSettings.ReadWrite.All'];
/** "Get team"; Microsoft documents none for a team's operation in v1.0, so the double asks the same. */
const READ = [...LIST, 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

const LITERAL = "'((?:[^']|'')*)'";
const FILTERS: { pattern: RegExp; matches: (name: string, wanted: string) => boolean }[] = [
  { pattern: new RegExp(`^\\s*displayName\\s+eq\\s+${LITERAL}\\s*$`, 'i'), matches: (name, wanted) => name === wanted },
  { pattern: new RegExp(`^\\s*startswith\\(\\s*displayName\\s*,\\s*${LITERAL}\\s*\\)\\s*$`, 'i'), matches: (name, wanted) => name.startsWith(wanted) },
];

/**
 * Creating a team and following its creation: "Create team" (202 Accepted, no body, `Location:
 * /teams('{id}')/operations('{id}')` and `Content-Location: /teams('{id}')`), the operation (a
 * `teamsAsyncOperation`, `inProgress` until provisioned, then `succeeded` with `targetResourceId`),
 * "Get team" (404 until provisioned) and "List teams" (`$filter` on `displayName` with `eq` or
 * `startswith`, `$select`, `$top`, paged by `$skiptoken`), which lists a new team at once.
 */
export class TeamCreateApi {
  constructor(private readonly deps: TeamCreateDeps) {}

  created(): CreatedTeam[] {
    return this.deps.teams.flatMap((team) => {
      const creation = team.creation;
      if (creation === null) return [];
      const status = provisioned(creation, this.deps.settings(), Date.now()) ? 'succeeded' : 'inProgress';
      return [{ id: team.id, displayName: team.displayName, description: team.description, ownerId: team.members[0]!.userId, status, polls: creation.polls }];
    });
  }

  execute(path: Path, request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Outcome {
    const answer = (response: GraphResponse): Outcome => ({ response, wrote: false });
    const method = request.method.toUpperCase();
    const allowed = path.kind === 'teams' ? ['GET', 'POST'] : ['GET'];
    if (!allowed.includes(method)) return answer(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    const needed = method === 'POST' ? CREATE : path.kind === 'teams' ? LIST : READ;
    if (!caller.roles.some((role) => needed.includes(role))) {
      return answer(graphError(403, 'Forbidden', `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${caller.roles.join(', ')}'.`, ids));
    }
    const fault = itemFaultAnswer(this.deps.settings(), this.deps.tally, 'teams', faultKey, ids);
    if (fault) return answer(fault);
    if (method === 'POST') return this.create(request.body, ids);
    if (path.kind === 'teams') return answer(this.list(new URLSearchParams(request.url.split('?')[1] ?? ''), ids));
    if (path.kind === 'team') return answer(this.team(path.team, ids));
    return answer(this.operation(path.team, path.operation, ids));
  }

  private create(body: unknown, ids: RequestIds): Outcome {
    const checked = checkTeamBody(body, { users: this.deps.users, graphUrl: this.deps.graphUrl() }, ids);
    if ('status' in checked) return { response: checked, wrote: false };
    const { displayName, description, owner } = checked;
    const team: Team = {
      id: randomUUID(),
      displayName,
      description,
      members: [{ userId: owner.id, email: owner.mail, displayName: owner.displayName, roles: ['owner'] }],
      creation: { operationId: randomUUID(), createdAt: Date.now(), polls: 0, succeeded: false },
    };
    this.deps.teams.push(team);
    this.deps.tally.teamsCreated++;
    const headers = {
      'Content-Type': 'application/json',
      Location: `/teams('${team.id}')/operations('${team.creation!.operationId}')`,
      'Content-Location': `/teams('${team.id}')`,
    };
    return { response: ok(202, undefined, headers), wrote: true };
  }

  private list(params: URLSearchParams, ids: RequestIds): GraphResponse {
    for (const key of params.keys()) {
      if (key.startsWith('$') && !['$filter', '$select', '$top', '$skiptoken'].includes(key)) return badRequest(`Query option '${key}' is not supported here.`, ids);
    }
    const filter = params.get('$filter');
    const found = filter === null ? null : FILTERS.map((f) => ({ f, match: f.pattern.exec(filter) })).find((f) => f.match !== null);
    if (filter !== null && !found) return badRequest(`Unsupported query filter: '${filter}'.`, ids);
    // The directory compares names without case.
    const wanted = found ? found.match![1]!.replaceAll("''", "'").toLowerCase() : null;
    const teams = this.deps.teams.filter((t) => wanted === null || found!.f.matches(t.displayName.toLowerCase(), wanted));
    const skip = Number(params.get('$skiptoken') ?? '0');
    const top = Number(params.get('$top') ?? Infinity);
    if (!Number.isInteger(skip) || skip < 0 || !(top >= 1)) return badRequest('Invalid $skiptoken or $top.', ids);
    const page = teams.slice(skip, skip + Math.min(top, this.deps.settings().pageSize));
    const select = params.get('$select')?.split(',').map((s) => s.trim().toLowerCase()) ?? null;
    const value = page.map((t) => listView(t)).map((v) => (select === null ? v : Object.fromEntries(Object.entries(v).filter(([k]) => select.includes(k.toLowerCase())))));
    const body: Record<string, unknown> = { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#teams`, value };
    if (skip + page.length < teams.length && top > page.length) {
      const next = new URLSearchParams(params);
      next.set('$skiptoken', String(skip + page.length));
      if (params.has('$top')) next.set('$top', String(top - page.length));
      body['@odata.nextLink'] = `${this.deps.graphUrl()}/v1.0/teams?${next.toString().replaceAll('%24', '$')}`;
    }
    return ok(200, body);
  }

  private team(id: string, ids: RequestIds): GraphResponse {
    const team = usableTeam(this.deps, id);
    if (!team) return teamNotFound(id, ids);
    return ok(200, {
      '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#teams/$entity`,
      ...listView(team),
      isArchived: false,
      webUrl: `https://teams.microsoft.com/l/team/${encodeURIComponent(`19:${team.id.replaceAll('-', '')}@thread.tacv2`)}/conversations?groupId=${team.id}`,
    });
  }

  /** Each read of an unfinished operation counts towards `teamProvisioning.polls`. */
  private operation(teamId: string, operationId: string, ids: RequestIds): GraphResponse {
    const team = this.deps.teams.find((t) => t.id.toLowerCase() === teamId.toLowerCase());
    const creation = team?.creation;
    if (!team || !creation || creation.operationId !== operationId) {
      return graphError(404, 'NotFound', `The operation '${operationId}' was not found for team '${teamId}'.`, ids);
    }
    const now = Date.now();
    const done = provisioned(creation, this.deps.settings(), now);
    if (!done) creation.polls++;
    return ok(200, {
      '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#teams('${team.id}')/operations/$entity`,
      id: operationId,
      operationType: 'createTeam',
      createdDateTime: new Date(creation.createdAt).toISOString(),
      status: done ? 'succeeded' : 'inProgress',
      lastActionDateTime: new Date(now).toISOString(),
      attemptsCount: 1,
      targetResourceId: team.id,
      targetResourceLocation: `/teams('${team.id}')`,
      error: null,
    });
  }
}

/** What "List teams" fills in: id, displayName, description and visibility. */
function listView(team: Team): Record<string, unknown> {
  return { id: team.id, displayName: team.displayName, description: team.description, visibility: 'private' };
}
