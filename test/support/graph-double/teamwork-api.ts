import { randomUUID } from 'node:crypto';
import type { Tally } from './counts';
import { itemFaultAnswer } from './faults';
import type { ApiRequest, Outcome, User } from './graph-api';
import type { Caller } from './graph-auth';
import { badRequest, graphError, ok, type GraphResponse, type RequestIds } from './graph-errors';
import type { Settings } from './options';

/** An app in the tenant's Teams app catalog (published by the organisation). */
export interface TeamsApp {
  /** The catalog id (`teamsApp.id`), what `TEAMS_APP_CATALOG_ID` names. */
  id: string;
  externalId: string;
  displayName: string;
  /** The bot's app id: a personal chat with the bot is `19:{userId}_{botId}@unq.gbl.spaces`. */
  botId: string;
}

/** One installation of a catalog app in a user's personal scope, as the double keeps it. */
export interface Installation {
  id: string;
  userId: string;
  upn: string;
  catalogId: string;
  chatId: string;
}

export interface TeamworkDeps {
  users: User[];
  teamsApps: TeamsApp[];
  settings: () => Settings;
  tally: Tally;
  graphUrl: () => string;
}

/** Application permissions that read users with their `mail` and `userType` (User.ReadBasic.All has no userType). */
const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const INSTALL_WRITE = ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'];
const INSTALL_READ = [...INSTALL_WRITE, 'TeamsAppInstallation.ReadSelfForUser.All', 'TeamsAppInstallation.ReadForUser.All'];

type Path =
  | { kind: 'users' }
  | { kind: 'user'; user: string }
  | { kind: 'installedApps'; user: string }
  | { kind: 'installation'; user: string; installation: string; chat: boolean };

/** `/users`, `/users/{id}` and `/users/{id}/teamwork/installedApps[/{id}[/chat]]`; null for anything else (events). */
export function teamworkPath(url: string): Path | null {
  let segments: string[];
  try {
    segments = url.split('?')[0]!.replace(/^\//, '').split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const [users, user, teamwork, installedApps, installation, chat, ...more] = segments;
  if (users?.toLowerCase() !== 'users' || more.length > 0) return null;
  if (user === undefined || user === '') return { kind: 'users' };
  if (teamwork === undefined) return { kind: 'user', user };
  if (teamwork.toLowerCase() !== 'teamwork' || installedApps?.toLowerCase() !== 'installedapps') return null;
  if (installation === undefined) return { kind: 'installedApps', user };
  if (chat !== undefined && chat.toLowerCase() !== 'chat') return null;
  return { kind: 'installation', user, installation, chat: chat !== undefined };
}

/** An OData string literal, quotes doubled inside. */
const LITERAL = "'((?:[^']|'')*)'";
const unquote = (text: string) => text.replaceAll("''", "'");

/**
 * Users (members and guests) and the Teams apps installed in their personal scope: what the product
 * uses to reach a participant through the bot. Modelled on "Get user", "List users" (`$filter` on
 * `mail`), "Install app for user", "List apps installed for user" (`$expand=teamsApp`, `$filter` on
 * `teamsApp/id`) and "Get chat between user and teamsApp". Where Microsoft documents no error, the
 * double chooses: 409 `Conflict` for an app installed already, 403 `Forbidden` for a user whom a
 * policy or a missing Teams licence keeps from the app, 404 `NotFound` for an app not in the catalog.
 */
export class TeamworkApi {
  private readonly installed = new Map<string, Installation>();

  constructor(private readonly deps: TeamworkDeps) {}

  installations(): Installation[] {
    return [...this.installed.values()].map((i) => ({ ...i }));
  }

  execute(path: Path, request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const method = request.method.toUpperCase();
    const allowed = path.kind === 'installedApps' ? ['GET', 'POST'] : ['GET'];
    if (!allowed.includes(method)) return answer(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    const needed = path.kind === 'users' || path.kind === 'user' ? USER_READ : method === 'POST' ? INSTALL_WRITE : INSTALL_READ;
    if (!caller.roles.some((role) => needed.includes(role))) return answer(this.missingRoles(path, needed, caller, ids));
    const fault = itemFaultAnswer(this.deps.settings(), this.deps.tally, 'directory', faultKey, ids);
    if (fault) return answer(fault);
    const params = new URLSearchParams(request.url.split('?')[1] ?? '');
    if (path.kind === 'users') return answer(this.list(params, ids));
    const user = this.user(path.user);
    if (!user) return answer(notFound(path.user, ids));
    if (path.kind === 'user') return answer(ok(200, { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#users/$entity`, ...selected(userView(user), params) }));
    if (path.kind === 'installedApps' && method === 'POST') return this.install(user, request.body, ids);
    if (path.kind === 'installedApps') return answer(this.installedApps(user, params, ids));
    const installation = this.installed.get(path.installation);
    if (!installation || installation.userId !== user.id) return answer(graphError(404, 'NotFound', `The installation '${path.installation}' was not found for the user.`, ids));
    if (!path.chat) return answer(ok(200, this.installationView(installation, false)));
    const now = new Date().toISOString();
    return answer(ok(200, {
      '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#chats/$entity`,
      id: installation.chatId,
      topic: null,
      createdDateTime: now,
      lastUpdatedDateTime: now,
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(installation.chatId)}/0`,
      tenantId: null,
    }));
  }

  private user(idOrUpn: string): User | undefined {
    const wanted = idOrUpn.toLowerCase();
    return this.deps.users.find((u) => u.id.toLowerCase() === wanted || u.upn.toLowerCase() === wanted);
  }

  /** `$filter=mail eq '…'` (case-insensitive, as the directory compares) and `$select`; nothing else is modelled. */
  private list(params: URLSearchParams, ids: RequestIds): GraphResponse {
    const filter = params.get('$filter');
    const match = filter === null ? null : new RegExp(`^\\s*mail\\s+eq\\s+${LITERAL}\\s*$`, 'i').exec(filter);
    if (filter !== null && !match) return badRequest(`Unsupported query filter: '${filter}'.`, ids);
    const wanted = match ? unquote(match[1]!).toLowerCase() : null;
    const value = this.deps.users.filter((u) => wanted === null || u.mail?.toLowerCase() === wanted).map((u) => selected(userView(u), params));
    return ok(200, { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#users`, value });
  }

  private install(user: User, body: unknown, ids: RequestIds): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const bind = (body as Record<string, unknown> | null)?.['teamsApp@odata.bind'];
    const bound = typeof bind === 'string' ? /^(https:\/\/[^/]+)\/(?:v1\.0|beta)\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind) : null;
    if (!bound) return answer(badRequest("The request body must bind 'teamsApp@odata.bind' to {graph}/v1.0/appCatalogs/teamsApps/{id}.", ids));
    if (bound[1] !== this.deps.graphUrl() && bound[1] !== 'https://graph.microsoft.com') return answer(badRequest(`Invalid binding host '${bound[1]}'.`, ids));
    const catalogId = decodeURIComponent(bound[2]!);
    const app = this.deps.teamsApps.find((a) => a.id.toLowerCase() === catalogId.toLowerCase());
    if (!app) return answer(graphError(404, 'NotFound', `The Teams app '${catalogId}' was not found in the app catalog.`, ids));
    if (user.installBlocked !== null) {
      this.deps.tally.installsRefused++;
      const message =
        user.installBlocked === 'policy'
          ? "The app is blocked for the user by the tenant's app permission policy."
          : 'The user does not have a license that includes Microsoft Teams.';
      return answer(graphError(403, 'Forbidden', message, ids));
    }
    const id = installationId(user.id, app.id);
    if (this.installed.has(id)) {
      this.deps.tally.installConflicts++;
      return answer(graphError(409, 'Conflict', 'The app is already installed for this user.', ids));
    }
    this.installed.set(id, { id, userId: user.id, upn: user.upn, catalogId: app.id, chatId: `19:${user.id}_${app.botId}@unq.gbl.spaces` });
    this.deps.tally.appsInstalled++;
    return answer(ok(201), true);
  }

  /** `$expand=teamsApp` and `$filter=teamsApp/id eq '…'`, the way the docs list one app's installation. */
  private installedApps(user: User, params: URLSearchParams, ids: RequestIds): GraphResponse {
    for (const key of params.keys()) {
      if (key.startsWith('$') && !['$expand', '$filter'].includes(key)) return badRequest(`Query option '${key}' is not supported here.`, ids);
    }
    const expand = (params.get('$expand') ?? '').split(',').map((s) => s.trim().toLowerCase());
    const filter = params.get('$filter');
    const match = filter === null ? null : new RegExp(`^\\s*teamsApp/id\\s+eq\\s+${LITERAL}\\s*$`, 'i').exec(filter);
    if (filter !== null && !match) return badRequest(`Unsupported query filter: '${filter}'.`, ids);
    const wanted = match ? unquote(match[1]!).toLowerCase() : null;
    const value = [...this.installed.values()]
      .filter((i) => i.userId === user.id && (wanted === null || i.catalogId.toLowerCase() === wanted))
      .map((i) => this.installationView(i, expand.includes('teamsapp')));
    return ok(200, { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#users('${user.id}')/teamwork/installedApps`, value });
  }

  private installationView(installation: Installation, expand: boolean): Record<string, unknown> {
    const app = this.deps.teamsApps.find((a) => a.id === installation.catalogId)!;
    return {
      id: installation.id,
      ...(expand ? { teamsApp: { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: 'organization' } } : {}),
    };
  }

  private missingRoles(path: Path, needed: string[], caller: Caller, ids: RequestIds): GraphResponse {
    if (path.kind === 'users' || path.kind === 'user') return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', ids);
    return graphError(403, 'Forbidden', `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${caller.roles.join(', ')}'.`, ids);
  }
}

/** As Teams writes them: the user's and the app's ids, base64. */
function installationId(userId: string, catalogId: string): string {
  return Buffer.from(`${userId}##${catalogId}`).toString('base64');
}

function userView(user: User): Record<string, unknown> {
  return { id: user.id, displayName: user.displayName, userPrincipalName: user.upn, mail: user.mail, userType: user.userType };
}

/** `$select`, else Graph's default set of user properties (here all the double knows). */
function selected(view: Record<string, unknown>, params: URLSearchParams): Record<string, unknown> {
  const select = params.get('$select');
  if (select === null) return view;
  const names = select.split(',').map((s) => s.trim().toLowerCase());
  return Object.fromEntries(Object.entries(view).filter(([key]) => names.includes(key.toLowerCase())));
}

/** What Entra ID answers for a user id or principal name it does not know. */
function notFound(id: string, ids: RequestIds): GraphResponse {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, ids);
}

export function defaultTeamsApp(): TeamsApp {
  return { id: randomUUID(), externalId: randomUUID(), displayName: 'Gruppeforløb', botId: randomUUID() };
}
