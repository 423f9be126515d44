import type { Outcome, ApiRequest } from './graph-api';
import type { Caller } from './graph-auth';
import { badRequest, graphError, ok, type GraphResponse, type RequestIds } from './graph-errors';
import type { Settings } from './options';
import { provisioned, type TeamCreation } from './team-provisioning';
import type { TeamsPath } from './teams-path';
import type { TeamsApp } from './teamwork-api';

/** A member of a team (`aadUserConversationMember`): a member of the tenant, an owner, or a guest. */
export interface TeamMember {
  userId: string;
  email: string | null;
  displayName: string;
  /** `[]` for a member, `['owner']`, or `['guest']`. */
  roles: string[];
}

export interface Team {
  id: string;
  displayName: string;
  description: string;
  members: TeamMember[];
  /** Null for a team the tenant had from the start; a created team is not found until it is provisioned. */
  creation: TeamCreation | null;
}

/** One installation of a catalog app in a team, as the double keeps it. */
export interface TeamInstallation {
  teamId: string;
  catalogId: string;
}

export interface TeamsDeps {
  teams: Team[];
  teamsApps: TeamsApp[];
  settings: () => Settings;
  graphUrl: () => string;
}

const INSTALL_WRITE = ['TeamsAppInstallation.ReadWriteSelfForTeam.All', 'TeamsAppInstallation.ReadWriteForTeam.All'];
const MEMBERS_READ = ['TeamMember.Read.All', 'TeamMember.ReadWrite.All'];

type Path = Extract<TeamsPath, { kind: 'installedApps' | 'members' }>;

/**
 * Teams the organisation has, the app installed in them, and their rosters: "Install app to team"
 * (201; 409 `Conflict` when installed already, where Microsoft documents no error) and "List members
 * of team" (`aadUserConversationMember`, paged by `@odata.nextLink` with `$skiptoken`). 404 for a
 * team the tenant has not, 403 without an application permission the call needs.
 */
export class TeamsApi {
  private readonly installed: TeamInstallation[] = [];
  /** Installs answered 409: the app was in the team already. */
  conflicts = 0;

  constructor(private readonly deps: TeamsDeps) {}

  installations(): TeamInstallation[] {
    return this.installed.map((i) => ({ ...i }));
  }

  execute(path: Path, request: ApiRequest, caller: Caller, ids: RequestIds): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const method = request.method.toUpperCase();
    const allowed = path.kind === 'installedApps' ? 'POST' : 'GET';
    if (method !== allowed) return answer(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    const needed = path.kind === 'installedApps' ? INSTALL_WRITE : MEMBERS_READ;
    if (!caller.roles.some((role) => needed.includes(role))) {
      return answer(graphError(403, 'Forbidden', `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${caller.roles.join(', ')}'.`, ids));
    }
    const team = usableTeam(this.deps, path.team);
    if (!team) return answer(teamNotFound(path.team, ids));
    if (path.kind === 'installedApps') return this.install(team, request.body, ids);
    return answer(this.members(team, request.url, ids));
  }

  private install(team: Team, body: unknown, ids: RequestIds): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const bind = (body as Record<string, unknown> | null)?.['teamsApp@odata.bind'];
    const bound = typeof bind === 'string' ? /^(https:\/\/[^/]+)\/(?:v1\.0|beta)\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind) : null;
    if (!bound) return answer(badRequest("The request body must bind 'teamsApp@odata.bind' to {graph}/v1.0/appCatalogs/teamsApps/{id}.", ids));
    const catalogId = decodeURIComponent(bound[2]!);
    const app = this.deps.teamsApps.find((a) => a.id.toLowerCase() === catalogId.toLowerCase());
    if (!app) return answer(graphError(404, 'NotFound', `The Teams app '${catalogId}' was not found in the app catalog.`, ids));
    if (this.installed.some((i) => i.teamId === team.id && i.catalogId === app.id)) {
      this.conflicts++;
      return answer(graphError(409, 'Conflict', 'The app is already installed in this team.', ids));
    }
    this.installed.push({ teamId: team.id, catalogId: app.id });
    return answer(ok(201), true);
  }

  private members(team: Team, url: string, ids: RequestIds): GraphResponse {
    const params = new URLSearchParams(url.split('?')[1] ?? '');
    const skip = Number(params.get('$skiptoken') ?? '0');
    if (!Number.isInteger(skip) || skip < 0) return badRequest('Invalid $skiptoken.', ids);
    const size = this.deps.settings().pageSize;
    const page = team.members.slice(skip, skip + size);
    const base = `${this.deps.graphUrl()}/v1.0/teams/${encodeURIComponent(team.id)}/members`;
    const value = page.map((m) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      id: Buffer.from(`${team.id}##${m.userId}`).toString('base64'),
      roles: m.roles,
      displayName: m.displayName,
      visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
      userId: m.userId,
      email: m.email,
      tenantId: null,
    }));
    const body: Record<string, unknown> = { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#teams('${team.id}')/members`, '@odata.count': team.members.length, value };
    if (skip + page.length < team.members.length) body['@odata.nextLink'] = `${base}?$skiptoken=${skip + page.length}`;
    return ok(200, body);
  }
}

/** A team the tenant has and can use now: one still being created is not found yet. */
export function usableTeam(deps: Pick<TeamsDeps, 'teams' | 'settings'>, id: string): Team | undefined {
  const team = deps.teams.find((t) => t.id.toLowerCase() === id.toLowerCase());
  return team && provisioned(team.creation, deps.settings(), Date.now()) ? team : undefined;
}

export const teamNotFound = (id: string, ids: RequestIds) => graphError(404, 'NotFound', `No team found with Group Id ${id}`, ids);
