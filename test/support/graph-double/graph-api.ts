import type { InFlight, Tally } from './counts';
import { checkEventBody } from './event-schema';
import type { EventStore, Mailbox } from './event-store';
import { eventView, preferredZone, selected, type OutputZone } from './event-view';
import { itemFaultAnswer } from './faults';
import { accessDenied, blockedByPolicy, permits, type Caller } from './graph-auth';
import { badRequest, graphError, itemNotFound, ok, requestBodyRead, type GraphResponse, type RequestIds } from './graph-errors';
import { parseQuery, valueAt } from './odata-query';
import type { Settings } from './options';
import { MailApi, mailPath } from './mail-api';
import { ScheduleApi, schedulePath } from './schedule-api';
import { TeamCreateApi } from './team-create-api';
import { TeamsApi, type Team } from './teams-api';
import { teamsPath } from './teams-path';
import { TeamworkApi, teamworkPath, type TeamsApp } from './teamwork-api';

/** One request to Graph, from outside a batch or inside one: `url` is relative to /v1.0. */
export interface ApiRequest {
  method: string;
  url: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface Outcome {
  response: GraphResponse;
  /** The request changed a mailbox: its answer matters if it is lost. */
  wrote: boolean;
}

/** A user the double knows, with what decides how Graph answers for their mailbox. */
export interface User extends Mailbox {
  kind: 'user' | 'noMailbox';
  accessPolicyDenied: boolean;
  /** What `$filter=mail eq …` finds: a member's address, or the one a guest was invited with. */
  mail: string | null;
  userType: 'Member' | 'Guest';
  /** Teams refuses to install apps for this user (403). */
  installBlocked: 'policy' | 'licence' | null;
}

export interface ApiDeps {
  store: EventStore;
  users: User[];
  settings: () => Settings;
  tally: Tally;
  inFlight: InFlight;
  graphUrl: () => string;
  teamsApps: TeamsApp[];
  /** The organisation's teams, with their members (teams-api.ts). */
  teams: Team[];
}

type Route = { mailbox: string; eventId: string | null; action: 'cancel' | null };

/** `/users/{id | userPrincipalName}[/calendar]/events[/{id}[/cancel]]`, or the segment Graph would not find. */
export function route(url: string): Route | { unknown: string } {
  let segments: string[];
  try {
    segments = url.split('?')[0]!.replace(/^\//, '').split('/').map((s) => decodeURIComponent(s));
  } catch {
    // A malformed escape: Graph cannot find such a segment either.
    return { unknown: url };
  }
  const [users, mailbox, ...rest] = segments;
  if (users?.toLowerCase() !== 'users' || !mailbox) return { unknown: users ?? '' };
  if (rest[0]?.toLowerCase() === 'calendar') rest.shift();
  const [events, eventId, action, ...more] = rest;
  if (events?.toLowerCase() !== 'events') return { unknown: events ?? mailbox };
  if (action !== undefined && action.toLowerCase() !== 'cancel') return { unknown: action };
  if (more[0] !== undefined) return { unknown: more[0] };
  return { mailbox, eventId: eventId || null, action: action === undefined ? null : 'cancel' };
}

/** The mailbox a request is for, when its URL names one: what concurrency is counted by. */
export function mailboxOf(url: string): string | null {
  const r = route(url);
  return 'mailbox' in r ? r.mailbox.toLowerCase() : null;
}

export class GraphApi {
  /** Users and the Teams apps installed for them (teamwork-api.ts). */
  readonly teamwork: TeamworkApi;
  /** Drafts, sending and the mail folders (mail-api.ts). */
  readonly mail: MailApi;
  /** Teams, the app installed in them, and their members (teams-api.ts). */
  readonly teams: TeamsApi;
  /** Creating teams, their creation operations, reading and listing teams (team-create-api.ts). */
  readonly teamCreation: TeamCreateApi;
  /** Free/busy time: getSchedule, and busy blocks tests add (schedule-api.ts). */
  readonly schedules: ScheduleApi;

  constructor(private readonly deps: ApiDeps) {
    this.teamwork = new TeamworkApi(deps);
    this.teams = new TeamsApi(deps);
    this.teamCreation = new TeamCreateApi(deps);
    this.mail = new MailApi(deps);
    this.schedules = new ScheduleApi(deps);
  }

  /** Runs one request in its mailbox: concurrency limit, drawn faults, latency, then the operation. */
  async execute(request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Promise<Outcome> {
    const answer = (response: GraphResponse): Outcome => ({ response, wrote: false });
    const teamwork = teamworkPath(request.url);
    if (teamwork) return this.teamwork.execute(teamwork, request, caller, ids, faultKey);
    const teams = teamsPath(request.url);
    if (teams?.kind === 'installedApps' || teams?.kind === 'members') return this.teams.execute(teams, request, caller, ids);
    if (teams) return this.teamCreation.execute(teams, request, caller, ids, faultKey);
    const mail = mailPath(request.url);
    if (mail) return this.mail.execute(mail, request, caller, ids, faultKey);
    const schedule = schedulePath(request.url);
    if (schedule) return this.schedules.execute(schedule, request, caller, ids, faultKey);
    const r = route(request.url);
    if ('unknown' in r) return answer(badRequest(`Resource not found for the segment '${r.unknown}'.`, ids));
    const method = request.method.toUpperCase();
    const allowed = r.action ? ['POST'] : r.eventId ? ['GET', 'PATCH', 'DELETE'] : ['GET', 'POST'];
    if (!allowed.includes(method)) return answer(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    if (!permits(caller, method !== 'GET')) return answer(accessDenied(ids));
    const user = this.user(r.mailbox);
    if (!user) return answer(graphError(404, 'ErrorInvalidUser', `The requested user '${r.mailbox}' is invalid.`, ids));
    if (user.kind === 'noMailbox') return answer(graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.', ids));
    if (user.accessPolicyDenied) return answer(blockedByPolicy(ids));
    const settings = this.deps.settings();
    const key = user.upn.toLowerCase();
    const leave = this.deps.inFlight.enterRequest(key);
    try {
      const retryAfter = { 'Retry-After': String(settings.retryAfterSeconds) };
      if (this.deps.inFlight.requests(key) > settings.mailboxConcurrency) {
        this.deps.tally.throttled++;
        this.deps.tally.concurrencyThrottled++;
        return answer(graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', ids, retryAfter));
      }
      const fault = itemFaultAnswer(settings, this.deps.tally, key, faultKey, ids);
      if (fault) return answer(fault);
      if (settings.latencyMs > 0) await new Promise((done) => setTimeout(done, settings.latencyMs));
      return this.operate(method, r, user, request, ids);
    } finally {
      leave();
    }
  }

  /** By object id or userPrincipalName, as Graph finds users, case-insensitively. */
  user(idOrUpn: string): User | undefined {
    const wanted = idOrUpn.toLowerCase();
    return this.deps.users.find((u) => u.upn.toLowerCase() === wanted || u.id.toLowerCase() === wanted);
  }

  private operate(method: string, r: Route, mailbox: User, request: ApiRequest, ids: RequestIds): Outcome {
    const { store } = this.deps;
    const prefer = preferredZone(request.headers.prefer);
    const zone: OutputZone = prefer ? { kind: 'named', name: prefer } : { kind: 'named', name: 'UTC' };
    const writeZone: OutputZone = prefer ? zone : { kind: 'own' };
    const view = (event: Parameters<typeof eventView>[0], z: OutputZone) => eventView(event, mailbox, z, this.deps.graphUrl());
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    if (r.eventId === null && method === 'GET') return answer(this.list(mailbox, request, zone, ids));
    if (r.eventId === null) {
      const body = this.readBody(request.body, 'create', ids);
      if ('status' in body) return answer(body);
      const created = store.create(mailbox, body.value, ids);
      return 'status' in created ? answer(created) : answer(ok(201, view(created, writeZone)), true);
    }
    const event = store.find(mailbox, r.eventId);
    if (!event) return answer(itemNotFound(ids));
    if (r.action === 'cancel') {
      const comment = this.cancelComment(request.body, ids);
      if (typeof comment === 'object') return answer(comment);
      store.cancel(event, comment);
      return answer(ok(202), true);
    }
    if (method === 'GET') {
      const parsed = parseQuery(new URLSearchParams(request.url.split('?')[1] ?? ''));
      if (!parsed.ok) return answer(graphError(400, parsed.code, parsed.message, ids));
      return answer(ok(200, selected(view(event, zone), parsed.query.select)));
    }
    if (method === 'DELETE') {
      store.delete(event);
      return answer(ok(204), true);
    }
    const body = this.readBody(request.body, 'update', ids);
    if ('status' in body) return answer(body);
    const updated = store.update(mailbox, event, body.value, ids);
    return 'status' in updated ? answer(updated) : answer(ok(200, view(updated, writeZone)), true);
  }

  private readBody(body: unknown, mode: 'create' | 'update', ids: RequestIds): { value: Record<string, unknown> } | GraphResponse {
    if (body === undefined || body === null || body === '') return badRequest('Empty Payload. JSON content expected.', ids);
    const checked = checkEventBody(body, mode);
    return checked.ok ? { value: checked.value as Record<string, unknown> } : requestBodyRead(checked.message, ids);
  }

  /** "event: cancel" takes one optional parameter, `comment`. */
  private cancelComment(body: unknown, ids: RequestIds): string | undefined | GraphResponse {
    if (body === undefined || body === null) return undefined;
    if (typeof body !== 'object' || Array.isArray(body)) return requestBodyRead('The parameters of cancel must be a JSON object.', ids);
    let comment: string | undefined;
    for (const [name, value] of Object.entries(body)) {
      if (name.toLowerCase() !== 'comment') return requestBodyRead(`The parameter '${name}' in the request payload is not a valid parameter for the operation 'cancel'.`, ids);
      if (typeof value !== 'string' && value !== null) return requestBodyRead(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`, ids);
      comment = value ?? undefined;
    }
    return comment;
  }

  private list(mailbox: Mailbox, request: ApiRequest, zone: OutputZone, ids: RequestIds): GraphResponse {
    const params = new URLSearchParams(request.url.split('?')[1] ?? '');
    const parsed = parseQuery(params);
    if (!parsed.ok) return graphError(400, parsed.code, parsed.message, ids);
    const { filter, top, skip, select, orderBy } = parsed.query;
    const graphUrl = this.deps.graphUrl();
    // Filters compare times in UTC, whatever zone the answer is asked in.
    let events = this.deps.store.calendar(mailbox).filter((e) => filter === null || filter(eventView(e, mailbox, { kind: 'named', name: 'UTC' }, graphUrl)));
    if (orderBy) {
      const at = (e: (typeof events)[number]) => String(valueAt(eventView(e, mailbox, { kind: 'named', name: 'UTC' }, graphUrl), orderBy.path) ?? '');
      events = [...events].sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0) * (orderBy.descending ? -1 : 1));
    }
    const size = Math.min(top ?? Infinity, this.deps.settings().pageSize);
    const page = events.slice(skip, skip + size);
    const more = skip + page.length < events.length && (top === null || top > size);
    const value = page.map((e) => {
      const item = eventView(e, mailbox, zone, graphUrl);
      delete item['@odata.context'];
      return selected(item, select);
    });
    const body: Record<string, unknown> = { '@odata.context': `${graphUrl}/v1.0/$metadata#users('${encodeURIComponent(mailbox.upn)}')/events`, value };
    if (more) {
      const next = new URLSearchParams(params);
      next.set('$skip', String(skip + page.length));
      if (top !== null) next.set('$top', String(top - page.length));
      body['@odata.nextLink'] = `${graphUrl}/v1.0${request.url.split('?')[0]}?${next.toString().replaceAll('%24', '$')}`;
    }
    return ok(200, body);
  }
}
