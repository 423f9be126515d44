import { rawRequest } from '../support/graph-double';
import { errorOf, useGraphDouble } from './graph-call';

const OWNER = '0a0a0a0a-0000-4000-8000-00000000000a';
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const NO_CREATE = '22222222-0000-4000-8000-0000000000c0';
const STANDARD = "https://graph.microsoft.com/v1.0/teamsTemplates('standard')";

const owner = (bind = `https://graph.microsoft.com/v1.0/users('${OWNER}')`) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles: ['owner'],
  'user@odata.bind': bind,
});
const teamBody = (extra: Record<string, unknown> = {}) => ({
  'template@odata.bind': STANDARD,
  displayName: 'Gruppeforløb: forår',
  description: 'Til gruppeforløbet',
  members: [owner()],
  ...extra,
});

type Operation = { id: string; status: string; operationType: string; targetResourceId: string };

describe('the double creates teams as Graph does for an application (Create team, teamsAsyncOperation)', () => {
  const graph = useGraphDouble({
    retryAfterSeconds: 0,
    pageSize: 1,
    teamsApps: [{ id: CATALOG_ID }],
    users: [{ upn: 'forloeb@tenant.example', id: OWNER, displayName: 'Gruppeforløb', mail: 'forloeb@tenant.example' }],
    teams: [{ id: '7e57c0de-0000-4000-8000-0000000007ea', displayName: 'Gruppeforløb: forår', description: 'Et andet team', members: [] }],
    apps: [
      {
        clientId: '22222222-0000-4000-8000-000000000001',
        secret: 'all',
        roles: ['Team.Create', 'Team.ReadBasic.All', 'TeamMember.Read.All', 'TeamsAppInstallation.ReadWriteSelfForTeam.All'],
      },
      { clientId: NO_CREATE, secret: 'reader', roles: ['Team.ReadBasic.All'] },
    ],
  });
  const create = (body: unknown) => graph.call('POST', '/teams', body);
  const created = async (body = teamBody()) => {
    const res = await create(body);
    expect(res.status).toBe(202);
    const location = String(res.headers.location);
    const [, teamId, operationId] = /^\/teams\('([^']+)'\)\/operations\('([^']+)'\)$/.exec(location)!;
    return { res, location, teamId: teamId!, operationId: operationId! };
  };

  afterEach(() => graph.double.configure({ teamProvisioning: { polls: 1, ms: 10_000 }, nextCalls: [], throttleRate: 0 }));

  it('accepts the documented application request with 202, Location and Content-Location, and no body', async () => {
    const before = graph.double.counts().teamsCreated;
    const { res, teamId, operationId } = await created();
    expect(res.headers['content-location']).toBe(`/teams('${teamId}')`);
    expect(res.text).toBe('');
    expect(graph.double.counts().teamsCreated).toBe(before + 1);
    expect(graph.double.createdTeams().find((t) => t.id === teamId)).toMatchObject({ ownerId: OWNER, status: 'inProgress', polls: 0, displayName: 'Gruppeforløb: forår' });
    expect(operationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('goes inProgress then succeeded after the configured polls; the team is not found until then', async () => {
    const { location, teamId, operationId } = await created();
    expect((await graph.call('GET', `/teams/${teamId}`)).status).toBe(404);
    expect((await graph.call('GET', `/teams/${teamId}/members`)).status).toBe(404);
    // The Location as Graph gives it, in OData's key syntax.
    const first = await graph.call('GET', location);
    expect([first.status, (first.json as Operation).status]).toEqual([200, 'inProgress']);
    const second = (await graph.call('GET', `/teams/${teamId}/operations/${operationId}`)).json as Operation;
    expect(second).toMatchObject({ id: operationId, status: 'succeeded', operationType: 'createTeam', targetResourceId: teamId });
    const team = await graph.call('GET', `/teams/${teamId}`);
    expect([team.status, (team.json as { id: string }).id]).toEqual([200, teamId]);
    const members = (await graph.call('GET', `/teams/${teamId}/members`)).json as { value: { userId: string; roles: string[] }[] };
    expect(members.value).toEqual([expect.objectContaining({ userId: OWNER, roles: ['owner'], email: 'forloeb@tenant.example' })]);
    const install = await graph.call('POST', `/teams/${teamId}/installedApps`, { 'teamsApp@odata.bind': `${graph.double.graphUrl}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` });
    expect(install.status).toBe(201);
  });

  it('succeeds after the configured time, polled or not', async () => {
    graph.double.configure({ teamProvisioning: { polls: 100, ms: 50 } });
    const { teamId } = await created();
    await new Promise((done) => setTimeout(done, 80));
    expect((await graph.call('GET', `/teams/${teamId}`)).status).toBe(200);
  });

  it('lists a new team at once, by displayName eq or startswith, with $select and paging', async () => {
    const { teamId } = await created(teamBody({ displayName: "Holdets team 'B'", description: 'mærke-42' }));
    const page = await graph.call('GET', `/teams?$filter=${encodeURIComponent("displayName eq 'holdets team ''b'''")}&$select=id,description`);
    expect(page.json).toMatchObject({ value: [{ id: teamId, description: 'mærke-42' }] });
    expect(Object.keys((page.json as { value: object[] }).value[0]!)).toEqual(['id', 'description']);
    const all = await graph.call('GET', `/teams?$filter=${encodeURIComponent("startswith(displayName,'Gruppeforløb')")}`);
    const next = (all.json as { '@odata.nextLink'?: string })['@odata.nextLink'];
    expect(next).toMatch(/\$skiptoken=1/);
    const more = await rawRequest(next!, graph.double.ca, { headers: { authorization: `Bearer ${await graph.double.token()}` } });
    expect(more.status).toBe(200);
    expect((await graph.call('GET', `/teams?$filter=${encodeURIComponent("description eq 'x'")}`)).status).toBe(400);
  });

  it.each([
    ['no template', { 'template@odata.bind': undefined }, 'A team needs a template'],
    ['another template', { 'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('educationClass')" }, "The template 'educationClass'"],
    ['no members', { members: undefined }, 'exactly one member'],
    ['two members', { members: [owner(), owner()] }, 'exactly one member'],
    ['a member who is no owner', { members: [{ ...owner(), roles: [] }] }, 'roles ["owner"]'],
    ['a member without a user', { members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'] }] }, 'The navigation bind for the user was missing in request'],
    ['owners bound the old way', { 'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users('${OWNER}')`] }, 'Invalid bind property name owners in request.'],
    ['no name', { displayName: '  ' }, 'displayName is required.'],
  ])('refuses a body with %s: 400 in the documented error shape, no team', async (_what, change, message) => {
    const before = graph.double.counts().teamsCreated;
    const res = await create(JSON.parse(JSON.stringify(teamBody(change))));
    expect([res.status, errorOf(res).code]).toEqual([400, 'BadRequest']);
    expect(errorOf(res).message).toContain(message);
    expect(graph.double.counts().teamsCreated).toBe(before);
  });

  it('refuses an unknown property as OData does, and an owner the tenant does not have with 404', async () => {
    expect(errorOf(await create(teamBody({ mailNickname: 'forloeb' })))).toMatchObject({ code: 'RequestBodyRead', message: expect.stringContaining("'mailNickname' does not exist") });
    const unknown = await create(teamBody({ members: [owner("https://graph.microsoft.com/v1.0/users('nobody@tenant.example')")] }));
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'Request_ResourceNotFound']);
    // By userPrincipalName, as Microsoft's example 9 binds the owner.
    expect((await create(teamBody({ members: [owner("https://graph.microsoft.com/v1.0/users('forloeb@tenant.example')")] }))).status).toBe(202);
  });

  it('answers an app without Team.Create 403, naming the permission, and creates nothing', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: NO_CREATE, client_secret: 'reader', scope: graph.double.scope });
    const token = (await rawRequest(`${graph.double.authority}/oauth2/v2.0/token`, graph.double.ca, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json as { access_token: string };
    const before = graph.double.counts().teamsCreated;
    const res = await graph.callAs(token.access_token, 'POST', '/teams', teamBody());
    expect([res.status, errorOf(res).code]).toEqual([403, 'Forbidden']);
    expect(errorOf(res).message).toContain('Team.Create');
    expect(graph.double.counts().teamsCreated).toBe(before);
  });

  it('applies its faults: a lost answer after the create, and 429 with Retry-After on a poll', async () => {
    const before = graph.double.counts();
    graph.double.configure({ nextCalls: ['lost'] });
    await expect(create(teamBody({ displayName: 'Tabt svar' }))).rejects.toThrow(/socket hang up|ECONNRESET/);
    const after = graph.double.counts();
    expect([after.teamsCreated - before.teamsCreated, after.answersLost - before.answersLost]).toEqual([1, 1]);
    const listed = (await graph.call('GET', `/teams?$filter=${encodeURIComponent("displayName eq 'Tabt svar'")}`)).json as { value: unknown[] };
    expect(listed.value).toHaveLength(1);

    const { location } = await created();
    graph.double.configure({ throttleRate: 1 });
    const throttled = await graph.call('GET', location);
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '0']);
  });
});
