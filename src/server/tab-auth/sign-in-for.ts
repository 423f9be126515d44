import type { Clock } from '../../app/clock';
import type { LocalMode, TenantMode } from '../../config/config';
import { entraKeys } from './entra-keys';
import { entraTokenVerifier } from './entra-token';
import { httpsJson, type HttpsJsonOptions } from './https-json';
import type { SignIn } from './sign-in';

/** The tab's sign-in for this configuration; `https` lets a test trust its sign-in double's certificate. */
export function signInFor(mode: LocalMode | TenantMode, clock: Clock, https: HttpsJsonOptions = {}): SignIn {
  if (mode.kind === 'local') return { mode: 'local' };
  const now = () => Date.parse(clock.now());
  const keys = entraKeys({ metadataUrl: `${mode.authorityHost}/${mode.tenantId}/v2.0/.well-known/openid-configuration`, fetchJson: httpsJson(https), now });
  const verify = entraTokenVerifier({ tenantId: mode.tenantId, clientId: mode.clientId, authorityHost: mode.authorityHost, appIdUri: mode.tabAppIdUri, keys, now });
  return { mode: 'tenant', verify };
}
