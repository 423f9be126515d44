import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config/config';
import type { Cohort } from '../../src/domain/cohort';
import { signInFor } from '../../src/server/tab-auth/sign-in-for';
import { engines, useStore } from '../support/engines';
import { EntraKeysServer, newSigningKey } from '../support/entra-tokens/keys-server';
import { hmacSigned, signed, unsigned, userClaims, type TokenTarget, type TokenUser } from '../support/entra-tokens/tokens';
import { tempDir } from '../support/http';
import { participant, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const TENANT = randomUUID();
const CLIENT = randomUUID();
const ADVISOR_OID = '00000000-0000-0000-0000-0000000000a1';
const clock = testClock('2023-04-01T08:00:00.000Z');
const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000);

function tenantConfig(authorityHost: string, extra: Record<string, string> = {}): Config {
  return loadConfig(
    { AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT, AAD_APP_CLIENT_SECRET: 'client-secret', LINK_SECRET: 'x'.repeat(32), AAD_APP_OAUTH_AUTHORITY_HOST: authorityHost, ...extra },
    tempDir(),
  );
}

/** The sample cohort with a guest: registered by her real address, signing in with a `#EXT#` name. */
function cohortWithGuest(): Cohort {
  const base = sampleCohort();
  const [first, ...rest] = base.municipalities;
  const guest = participant('Jane Gæst', 'jane@partner.example.org');
  return { ...base, municipalities: [{ ...first!, participants: [...first!.participants, guest] }, ...rest] };
}

describe('the tab API with a tenant: Teams SSO tokens', () => {
  const fixture = useStore(engines()[0]!);
  let keys: EntraKeysServer;
  let tab: TabServer;
  let target: TokenTarget;
  let cohort: Cohort;

  beforeAll(async () => {
    keys = await EntraKeysServer.start(TENANT);
    const config = tenantConfig(keys.authorityHost);
    if (config.mode.kind !== 'tenant') throw new Error('tenant mode expected');
    target = { tenantId: TENANT, clientId: CLIENT, authorityHost: keys.authorityHost, appIdUri: `api://tab.example.org/${CLIENT}` };
    tab = await startTabServer(config, fixture.store, clock, signInFor(config.mode, clock, { ca: keys.ca }));
    cohort = (await fixture.store.cohorts.create(cohortWithGuest())).cohort;
  });
  afterAll(async () => {
    await tab.server.close();
    await keys.close();
  });

  const advisor: TokenUser = { oid: ADVISOR_OID, username: 'rikke@agency.example.org', name: 'Rikke R.' };
  const leader = () => ({ username: cohort.municipalities[0]!.participants[0]!.person!.email });
  const token = (version: 1 | 2, user: TokenUser = advisor, overrides = {}) => signed(userClaims(target, version, user, nowSeconds(), overrides), keys.current);
  const me = (bearer: string, headers: Record<string, string> = {}) => tab.call('/api/me', { headers: { authorization: `Bearer ${bearer}`, ...headers } });

  it.each([1, 2] as const)('accepts a v%s token and finds the advisor by Entra object id', async (version) => {
    const res = await me(token(version));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toEqual({
      mode: 'tenant',
      name: 'Rikke Rådgiver',
      memberships: [{ cohortId: cohort.id, cohortName: cohort.name, role: 'advisor', municipalityId: null, municipalityName: null }],
      mayCreateCohorts: true,
    });
  });

  it('finds a guest by the real address in `email`, never by the #EXT# name', async () => {
    const guest = { username: 'jane_partner.example.org#EXT#@agency.onmicrosoft.com', email: 'jane@partner.example.org' };
    expect((await me(token(1, guest))).json).toMatchObject({ name: 'Jane Gæst', memberships: [{ role: 'participant', municipalityName: 'Aarhus Kommune' }] });
    const withoutEmail = await me(token(1, { username: guest.username, name: 'Jane (token)' }));
    expect(withoutEmail.json).toEqual({ mode: 'tenant', name: 'Jane (token)', memberships: [], mayCreateCohorts: false });
  });

  it('accepts a token up to two minutes past its expiry (clock skew), not beyond', async () => {
    expect((await me(token(2, advisor, { exp: nowSeconds() - 60 }))).status).toBe(200);
    expect((await me(token(2, advisor, { exp: nowSeconds() - 300 }))).status).toBe(401);
  });

  const foreign = newSigningKey();
  const refusals: [string, () => string, string][] = [
    ['signed with another key under a published kid', () => signed(userClaims(target, 2, advisor, nowSeconds()), foreign, keys.current.kid), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    ['signed with a key nobody published', () => signed(userClaims(target, 2, advisor, nowSeconds()), foreign), 'ERR_JWKS_NO_MATCHING_KEY'],
    ['altered after signing', () => {
      const [head, , sig] = token(2).split('.');
      const claims = Buffer.from(JSON.stringify(userClaims(target, 2, { oid: randomUUID() }, nowSeconds()))).toString('base64url');
      return `${head}.${claims}.${sig}`;
    }, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    ['expired', () => token(2, advisor, { exp: nowSeconds() - 3600 }), 'ERR_JWT_EXPIRED'],
    ['not yet valid', () => token(2, advisor, { nbf: nowSeconds() + 3600 }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['without an expiry', () => token(2, advisor, { exp: undefined }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['for another app (v2 audience)', () => token(2, advisor, { aud: randomUUID() }), 'audience'],
    ['for another app (v1 audience)', () => token(1, advisor, { aud: `api://tab.example.org/${randomUUID()}` }), 'audience'],
    ['a v1 token with the v2 audience', () => token(1, advisor, { aud: CLIENT }), 'audience'],
    ['a v2 token with the v1 audience', () => token(2, advisor, { aud: target.appIdUri }), 'audience'],
    ['from another tenant', () => token(2, advisor, { tid: randomUUID() }), 'tenant'],
    ['issued by another tenant', () => token(2, advisor, { iss: `${keys.authorityHost}/${randomUUID()}/v2.0` }), 'issuer'],
    ['an app token without a user (no scp)', () => token(2, advisor, { scp: undefined, roles: ['Tab.Read'], idtyp: 'app' }), 'not a user token'],
    ['unsigned (alg none)', () => unsigned(userClaims(target, 2, advisor, nowSeconds()), keys.current.kid), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['HS256 with the public key as secret', () => hmacSigned(userClaims(target, 2, advisor, nowSeconds()), keys.current), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['not a JWT', () => 'not-a-token', 'ERR_JWS_INVALID'],
  ];

  it.each(refusals)('refuses a token %s with 401 and says nothing of the cohort', async (_case, make, reason) => {
    const res = await me(make());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.json).toEqual({
      error: { code: 'unauthenticated', message: { da: expect.stringContaining('ikke logget ind'), en: expect.stringContaining('not signed in') } },
    });
    expect(res.text).not.toContain('Rikke');
    expect(tab.logged[tab.logged.length - 1]).toBe(`tab: token afvist / token refused (GET /api/me): ${reason}`);
  });

  it('asks for a token when there is none, and ignores X-Demo-User', async () => {
    const none = await tab.call('/api/me', { headers: { 'x-demo-user': 'rikke@agency.example.org' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const asLeader = await tab.call(`/api/cohorts/${cohort.id}`, { headers: { authorization: `Bearer ${token(2, leader())}`, 'x-demo-user': 'rikke@agency.example.org' } });
    expect(asLeader.status).toBe(403);
    expect(asLeader.json).toMatchObject({ error: { code: 'not_permitted' } });
  });

  it('has no demo users and loads no examples: 404 with or without a token; the description is open', async () => {
    expect((await tab.call('/api/demo-users')).status).toBe(404);
    expect((await tab.call('/api/demo/examples', { method: 'POST', body: {} })).status).toBe(404);
    expect((await tab.call('/api/demo-users', { headers: { authorization: `Bearer ${token(2)}` } })).status).toBe(404);
    const doc = await tab.call('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json).toMatchObject({ openapi: '3.1.0' });
  });

  it('reads the key set again for a new kid, at most once a minute', async () => {
    const before = { ...keys.fetches };
    const next = keys.rotate();
    const fresh = () => signed(userClaims(target, 2, advisor, nowSeconds()), next);
    clock.advance(61_000);
    expect((await me(fresh())).status).toBe(200);
    expect(keys.fetches.keys).toBe(before.keys + 1);
    for (let i = 0; i < 5; i++) expect((await me(signed(userClaims(target, 2, advisor, nowSeconds()), newSigningKey()))).status).toBe(401);
    expect(keys.fetches.keys).toBe(before.keys + 1);
    expect(tab.logged.filter((line) => line.includes('token refused')).length).toBeGreaterThanOrEqual(5);
  });
});

describe('the tab token check, unit by unit', () => {
  const fixture = useStore(engines()[0]!);
  let keys: EntraKeysServer;
  beforeAll(async () => {
    keys = await EntraKeysServer.start(TENANT);
  });
  afterAll(() => keys.close());

  const verifier = (extra: Record<string, string> = {}, authorityHost = keys.authorityHost) => {
    const config = tenantConfig(authorityHost, extra);
    if (config.mode.kind !== 'tenant') throw new Error('tenant mode expected');
    const signIn = signInFor(config.mode, clock, { ca: keys.ca, timeoutMs: 2000 });
    if (signIn.mode !== 'tenant') throw new Error('tenant sign-in expected');
    return signIn.verify;
  };
  const target = () => ({ tenantId: TENANT, clientId: CLIENT, authorityHost: keys.authorityHost, appIdUri: `api://tab.example.org/${CLIENT}` });

  it('takes exactly TAB_APP_ID_URI as the v1 audience when it is set', async () => {
    const verify = verifier({ TAB_APP_ID_URI: `api://tab.example.org/${CLIENT}` });
    const v1 = (aud: string) => signed(userClaims(target(), 1, { oid: ADVISOR_OID }, nowSeconds(), { aud }), keys.current);
    await expect(verify(v1(`api://tab.example.org/${CLIENT}`))).resolves.toMatchObject({ oid: ADVISOR_OID });
    await expect(verify(v1(`api://elsewhere.example.org/${CLIENT}`))).rejects.toMatchObject({ name: 'TokenRefused', reason: 'audience' });
    await expect(verifier()(v1(`api://elsewhere.example.org/${CLIENT}`))).resolves.toMatchObject({ oid: ADVISOR_OID });
  });

  it('answers 503, not 401, when the tenant keys cannot be read', async () => {
    const dead = await EntraKeysServer.start(TENANT);
    const host = dead.authorityHost;
    await dead.close();
    const config = tenantConfig(host);
    if (config.mode.kind !== 'tenant') throw new Error('tenant mode expected');
    const tab = await startTabServer(config, fixture.store, clock, signInFor(config.mode, clock, { ca: keys.ca, timeoutMs: 2000 }));
    try {
      const token = signed(userClaims({ ...target(), authorityHost: host }, 2, { oid: ADVISOR_OID }, nowSeconds()), keys.current);
      const res = await tab.call('/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: { code: 'sign_in_unavailable' } });
      expect(tab.logged.join('\n')).toContain('signing keys could not be read');
    } finally {
      await tab.server.close();
    }
  });
});
