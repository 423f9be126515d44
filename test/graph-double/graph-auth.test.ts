import { generateKeyPairSync, sign } from 'node:crypto';
import { rawRequest } from '../support/graph-double';
import { authenticate } from '../support/graph-double/graph-auth';
import { requestIds } from '../support/graph-double/graph-errors';
import { signRs256 } from '../support/graph-double/jwt';
import { errorOf, meeting, useGraphDouble } from './graph-call';

const READER = '22222222-0000-4000-8000-000000000002';

describe("Graph's checks of who calls and for which mailbox", () => {
  const graph = useGraphDouble({
    apps: [
      { clientId: '22222222-0000-4000-8000-000000000001', secret: 'writer', roles: ['Calendars.ReadWrite'] },
      { clientId: READER, secret: 'reader', roles: ['Calendars.Read'] },
    ],
    users: [
      { upn: 'organizer@tenant.example', id: '5f1e0000-0000-4000-8000-00000000beef' },
      { upn: 'shared@tenant.example', kind: 'noMailbox' },
      { upn: 'ceo@tenant.example', accessPolicyDenied: true },
    ],
  });
  const events = '/users/organizer@tenant.example/events';

  it('answers no token 401 InvalidAuthenticationToken, in the documented error shape, with a challenge', async () => {
    const res = await graph.callAs(null, 'GET', events, undefined, { 'client-request-id': 'feedface-0000-4000-8000-000000000000' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.json).toEqual({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
        innerError: { date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), 'request-id': expect.any(String), 'client-request-id': 'feedface-0000-4000-8000-000000000000' },
      },
    });
  });

  it('answers a token it did not issue 401, and the same token once expired 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ aud: graph.double.graphUrl, tid: graph.double.tenantId, exp: Date.now() / 1000 + 600 })}`;
    const forged = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    expect(errorOf(await graph.callAs(forged, 'GET', events))).toMatchObject({ code: 'InvalidAuthenticationToken', message: expect.stringContaining('Invalid signature') });

    graph.double.configure({ tokenLifetimeSeconds: 3 });
    const shortLived = await graph.double.token();
    graph.double.configure({ tokenLifetimeSeconds: 3599 });
    expect((await graph.callAs(shortLived, 'GET', events)).status).toBe(200);
    // Wait for the token's own exp, read from it, so a slow machine cannot make the first call late.
    const { exp } = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await new Promise((done) => setTimeout(done, Math.max(0, exp * 1000 - Date.now()) + 100));
    const expired = await graph.callAs(shortLived, 'GET', events);
    expect([expired.status, errorOf(expired)]).toEqual([401, expect.objectContaining({ message: 'Lifetime validation failed, the token is expired.' })]);
  });

  it('lets an app with Calendars.Read read but answers its writes 403 ErrorAccessDenied', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: READER, client_secret: 'reader', scope: graph.double.scope });
    const token = (await rawRequest(`${graph.double.authority}/oauth2/v2.0/token`, graph.double.ca, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json as { access_token: string };
    expect((await graph.callAs(token.access_token, 'GET', events)).status).toBe(200);
    const write = await graph.callAs(token.access_token, 'POST', events, meeting());
    expect([write.status, errorOf(write)]).toEqual([403, expect.objectContaining({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' })]);
  });

  it('answers an unknown user 404 ErrorInvalidUser, a user without a mailbox 404 MailboxNotEnabledForRESTAPI', async () => {
    const unknown = await graph.call('POST', '/users/nobody@tenant.example/events', meeting());
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'ErrorInvalidUser']);
    const noMailbox = await graph.call('POST', '/users/shared@tenant.example/events', meeting());
    expect([noMailbox.status, errorOf(noMailbox).code]).toEqual([404, 'MailboxNotEnabledForRESTAPI']);
  });

  it('answers a mailbox an application access policy keeps the app out of 403', async () => {
    const res = await graph.call('GET', '/users/ceo@tenant.example/events');
    expect([res.status, errorOf(res)]).toEqual([403, expect.objectContaining({ code: 'ErrorAccessDenied', message: expect.stringContaining('AccessPolicy') })]);
  });

  it('finds a user by object id as well as by userPrincipalName, in any case', async () => {
    expect((await graph.call('GET', '/users/ORGANIZER@Tenant.Example/events')).status).toBe(200);
    expect((await graph.call('GET', '/users/5f1e0000-0000-4000-8000-00000000BEEF/events')).status).toBe(200);
  });
});

describe('the bearer check itself, with tokens the login host would never issue', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const expected = { key: privateKey, issuer: 'https://login.example/tenant-a/', audience: 'https://graph.example', tenantId: 'tenant-a' };
  const now = Math.floor(Date.now() / 1000);
  const good = { iss: expected.issuer, aud: expected.audience, tid: 'tenant-a', nbf: now, exp: now + 600, appid: 'app', roles: ['Calendars.ReadWrite'] };
  const message = (claims: Record<string, unknown>) => {
    const result = authenticate(`Bearer ${signRs256({}, claims, privateKey)}`, expected, requestIds(undefined));
    return 'status' in result ? (result.body as { error: { message: string } }).error.message : 'accepted';
  };

  it('checks issuer, audience, tenant and lifetime, each on its own', () => {
    expect(message(good)).toBe('accepted');
    expect(message({ ...good, iss: 'https://sts.windows.net/tenant-a/' })).toContain('Invalid issuer');
    expect(message({ ...good, aud: 'https://graph.microsoft.com' })).toContain('Invalid audience');
    expect(message({ ...good, tid: 'tenant-b' })).toContain('Invalid tenant');
    expect(message({ ...good, exp: now - 1 })).toContain('expired');
    expect(message({ ...good, nbf: now + 600 })).toContain('not yet valid');
    expect(authenticate('Bearer not.a-jwt', expected, requestIds(undefined))).toMatchObject({ status: 401 });
  });
});
