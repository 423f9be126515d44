import type { TenantMode } from '../config/config';
import { readClientCertificate } from './certificate';
import { GraphEventSender } from './event-sender';
import { createGraphClient } from './graph-client';
import { GraphTokens, type ClientCredential } from './graph-tokens';

function credentialOf(mode: TenantMode): ClientCredential {
  if (mode.clientCertificatePath !== null) return { kind: 'certificate', certificate: readClientCertificate(mode.clientCertificatePath) };
  if (mode.clientSecret !== null) return { kind: 'secret', secret: mode.clientSecret };
  throw new Error('tenant mode without a client secret or certificate: loadConfig lets none through');
}

/**
 * The Graph event sender of a tenant's configuration. Reads the certificate file, if that is the
 * credential, and fails with a ConfigError naming AAD_APP_CERTIFICATE_PATH when it is unusable;
 * nothing reaches the network until the first send.
 */
export function graphEventSender(mode: TenantMode): GraphEventSender {
  const tokens = new GraphTokens({
    tenantId: mode.tenantId,
    clientId: mode.clientId,
    credential: credentialOf(mode),
    authorityHost: mode.authorityHost,
    graphEndpoint: mode.graphEndpoint,
  });
  return new GraphEventSender({ client: createGraphClient({ endpoint: mode.graphEndpoint, auth: tokens }), tokens });
}
