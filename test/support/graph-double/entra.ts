import { randomUUID, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAssertion } from './client-assertion';
import type { Tally } from './counts';
import { signRs256 } from './jwt';
import type { AppRegistration } from './options';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The Bot Framework's resource, which Entra ID issues app tokens for, so that a bot can call the Bot
 * Connector. Its tokens carry no `roles`: the app's Graph permissions mean nothing there.
 */
export const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';

export interface EntraContext {
  tenantId: string;
  tenantDomain: string | undefined;
  apps: AppRegistration[];
  /** Origin of the login server, e.g. https://127.0.0.1:1234. */
  loginUrl: () => string;
  /** Origin of Graph: the audience of Graph's tokens, whose `/.default` scope apps ask for. */
  graphUrl: () => string;
  signingKey: KeyObject;
  kid: string;
  tokenLifetimeSeconds: () => number;
  tally: Tally;
}

interface Refusal {
  status: number;
  error: string;
  code: number;
  description: string;
}

/**
 * Entra ID's v2 endpoints for the client credentials flow, as msal-node uses them for an authority
 * in `knownAuthorities`: it skips instance discovery, reads `{authority}/v2.0/.well-known/openid-configuration`
 * and posts to the token_endpoint found there. Nothing else is served.
 */
export class EntraDouble {
  private readonly servicePrincipals = new Map<string, string>();
  /** Requests the login host had no answer for: a client asking for more than the double models. */
  readonly unserved: string[] = [];

  constructor(private readonly context: EntraContext) {}

  /** Issuer of the access tokens, in the v1 shape Graph's tokens carry (`…/{tenant}/`). */
  get issuer(): string {
    return `${this.context.loginUrl()}/${this.context.tenantId}/`;
  }

  handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.context.loginUrl());
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    const known = tenant !== undefined && this.isTenant(decodeURIComponent(tenant));
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      if (!known) return json(res, 400, this.errorBody({ status: 400, error: 'invalid_tenant', ...tenantNotFound(tenant) }, req));
      return json(res, 200, this.openIdConfiguration());
    }
    if (req.method === 'GET' && path === 'discovery/v2.0/keys' && known) return json(res, 200, this.keys());
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      this.context.tally.tokenRequests++;
      const refusal = known ? null : { status: 400, error: 'invalid_request', ...tenantNotFound(tenant) };
      const answer = refusal ?? this.token(new URLSearchParams(body), req.headers.authorization);
      if ('error' in answer) return json(res, answer.status, this.errorBody(answer, req));
      this.context.tally.tokensIssued++;
      return json(res, 200, answer);
    }
    this.unserved.push(`${req.method} ${url.pathname}`);
    json(res, 404, { error: 'not_found', error_description: `The double's login server has no ${req.method} ${url.pathname}.` });
  }

  private isTenant(name: string): boolean {
    return name === this.context.tenantId || (this.context.tenantDomain !== undefined && name.toLowerCase() === this.context.tenantDomain.toLowerCase());
  }

  private get tokenEndpoint(): string {
    return `${this.context.loginUrl()}/${this.context.tenantId}/oauth2/v2.0/token`;
  }

  private openIdConfiguration() {
    const base = `${this.context.loginUrl()}/${this.context.tenantId}`;
    return {
      token_endpoint: this.tokenEndpoint,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.context.graphUrl()}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'roles'],
      tenant_region_scope: 'EU',
      cloud_instance_name: new URL(this.context.loginUrl()).host,
      msgraph_host: new URL(this.context.graphUrl()).host,
    };
  }

  private keys() {
    const jwk = this.context.signingKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.context.kid, x5t: this.context.kid, n: jwk.n, e: jwk.e, issuer: `${this.context.loginUrl()}/${this.context.tenantId}/v2.0` }] };
  }

  private token(form: URLSearchParams, authorization: string | undefined) {
    const basic = basicCredentials(authorization);
    const missing = (name: string): Refusal => ({ status: 400, error: 'invalid_request', code: 900144, description: `The request body must contain the following parameter: '${name}'.` });
    const grantType = form.get('grant_type');
    if (!grantType) return missing('grant_type');
    if (grantType !== 'client_credentials') {
      return { status: 400, error: 'unsupported_grant_type', code: 70003, description: `The app requested an unsupported grant type '${grantType}'.` };
    }
    const clientId = form.get('client_id') ?? basic?.id;
    if (!clientId) return missing('client_id');
    const app = this.context.apps.find((a) => a.clientId === clientId);
    if (!app) {
      const description = `Application with identifier '${clientId}' was not found in the directory '${this.context.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;
      return { status: 400, error: 'unauthorized_client', code: 700016, description };
    }
    const scope = form.get('scope');
    if (!scope) return missing('scope');
    const resource = [this.context.graphUrl(), BOT_FRAMEWORK_RESOURCE].find((r) => scope === `${r}/.default`);
    if (resource === undefined) {
      if (!scope.endsWith('/.default')) {
        const description = `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`;
        return { status: 400, error: 'invalid_scope', code: 1002012, description };
      }
      const description = `The resource principal named ${scope.slice(0, -'/.default'.length)} was not found in the tenant named ${this.context.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`;
      return { status: 400, error: 'invalid_resource', code: 500011, description };
    }
    const refused = this.authenticate(app, form, basic);
    if (refused) return refused;
    return this.issue(app, resource, form.has('client_assertion') ? '2' : '1');
  }

  private authenticate(app: AppRegistration, form: URLSearchParams, basic: { id: string; secret: string } | null): Refusal | null {
    const invalidClient = (code: number, description: string): Refusal => ({ status: 401, error: 'invalid_client', code, description });
    const assertion = form.get('client_assertion');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== JWT_BEARER) {
        return { status: 400, error: 'invalid_request', code: 50027, description: `client_assertion_type must be ${JWT_BEARER}.` };
      }
      const refusal = checkAssertion(assertion, app.clientId, this.tokenEndpoint, app.certificates ?? [], Math.floor(Date.now() / 1000));
      return refusal && invalidClient(refusal.code, refusal.description);
    }
    const secret = form.get('client_secret') ?? basic?.secret;
    if (secret === undefined || secret === null) {
      return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    if (app.secret === undefined || secret !== app.secret) {
      return invalidClient(7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
    }
    return null;
  }

  private issue(app: AppRegistration, audience: string, appidacr: '1' | '2') {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = this.context.tokenLifetimeSeconds();
    let principal = this.servicePrincipals.get(app.clientId);
    if (!principal) this.servicePrincipals.set(app.clientId, (principal = randomUUID()));
    const claims = {
      aud: audience,
      iss: this.issuer,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: app.clientId,
      appidacr,
      idtyp: 'app',
      oid: principal,
      sub: principal,
      ...(audience === BOT_FRAMEWORK_RESOURCE ? {} : { roles: [...app.roles] }),
      tid: this.context.tenantId,
      uti: randomUUID().replaceAll('-', ''),
      ver: '1.0',
    };
    const accessToken = signRs256({ kid: this.context.kid, x5t: this.context.kid }, claims, this.context.signingKey);
    return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
  }

  private errorBody(refusal: Refusal, req: IncomingMessage) {
    const traceId = randomUUID();
    const correlationId = header(req, 'client-request-id') ?? randomUUID();
    const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    const description = `AADSTS${refusal.code}: ${refusal.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
    return {
      error: refusal.error,
      error_description: description,
      error_codes: [refusal.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${this.context.loginUrl()}/error?code=${refusal.code}`,
    };
  }
}

function tenantNotFound(tenant: string | undefined) {
  const description = `Tenant '${tenant ?? ''}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
  return { code: 90002, description };
}

/** RFC 6749 client authentication in the Authorization header, which Entra ID also accepts. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
