import type { TenantMode } from '../config/config';
import type { Sender } from '../outbox/sender';
import { readClientCertificate } from './certificate';
import { GraphEventResponses } from './event-responses';
import { GraphEventSender } from './event-sender';
import { createGraphClient } from './graph-client';
import { GraphTokens, type ClientCredential } from './graph-tokens';
import { GraphInstallSender } from './install-sender';
import { GraphMailSender } from './mail-sender';
import { GraphScheduleReader } from './schedule-reader';
import { GraphTeamCreateSender } from './team-create-sender';
import { GraphTeamInstallSender } from './team-install-sender';

function credentialOf(mode: TenantMode): ClientCredential {
  if (mode.clientCertificatePath !== null) return { kind: 'certificate', certificate: readClientCertificate(mode.clientCertificatePath) };
  if (mode.clientSecret !== null) return { kind: 'secret', secret: mode.clientSecret };
  throw new Error('tenant mode without a client secret or certificate: loadConfig lets none through');
}

/**
 * The Graph client of a tenant's configuration and its tokens. Reads the certificate file, if that
 * is the credential, and fails with a ConfigError naming AAD_APP_CERTIFICATE_PATH when it is
 * unusable; nothing reaches the network until the first call.
 */
function graphConnection(mode: TenantMode) {
  const tokens = new GraphTokens({
    tenantId: mode.tenantId,
    clientId: mode.clientId,
    credential: credentialOf(mode),
    authorityHost: mode.authorityHost,
    graphEndpoint: mode.graphEndpoint,
  });
  return { client: createGraphClient({ endpoint: mode.graphEndpoint, auth: tokens }), tokens };
}

export interface TenantGraph {
  sender: GraphEventSender;
  /** Reads attendees' answers back from the organisers' calendars. */
  responses: GraphEventResponses;
  /** Reads the advisors' free/busy time ahead of slot booking. */
  schedules: GraphScheduleReader;
  /** Installs the app for participants; null without TEAMS_APP_CATALOG_ID, which installs it for nobody. */
  installs: GraphInstallSender | null;
  /** Installs the app in cohorts' teams and reads their rosters; null without TEAMS_APP_CATALOG_ID. */
  teamInstalls: GraphTeamInstallSender | null;
  /** Creates cohorts' teams (application permission Team.Create). */
  teamCreates: GraphTeamCreateSender;
  /** Sends mails (RSVP links for people without Teams) from the organiser's mailbox. */
  mails: GraphMailSender;
}

/**
 * Everything that talks to Graph for one tenant, on one connection: one certificate read, one token
 * cache, and a token refreshed after a 401 is the one every caller uses next.
 */
export function connectTenant(mode: TenantMode): TenantGraph {
  const connection = graphConnection(mode);
  const catalog = mode.teamsAppCatalogId === null ? null : { ...connection, graphEndpoint: mode.graphEndpoint, catalogId: mode.teamsAppCatalogId };
  const installs = catalog === null ? null : new GraphInstallSender(catalog);
  const teamInstalls = catalog === null ? null : new GraphTeamInstallSender(catalog);
  const teamCreates = new GraphTeamCreateSender({ ...connection, graphEndpoint: mode.graphEndpoint });
  return { sender: new GraphEventSender(connection), responses: new GraphEventResponses(connection), schedules: new GraphScheduleReader(connection), installs, teamInstalls, teamCreates, mails: new GraphMailSender(connection) };
}

/**
 * What a tenant delivers with: Outlook events, mails and created teams always, installations
 * (personal and in teams) when the catalog id is configured.
 */
export function sendersOf(graph: TenantGraph): Sender[] {
  const installs = [graph.installs, graph.teamInstalls].filter((s): s is GraphInstallSender | GraphTeamInstallSender => s !== null);
  return [graph.sender, graph.mails, graph.teamCreates, ...installs];
}
