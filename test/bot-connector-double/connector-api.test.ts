import { existsSync } from 'node:fs';
import { BotConnectorDouble, makeTeamsUser } from '../support/bot-connector-double';
import { rawRequest } from '../support/graph-double/raw-client';
import { activitiesOf, errorOf, useConnectorDouble } from './connector-call';

const tenant = 'b0f1a2c3-0000-4000-8000-000000000001';

describe('the Connector REST API of the double', () => {
  const connector = useConnectorDouble({ tenantId: tenant });

  it('sends to a conversation: 201 with a new id, recorded with what the bot sent', async () => {
    const { conversationId } = connector.user('Aase Jensen');
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } };
    const first = await connector.call('POST', activitiesOf(conversationId), { type: 'message', text: 'Velkommen' });
    const second = await connector.call('POST', activitiesOf(conversationId), { type: 'message', attachments: [card] });
    expect([first.status, second.status]).toEqual([201, 201]);
    const ids = [first.json, second.json].map((body) => (body as { id: string }).id);
    expect(ids[0]).toMatch(/^\d{13}$/);
    expect(Number(ids[1])).toBeGreaterThan(Number(ids[0]));
    const recorded = connector.double.activities(conversationId);
    expect(recorded.map((a) => [a.id, a.type, a.text, a.attachments])).toEqual([
      [ids[0], 'message', 'Velkommen', undefined],
      [ids[1], 'message', undefined, [card]],
    ]);
    expect(recorded[0]!.receivedAt).toBeInstanceOf(Date);
  });

  it('replies to an activity, updates it (200) and deletes it (200); a deleted or unknown one is 404', async () => {
    const { conversationId } = connector.user('Bent Hansen');
    const path = activitiesOf(conversationId);
    const reply = await connector.call('POST', `${path}/1700000000000`, { type: 'message', text: 'Svar' });
    const id = (reply.json as { id: string }).id;
    expect(reply.status).toBe(201);
    expect(connector.double.activities(conversationId)[0]!.replyToId).toBe('1700000000000');
    const update = await connector.call('PUT', `${path}/${id}`, { type: 'message', text: 'Rettet svar' });
    expect([update.status, update.json]).toEqual([200, { id }]);
    expect(connector.double.updates().filter((u) => u.activityId === id).map((u) => u.text)).toEqual(['Rettet svar']);
    const removed = await connector.call('DELETE', `${path}/${id}`);
    expect([removed.status, removed.json]).toEqual([200, undefined]);
    expect(connector.double.activities(conversationId)[0]!.deleted).toBe(true);
    const again = await connector.call('PUT', `${path}/${id}`, { type: 'message', text: 'for sent' });
    expect([again.status, errorOf(again).code]).toEqual([404, 'ActivityNotFoundInConversation']);
  });

  it('answers 404 ConversationNotFound for a conversation it does not know', async () => {
    const res = await connector.call('POST', activitiesOf('a:1unknown'), { type: 'message', text: 'hej' });
    expect([res.status, res.json]).toEqual([404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }]);
  });

  it('creates a 1:1 chat like Teams: the same id again for the same user, by 29: id or Entra object id', async () => {
    const user = makeTeamsUser('Carla Nielsen');
    connector.double.addUser(user);
    const create = (memberId: string) =>
      connector.call('POST', '/v3/conversations', { isGroup: false, bot: { id: `28:${connector.double.bot.appId}` }, members: [{ id: memberId }], tenantId: tenant, channelData: { tenant: { id: tenant } } });
    const first = await create(user.id);
    const second = await create(user.aadObjectId);
    expect([first.status, second.status]).toEqual([201, 201]);
    const id = (first.json as { id: string }).id;
    expect(id).toMatch(/^a:/);
    expect(second.json).toEqual({ id });
    expect(id).toBe(connector.double.personalConversation(user.id));
    expect(connector.double.counts().createdConversations).toBe(2);
  });

  it('refuses to create a chat with someone it does not know, or in another tenant', async () => {
    const user = makeTeamsUser('Dorte Holm');
    connector.double.addUser(user);
    const unknown = await connector.call('POST', '/v3/conversations', { members: [{ id: '29:1nobody' }], channelData: { tenant: { id: tenant } } });
    expect([unknown.status, unknown.json]).toEqual([400, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found in conversation.' } }]);
    const foreign = await connector.call('POST', '/v3/conversations', { members: [{ id: user.id }], tenantId: '00000000-0000-4000-8000-00000000beef' });
    expect([foreign.status, errorOf(foreign).code]).toEqual([400, 'BadSyntax']);
  });

  it('looks a member up by 29: id, userPrincipalName or Entra object id, as TeamsInfo.getMember does', async () => {
    const { user, conversationId } = connector.user('Erik Lund');
    const members = `/v3/conversations/${encodeURIComponent(conversationId)}/members/`;
    for (const key of [user.id, user.userPrincipalName, user.aadObjectId]) {
      const res = await connector.call('GET', members + encodeURIComponent(key));
      expect([res.status, res.json]).toEqual([
        200,
        { id: user.id, name: 'Erik Lund', aadObjectId: user.aadObjectId, objectId: user.aadObjectId, email: user.email, userPrincipalName: user.userPrincipalName, tenantId: tenant, userRole: 'user' },
      ]);
    }
    const unknown = await connector.call('GET', `${members}29%3A1nobody`);
    expect([unknown.status, unknown.json]).toEqual([404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found in conversation.' } }]);
  });

  it('pages a team roster; a page is never smaller than 50 members nor larger than 500', async () => {
    const members = Array.from({ length: 120 }, (_, i) => makeTeamsUser(`Deltager ${i}`));
    members.forEach((m) => connector.double.addUser(m));
    const team = connector.double.addTeam({ memberIds: members.map((m) => m.id) });
    const seen: string[] = [];
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const query = new URLSearchParams({ pageSize: '10', ...(token === undefined ? {} : { continuationToken: token }) });
      const res = await connector.call('GET', `/v3/conversations/${encodeURIComponent(team)}/pagedmembers?${query}`);
      const page = res.json as { members: { id: string }[]; continuationToken?: string };
      sizes.push(page.members.length);
      seen.push(...page.members.map((m) => m.id));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(members.map((m) => m.id));
    const bad = await connector.call('GET', `/v3/conversations/${encodeURIComponent(team)}/pagedmembers?continuationToken=nonsense`);
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'BadArgument']);
  });

  it('answers 400 to a body that is not JSON, and to an activity without a type', async () => {
    const { conversationId } = connector.user('Frida Bech');
    const malformed = await connector.call('POST', activitiesOf(conversationId), '{"type": "message", ');
    expect([malformed.status, errorOf(malformed).code]).toEqual([400, 'BadSyntax']);
    const untyped = await connector.call('POST', activitiesOf(conversationId), { text: 'hej' });
    expect([untyped.status, errorOf(untyped).code]).toEqual([400, 'MissingProperty']);
    expect(connector.double.activities(conversationId)).toEqual([]);
  });
});

describe('a double that requires a bearer token', () => {
  const connector = useConnectorDouble({ requireBearer: (token) => token === 'good-token' });

  it('answers 401 without a token or with a refused one, as the real service words it', async () => {
    const { conversationId } = connector.user('Gitte Kjær');
    const without = await connector.call('POST', activitiesOf(conversationId), { type: 'message', text: 'hej' });
    const refused = await connector.call('POST', activitiesOf(conversationId), { type: 'message', text: 'hej' }, { authorization: 'Bearer bad-token' });
    const accepted = await connector.call('POST', activitiesOf(conversationId), { type: 'message', text: 'hej' }, { authorization: 'Bearer good-token' });
    expect([without.status, without.json]).toEqual([401, { message: 'Authorization has been denied for this request.' }]);
    expect([refused.status, accepted.status]).toEqual([401, 201]);
    expect(connector.double.counts()).toMatchObject({ unauthorized: 2, sent: 1 });
  });
});

describe('a double over HTTPS', () => {
  let double: BotConnectorDouble;
  beforeAll(async () => {
    double = await BotConnectorDouble.start({ tls: true });
  });
  afterAll(() => double.close());

  it('serves the same API with a throw-away CA, also in a file for NODE_EXTRA_CA_CERTS', async () => {
    const user = makeTeamsUser('Hans Vang');
    double.addUser(user);
    const res = await rawRequest(`${double.serviceUrl}v3/conversations/${encodeURIComponent(double.personalConversation(user.id))}/activities`, double.ca, {
      method: 'POST',
      body: { type: 'message', text: 'hej' },
    });
    expect(res.status).toBe(201);
    expect(double.serviceUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(existsSync(double.caFile)).toBe(true);
  });
});
