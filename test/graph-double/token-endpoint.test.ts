import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { generate } from 'selfsigned';
import { GraphDouble, rawRequest, type RawResponse } from '../support/graph-double';

const SECRET_APP = '11111111-0000-4000-8000-000000000001';
const CERT_APP = '11111111-0000-4000-8000-000000000002';

/** A client assertion as "certificate credentials" describes it, signed RS256 with node:crypto alone. */
function assertion(key: KeyObject, certDer: Buffer, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', x5t: createHash('sha1').update(certDer).digest('base64url') })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

describe('the Entra ID token endpoint of the double', () => {
  let double: GraphDouble;
  let certKey: KeyObject;
  let certDer: Buffer;

  const post = (form: Record<string, string>, tenant = double.tenantId, headers: Record<string, string> = {}): Promise<RawResponse> =>
    rawRequest(`${double.loginUrl}/${tenant}/oauth2/v2.0/token`, double.ca, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  const secretForm = (extra: Record<string, string> = {}) => ({ grant_type: 'client_credentials', client_id: SECRET_APP, client_secret: 's3cret', scope: double.scope, ...extra });
  const certClaims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { aud: `${double.authority}/oauth2/v2.0/token`, iss: CERT_APP, sub: CERT_APP, jti: randomUUID(), nbf: now, exp: now + 600, ...extra };
  };
  const certForm = (jwt: string) => ({
    grant_type: 'client_credentials', client_id: CERT_APP, scope: double.scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt,
  });

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'daemon' }], { keySize: 2048, algorithm: 'sha256' });
    certKey = createPrivateKey(pems.private);
    certDer = new X509Certificate(pems.cert).raw;
    double = await GraphDouble.start({
      tenantDomain: 'agency.example',
      apps: [
        { clientId: SECRET_APP, secret: 's3cret', roles: ['Calendars.ReadWrite'] },
        { clientId: CERT_APP, certificates: [pems.cert], roles: ['Calendars.Read'] },
      ],
    });
  });

  afterAll(() => double.close());

  it('publishes an OpenID configuration whose endpoints are all on the double, for its id and its domain', async () => {
    for (const tenant of [double.tenantId, 'agency.example']) {
      const res = await rawRequest(`${double.loginUrl}/${tenant}/v2.0/.well-known/openid-configuration`, double.ca);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        issuer: `${double.authority}/v2.0`,
        token_endpoint: `${double.authority}/oauth2/v2.0/token`,
        authorization_endpoint: `${double.authority}/oauth2/v2.0/authorize`,
        jwks_uri: `${double.authority}/discovery/v2.0/keys`,
      });
    }
    const unknown = await rawRequest(`${double.loginUrl}/nowhere.example/v2.0/.well-known/openid-configuration`, double.ca);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });

  it('issues an RS256 access token for Graph whose signature the published keys verify', async () => {
    const res = await post(secretForm());
    expect(res.status).toBe(200);
    const body = res.json as { token_type: string; expires_in: number; access_token: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const [head, claims, signature] = body.access_token.split('.') as [string, string, string];
    const jwks = (await rawRequest(`${double.authority}/discovery/v2.0/keys`, double.ca)).json as { keys: Record<string, string>[] };
    const key = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${head}.${claims}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(decoded).toMatchObject({ aud: double.graphUrl, tid: double.tenantId, appid: SECRET_APP, roles: ['Calendars.ReadWrite'], idtyp: 'app' });
    expect(Number(decoded.exp) - Number(decoded.iat)).toBe(3599);
  });

  it("issues a token for the Bot Framework's resource too, without the app's Graph roles, which Graph refuses", async () => {
    const res = await post(secretForm({ scope: 'https://api.botframework.com/.default' }));
    expect(res.status).toBe(200);
    const token = (res.json as { access_token: string }).access_token;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: 'https://api.botframework.com', tid: double.tenantId, appid: SECRET_APP, idtyp: 'app' });
    expect(claims).not.toHaveProperty('roles');
    const graph = await rawRequest(`${double.graphUrl}/v1.0/users/${double.mailboxes[0]!}/events`, double.ca, { headers: { authorization: `Bearer ${token}` } });
    expect([graph.status, graph.text]).toEqual([401, expect.stringContaining('Invalid audience')]);
  });

  it('accepts the secret in an HTTP Basic header too, as RFC 6749 allows', async () => {
    const basic = Buffer.from(`${SECRET_APP}:s3cret`).toString('base64');
    const res = await post({ grant_type: 'client_credentials', scope: double.scope }, double.tenantId, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it('answers a wrong secret 401 invalid_client with the AADSTS error body, echoing the client-request-id', async () => {
    const res = await post(secretForm({ client_secret: 'wrong' }), double.tenantId, { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000000' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: 'invalid_client',
      error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: c0ffee00-0000-4000-8000-000000000000\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s),
      error_codes: [7000215],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.any(String),
      correlation_id: 'c0ffee00-0000-4000-8000-000000000000',
      error_uri: expect.stringContaining('code=7000215'),
    });
  });

  it('answers a wrong tenant, an unknown app and a wrong scope 400, each with its AADSTS code', async () => {
    const cases: [Promise<RawResponse>, string, number][] = [
      [post(secretForm(), 'other-tenant.example'), 'invalid_request', 90002],
      [post(secretForm({ client_id: randomUUID() })), 'unauthorized_client', 700016],
      [post(secretForm({ scope: `${double.graphUrl}/Calendars.ReadWrite` })), 'invalid_scope', 1002012],
      [post(secretForm({ scope: 'https://graph.microsoft.com/.default' })), 'invalid_resource', 500011],
      [post(secretForm({ grant_type: 'password' })), 'unsupported_grant_type', 70003],
    ];
    for (const [answer, error, code] of cases) {
      const res = await answer;
      expect([res.status, res.json]).toEqual([400, expect.objectContaining({ error, error_codes: [code] })]);
    }
  });

  it('accepts a client assertion signed with the registered certificate and refuses forged, late or misaddressed ones', async () => {
    const good = await post(certForm(assertion(certKey, certDer, certClaims())));
    expect(good.status).toBe(200);
    const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const refused = async (jwt: string) => {
      const res = await post(certForm(jwt));
      return [res.status, (res.json as { error: string; error_codes: number[] }).error, (res.json as { error_codes: number[] }).error_codes[0]];
    };
    expect(await refused(assertion(stranger, certDer, certClaims()))).toEqual([401, 'invalid_client', 700027]);
    expect(await refused(assertion(certKey, certDer, certClaims({ exp: Math.floor(Date.now() / 1000) - 600 })))).toEqual([401, 'invalid_client', 700024]);
    expect(await refused(assertion(certKey, certDer, certClaims({ aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' })))).toEqual([401, 'invalid_client', 50027]);
    expect(await refused(assertion(certKey, certDer, certClaims({ iss: SECRET_APP })))).toEqual([401, 'invalid_client', 700021]);
  });

  it('gives tokens the lifetime configured, so a client can be made to refresh', async () => {
    double.configure({ tokenLifetimeSeconds: 2 });
    const res = await post(secretForm());
    expect((res.json as { expires_in: number }).expires_in).toBe(2);
    double.configure({ tokenLifetimeSeconds: 3599 });
  });

  it('counts every request to the token endpoint, refused ones too', async () => {
    const before = double.counts();
    await post(secretForm());
    await post(secretForm({ client_secret: 'wrong' }));
    const after = double.counts();
    expect([after.tokenRequests - before.tokenRequests, after.tokensIssued - before.tokensIssued]).toEqual([2, 1]);
  });
});
