import { z } from 'zod';
import type { EventRecord } from './event-store';

/** An app registration in the double's tenant: how it proves itself, and what Graph lets it do. */
export interface AppRegistration {
  clientId: string;
  /** A client secret the app may present; none means secrets are refused. */
  secret?: string;
  /** PEM certificates whose private key may sign the app's client assertion. */
  certificates?: string[];
  /** Application permissions granted (the token's `roles`), e.g. `Calendars.ReadWrite`. */
  roles: string[];
}

/** A user the double knows, addressed by object id or userPrincipalName (case-insensitive). */
export interface MailboxOptions {
  upn: string;
  /** Entra object id; a random GUID when left out. */
  id?: string;
  displayName?: string;
  /**
   * False: the user has no Teams licence, so, like Graph, an event asked to be a Teams meeting is
   * created as a plain event, with no join URL and no error.
   */
  teams?: boolean;
  /** 'noMailbox': a user without an Exchange Online mailbox (404 MailboxNotEnabledForRESTAPI). */
  kind?: 'user' | 'noMailbox';
  /** An application access policy keeps the app out of this mailbox (403 ErrorAccessDenied). */
  accessPolicyDenied?: boolean;
  /** The user's `mail`; the upn when left out. A guest's is the address they were invited with. */
  mail?: string | null;
  /** 'Guest': invited from another organisation; 'Member' when left out. */
  userType?: 'Member' | 'Guest';
  /** Teams refuses to install apps for this user (403 Forbidden): an app permission policy, or no Teams licence. */
  installBlocked?: 'policy' | 'licence';
}

/** An app in the Teams app catalog; its `id` is what TEAMS_APP_CATALOG_ID names. */
export interface TeamsAppOptions {
  id: string;
  externalId?: string;
  displayName?: string;
  botId?: string;
}

/** A team of the organisation (its group id) and its roster, for the cohort team. */
export interface TeamOptions {
  id: string;
  displayName?: string;
  /** What "List teams" shows beside the name; empty when left out. */
  description?: string;
  /** `roles` `[]` for a member, `['owner']`, `['guest']`; `email` null for a member without one. */
  members: { userId: string; email?: string | null; displayName?: string; roles?: string[] }[];
}

const rate = z.number().min(0).max(1);

/** Per request, drawn independently for every batch item (and every request outside a batch). */
const itemFaultsSchema = z.strictObject({
  /** Share answered 429 with Retry-After. */
  throttleRate: rate.optional(),
  /** Share answered 503 with Retry-After. */
  unavailableRate: rate.optional(),
});

/**
 * What can happen to a whole call (a `$batch` or a request outside one) before Graph answers:
 * - `unavailable`: 503, nothing applied;
 * - `timeout`: 504 from the gateway after the mailbox applied everything: the answers are lost;
 * - `hang`: accepted and never answered, nothing applied;
 * - `reset`: the connection is destroyed on arrival, nothing applied;
 * - `lost`: everything applied, then the connection is destroyed instead of answering.
 */
export const callFaultSchema = z.enum(['unavailable', 'timeout', 'hang', 'reset', 'lost']);
export type CallFault = z.infer<typeof callFaultSchema>;

export const faultConfigSchema = z.strictObject({
  /** Faults are drawn from this seed and each call's and item's arrival number, so a run repeats. */
  seed: z.number().int().optional(),
  /** How long each request takes in the mailbox; a batch runs at most 4 at a time, as Outlook does. */
  latencyMs: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  ...itemFaultsSchema.shape,
  /** Shares of calls meeting each fault; together at most 1. */
  callFaultRates: z.partialRecord(callFaultSchema, rate).optional(),
  /** Faults for the next calls, in arrival order, before any rate is drawn: for a test that wants one exactly. */
  nextCalls: z.array(callFaultSchema).optional(),
  /**
   * Faults for the next calls whose `METHOD /path` (path under /v1.0, query included) matches `match`
   * (a regular expression), each used once, before `nextCalls`: for a test that wants one particular request to meet one.
   */
  nextCallsFor: z.array(z.strictObject({ match: z.string(), fault: callFaultSchema })).optional(),
  /** Item faults of particular mailboxes (by upn), in place of the global ones. */
  mailboxes: z.record(z.string(), itemFaultsSchema).optional(),
  /** Concurrent requests Outlook allows one app in one mailbox; more are answered 429. */
  mailboxConcurrency: z.number().int().min(1).optional(),
  /** Largest page of a listing (and the page when `$top` is absent). */
  pageSize: z.number().int().min(1).optional(),
  /** Lifetime of the access tokens issued from now on. */
  tokenLifetimeSeconds: z.number().int().min(1).optional(),
  /**
   * How long a team made by "Create team" stays `inProgress`: its operation succeeds once it has been
   * read `polls` times, or `ms` after the create, whichever comes first; until then the team is not found.
   */
  teamProvisioning: z.strictObject({ polls: z.number().int().min(0), ms: z.number().int().min(0) }).optional(),
}).refine((config) => Object.values(config.callFaultRates ?? {}).reduce((sum, r) => sum + r, 0) <= 1, { message: 'callFaultRates add up to more than 1', path: ['callFaultRates'] });
/** Everything `configure()` and `POST /_double/config` can change while the double runs. */
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type Settings = Required<Omit<FaultConfig, 'callFaultRates' | 'mailboxes' | 'nextCalls' | 'nextCallsFor'>> &
  Pick<Required<FaultConfig>, 'callFaultRates' | 'mailboxes' | 'nextCalls' | 'nextCallsFor'>;

export const DEFAULT_SETTINGS: Settings = {
  seed: 1,
  latencyMs: 0,
  retryAfterSeconds: 1,
  throttleRate: 0,
  unavailableRate: 0,
  callFaultRates: {},
  nextCalls: [],
  nextCallsFor: [],
  mailboxes: {},
  // "Limits per app ID and mailbox combination" in Microsoft Graph service-specific throttling limits.
  mailboxConcurrency: 4,
  pageSize: 10,
  // What Entra ID answers as `expires_in` for an app token ("client credentials flow").
  tokenLifetimeSeconds: 3599,
  // Real teams take from seconds to minutes; one poll (or ten seconds) keeps tests quick.
  teamProvisioning: { polls: 1, ms: 10_000 },
};

export interface GraphDoubleOptions extends FaultConfig {
  /** Tenant id (GUID); random when left out. */
  tenantId?: string;
  /** A verified domain of the tenant, accepted in authority URLs like the id. */
  tenantDomain?: string;
  /**
   * App registrations; one with a random id and secret when left out, with Calendars.ReadWrite,
   * User.Read.All, TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteSelfForTeam.All,
   * TeamMember.Read.All, Team.Create, Team.ReadBasic.All, Mail.ReadWrite and Mail.Send.
   */
  apps?: AppRegistration[];
  /** The users whose mailboxes Graph serves; one, `organizer@{tenantDomain}`, when left out. */
  users?: MailboxOptions[];
  /**
   * The organisation's Teams app catalog; the first app's id goes in `env()` as TEAMS_APP_CATALOG_ID.
   * Left out: one app with a random id, not in `env()`.
   */
  teamsApps?: TeamsAppOptions[];
  /** The organisation's teams, with their members; none when left out ("Create team" adds more). */
  teams?: TeamOptions[];
  /**
   * The key `counts().liveDuplicates` groups live events by; by default mailbox, categories and
   * subject, which stay the same when a meeting moves.
   */
  bookingKeyOf?: (event: EventRecord) => string;
}

/** The settings with a configuration's fault keys laid over them; other keys (tenant, users …) are ignored. */
export function applyConfig(settings: Settings, config: FaultConfig): Settings {
  const known = Object.keys(faultConfigSchema.shape);
  const picked = Object.fromEntries(Object.entries(config).filter(([key, value]) => known.includes(key) && value !== undefined));
  return { ...settings, ...faultConfigSchema.parse(picked) };
}
