import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { emptyTally, InFlight, type Counts } from './counts';
import { EntraDouble } from './entra';
import type { ResponseType } from './event-input';
import { EventStore, type EventRecord, type Notification } from './event-store';
import { GraphApi, type User } from './graph-api';
import { GraphServer } from './graph-server';
import { applyConfig, DEFAULT_SETTINGS, type AppRegistration, type FaultConfig, type GraphDoubleOptions, type Settings, type TeamOptions } from './options';
import { rawRequest } from './raw-client';
import { defaultTeamsApp, type Installation, type TeamsApp } from './teamwork-api';
import { makeTlsMaterial, type TlsMaterial } from './tls';

export type { AppRegistration, CallFault, FaultConfig, GraphDoubleOptions, MailboxOptions, Settings, TeamOptions, TeamsAppOptions } from './options';
export type { Team, TeamInstallation, TeamMember } from './teams-api';
import type { Team, TeamInstallation } from './teams-api';
export type { CreatedTeam } from './team-create-api';
import type { CreatedTeam } from './team-create-api';
export type { Installation, TeamsApp } from './teamwork-api';
export type { DeliveredMail, MailMessage } from './mail-api';
import type { DeliveredMail, MailMessage } from './mail-api';
export type { BusyBlockOptions, ScheduleLookup } from './schedule-api';
import type { BusyBlockOptions, ScheduleLookup } from './schedule-api';
export type { FreeBusy } from './schedule-view';
export type { Counts } from './counts';
export type { EventRecord, Notification } from './event-store';
export type { Attendee, ResponseType } from './event-input';
export { rawRequest, type RawResponse } from './raw-client';

const memberOf = (m: TeamOptions['members'][number]) => ({ userId: m.userId, email: m.email ?? null, displayName: m.displayName ?? m.userId, roles: m.roles ?? [] });

function teamsOf(options: GraphDoubleOptions): Team[] {
  return (options.teams ?? []).map((t) => ({ id: t.id, displayName: t.displayName ?? t.id, description: t.description ?? '', members: t.members.map(memberOf), creation: null }));
}

const defaultBookingKey = (e: EventRecord) => `${e.mailbox.toLowerCase()}|${[...e.categories].sort().join(',')}|${e.subject ?? ''}`;

/**
 * Microsoft Graph (users' calendar events, JSON `$batch`) and the Entra ID token endpoint, over
 * HTTPS with a throw-away certificate, on two loopback ports: a login host and a Graph host, as in
 * the cloud. See README.md beside this file for what it models and where Microsoft documents it.
 */
export class GraphDouble {
  readonly tenantId: string;
  /** The first app registration: the one `env()` and `token()` use. */
  readonly app: AppRegistration;
  private readonly tally = emptyTally();
  private readonly inFlight = new InFlight(this.tally);
  private readonly store = new EventStore(this.tally);
  /** The organisation's teams, those given and those created, shared with the Graph API. */
  private readonly teams: Team[];
  private readonly api: GraphApi;
  private readonly entra: EntraDouble;
  private readonly graph: GraphServer;
  private current: Settings;

  private constructor(
    private readonly options: GraphDoubleOptions,
    private readonly tls: TlsMaterial,
    private readonly users: User[],
    private readonly apps: AppRegistration[],
    private readonly login: Server,
    private readonly graphServer: Server,
    private readonly teamsApps: TeamsApp[],
  ) {
    this.tenantId = options.tenantId ?? randomUUID();
    this.app = apps[0]!;
    this.teams = teamsOf(options);
    this.current = applyConfig(structuredClone(DEFAULT_SETTINGS), options);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.entra = new EntraDouble({
      tenantId: this.tenantId,
      tenantDomain: options.tenantDomain,
      apps,
      loginUrl: () => this.loginUrl,
      graphUrl: () => this.graphUrl,
      signingKey: privateKey,
      kid: randomBytes(20).toString('base64url'),
      tokenLifetimeSeconds: () => this.current.tokenLifetimeSeconds,
      tally: this.tally,
    });
    this.api = new GraphApi({ store: this.store, users, settings: () => this.current, tally: this.tally, inFlight: this.inFlight, graphUrl: () => this.graphUrl, teamsApps, teams: this.teams });
    this.graph = new GraphServer({
      api: this.api,
      token: () => ({ key: privateKey, issuer: this.entra.issuer, audience: this.graphUrl, tenantId: this.tenantId }),
      settings: () => this.current,
      tally: this.tally,
      inFlight: this.inFlight,
      control: { counts: () => this.counts(), events: () => this.events(), configure: (config) => this.configure(config) },
    });
  }

  static async start(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
    const tls = await makeTlsMaterial();
    const domain = options.tenantDomain ?? 'tenant.example';
    const users: User[] = (options.users ?? [{ upn: `organizer@${domain}`, displayName: 'Organizer' }]).map((u) => ({
      id: u.id ?? randomUUID(),
      upn: u.upn,
      displayName: u.displayName ?? u.upn,
      teams: u.teams !== false,
      kind: u.kind ?? 'user',
      accessPolicyDenied: u.accessPolicyDenied === true,
      mail: u.mail === undefined ? u.upn : u.mail,
      userType: u.userType ?? 'Member',
      installBlocked: u.installBlocked ?? null,
    }));
    const roles = [
      'Calendars.ReadWrite', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteSelfForTeam.All',
      'TeamMember.Read.All', 'Team.Create', 'Team.ReadBasic.All', 'Mail.ReadWrite', 'Mail.Send',
    ];
    const apps = options.apps ?? [{ clientId: randomUUID(), secret: randomBytes(30).toString('base64url'), roles }];
    const teamsApps = (options.teamsApps ?? [defaultTeamsApp()]).map((a) => ({ ...defaultTeamsApp(), ...a }));
    const login = createServer({ key: tls.key, cert: tls.cert });
    const graph = createServer({ key: tls.key, cert: tls.cert });
    const double = new GraphDouble(options, tls, users, apps, login, graph, teamsApps);
    login.on('request', (req, res) => void readThen(req, res, (text) => double.entra.handle(req, text, res)));
    graph.on('request', (req, res) => void readThen(req, res, (text) => double.graph.handle(req, text, res)));
    await Promise.all([login, graph].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))));
    return double;
  }

  /** Origin of the login host: `AAD_APP_OAUTH_AUTHORITY_HOST`. */
  get loginUrl(): string {
    return `https://127.0.0.1:${(this.login.address() as AddressInfo).port}`;
  }

  /** The authority msal-node is given: `{loginUrl}/{tenantId}`. */
  get authority(): string {
    return `${this.loginUrl}/${this.tenantId}`;
  }

  /** What msal-node's `knownAuthorities` must hold for this authority: host and port. */
  get knownAuthority(): string {
    return new URL(this.loginUrl).host;
  }

  /** Origin of Graph: `GRAPH_ENDPOINT`; its host is the Graph client's custom host. */
  get graphUrl(): string {
    return `https://127.0.0.1:${(this.graphServer.address() as AddressInfo).port}`;
  }

  /** The scope a client credentials request must ask for. */
  get scope(): string {
    return `${this.graphUrl}/.default`;
  }

  /** The certificate (PEM) to trust; `caFile` holds the same for NODE_EXTRA_CA_CERTS. */
  get ca(): string {
    return this.tls.cert;
  }

  get caFile(): string {
    return this.tls.caFile;
  }

  /** The mailboxes' userPrincipalNames, in the order given. */
  get mailboxes(): string[] {
    return this.users.map((u) => u.upn);
  }

  /** Environment for a child process of the product: the Teams Toolkit names, the Graph endpoint, the CA. */
  env(): Record<string, string> {
    return {
      AAD_APP_TENANT_ID: this.tenantId,
      AAD_APP_CLIENT_ID: this.app.clientId,
      ...(this.app.secret === undefined ? {} : { AAD_APP_CLIENT_SECRET: this.app.secret }),
      AAD_APP_OAUTH_AUTHORITY_HOST: this.loginUrl,
      GRAPH_ENDPOINT: this.graphUrl,
      ORGANIZER_MAILBOX: this.users[0]?.upn ?? '',
      NODE_EXTRA_CA_CERTS: this.caFile,
      ...(this.options.teamsApps?.[0] === undefined ? {} : { TEAMS_APP_CATALOG_ID: this.options.teamsApps[0].id }),
      // A tenant needs a link secret; any 32 characters will do for a test.
      LINK_SECRET: 'graph-double-link-secret-0123456789abcdef',
    };
  }

  /** An access token for the first app, fetched from the token endpoint like a client would (and counted). */
  async token(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.app.clientId, client_secret: this.app.secret ?? '', scope: this.scope });
    const res = await rawRequest(`${this.authority}/oauth2/v2.0/token`, this.ca, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${res.text}`);
    return (res.json as { access_token: string }).access_token;
  }

  counts(): Counts {
    const events = this.store.all();
    const live = events.filter((e) => !e.deleted && !e.isCancelled);
    const keyOf = this.options.bookingKeyOf ?? defaultBookingKey;
    const tallyBy = (key: (e: EventRecord) => string | null) => {
      const seen = new Map<string, number>();
      for (const e of live) {
        const k = key(e);
        if (k !== null) seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      return [...seen].filter(([, n]) => n > 1);
    };
    return {
      ...this.tally,
      liveEvents: live.length,
      liveDuplicates: Object.fromEntries(tallyBy(keyOf)),
      duplicateTransactionIds: tallyBy((e) => (e.transactionId === null ? null : `${e.mailbox.toLowerCase()}|${e.transactionId}`)).length,
      perMailbox: Object.fromEntries(this.inFlight.peaks),
      unservedLoginRequests: [...this.entra.unserved],
    };
  }

  /** Every event ever created, cancelled and deleted ones too, so a test can count per booking itself. */
  events(): EventRecord[] {
    return this.store.all();
  }

  /** The Teams apps installed in users' personal scope, in the order installed. */
  installations(): Installation[] {
    return this.api.teamwork.installations();
  }

  /** The Teams apps installed in teams, in the order installed. */
  teamInstallations(): TeamInstallation[] {
    return this.api.teams.installations();
  }

  /** Installs in teams answered 409: the app was there already. */
  get teamInstallConflicts(): number {
    return this.api.teams.conflicts;
  }

  /** Teams made through "Create team", in the order created, with where their creation stands. */
  createdTeams(): CreatedTeam[] {
    return this.api.teamCreation.created();
  }

  /** Someone joins a team in Teams (its owner adds them, say): what Team.Create alone does not let the product do. */
  addTeamMember(teamId: string, member: TeamOptions['members'][number]): void {
    const team = this.teams.find((t) => t.id === teamId);
    if (!team) throw new Error(`no team ${teamId}`);
    team.members.push(memberOf(member));
  }

  /** The catalog's apps; the first is the one `env()` names. */
  get catalog(): TeamsApp[] {
    return this.teamsApps.map((a) => ({ ...a }));
  }

  /** Mails sent through "message: send", one per recipient, in the order sent. */
  mailsDelivered(): DeliveredMail[] {
    return this.api.mail.deliveries();
  }

  /** Every message in the mailboxes, drafts and sent ones. */
  messages(): MailMessage[] {
    return this.api.mail.all();
  }

  /** Invitations, updates and cancellations Outlook would have sent, in order. */
  notifications(): Notification[] {
    return this.store.sent.map((n) => ({ ...n }));
  }

  /** An attendee answers the invitation, as if from Outlook. */
  respond(mailbox: string, eventId: string, address: string, response: ResponseType): void {
    const user = this.api.user(mailbox);
    const event = user && this.store.find(user, eventId);
    if (!event) throw new Error(`no event ${eventId} in ${mailbox}`);
    this.store.respond(event, address, response);
  }

  /** Puts a busy block straight into a user's calendar, as getSchedule will report it; returns its id. */
  busy(upn: string, block: BusyBlockOptions): string {
    return this.api.schedules.block(upn, block);
  }

  /** Takes a busy block out again, as if its appointment were deleted. */
  unblock(id: string): void {
    this.api.schedules.unblock(id);
  }

  /** Every getSchedule request, in arrival order, with the status it was answered. */
  scheduleLookups(): ScheduleLookup[] {
    return this.api.schedules.lookups();
  }

  /** Changes faults, latency, limits or token lifetime from now on; returns the settings in force. */
  configure(config: FaultConfig): Settings {
    this.current = applyConfig(this.current, structuredClone(config));
    return structuredClone(this.current);
  }

  settings(): Settings {
    return structuredClone(this.current);
  }

  async close(): Promise<void> {
    // Hung calls would otherwise keep their connections, and close() waiting, forever.
    for (const server of [this.login, this.graphServer]) server.closeAllConnections();
    await Promise.all([this.login, this.graphServer].map((server) => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done())))));
    this.tls.remove();
  }
}

async function readThen(req: IncomingMessage, res: ServerResponse, handle: (text: string) => void | Promise<void>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    await handle(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    // A bug in the double must fail the test that met it loudly, not hang it.
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`graph double: ${(error as Error).stack ?? String(error)}`);
  }
}
