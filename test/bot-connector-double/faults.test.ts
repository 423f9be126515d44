import { makeTeamsUser } from '../support/bot-connector-double';
import { activitiesOf, errorOf, useConnectorDouble } from './connector-call';

const message = { type: 'message', text: 'Påmindelse: mødet er i morgen' };

describe('faults of the double', () => {
  const connector = useConnectorDouble();
  const send = (conversationId: string) => connector.call('POST', activitiesOf(conversationId), message);

  it('answers the next calls with a scripted error, then serves again', async () => {
    const { conversationId } = connector.user('Pia Lind');
    const before = connector.double.counts();
    connector.double.failNext(2, { status: 503 });
    const answers = [await send(conversationId), await send(conversationId), await send(conversationId)];
    expect(answers.map((a) => a.status)).toEqual([503, 503, 201]);
    expect(answers[0]!.headers.get('retry-after')).toBeNull();
    const after = connector.double.counts();
    expect([after.scriptedFaults - before.scriptedFaults, after.sent - before.sent]).toEqual([2, 1]);
  });

  it("gives each status Microsoft's code unless the test names one, and Retry-After when asked (429: 1 by default)", async () => {
    const { conversationId } = connector.user('Rasmus Falk');
    connector.double.failNext(1, { status: 429 });
    connector.double.failNext(1, { status: 412 });
    connector.double.failNext(1, { status: 502, code: 'ServiceError', message: 'Service dependency issue', retryAfterSeconds: 3 });
    const [throttled, precondition, gateway] = [await send(conversationId), await send(conversationId), await send(conversationId)];
    expect([throttled.status, errorOf(throttled).code, throttled.headers.get('retry-after')]).toEqual([429, 'Throttled', '1']);
    expect([precondition.status, errorOf(precondition)]).toEqual([412, { code: 'PreconditionFailed', message: 'Precondition failed, please try again.' }]);
    expect([gateway.status, errorOf(gateway).message, gateway.headers.get('retry-after')]).toEqual([502, 'Service dependency issue', '3']);
  });

  it('aims a scripted error at one conversation; calls about others pass it by', async () => {
    const target = connector.user('Sara Holt');
    const bystander = connector.user('Tage Brun');
    connector.double.failNext(1, { status: 504, conversationId: target.conversationId });
    expect((await send(bystander.conversationId)).status).toBe(201);
    expect((await send(target.conversationId)).status).toBe(504);
    expect((await send(target.conversationId)).status).toBe(201);
  });

  it('refuses a user who blocked the bot: 403 ConversationBlockedByUser, for their chat and for creating it', async () => {
    const { user, conversationId } = connector.user('Ulla Skov');
    connector.double.block(user.id);
    const sent = await send(conversationId);
    const created = await connector.call('POST', '/v3/conversations', { members: [{ id: user.id }], tenantId: connector.double.tenantId });
    const expected = { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } };
    expect([sent.status, sent.json, created.status, created.json]).toEqual([403, expected, 403, expected]);
    expect(connector.double.activities(conversationId)).toEqual([]);
  });

  it('refuses a conversation the app was removed from: 403 BotNotInConversationRoster', async () => {
    const { user, conversationId } = connector.user('Vera Munk');
    connector.double.removeBot(conversationId);
    const expected = { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } };
    const sent = await send(conversationId);
    const created = await connector.call('POST', '/v3/conversations', { members: [{ id: user.id }], tenantId: connector.double.tenantId });
    const member = await connector.call('GET', `/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(user.id)}`);
    expect([sent.status, sent.json, created.json, member.status]).toEqual([403, expected, expected, 403]);
  });

  it('loses an answer: the activity is recorded, the connection dies before any answer', async () => {
    const { conversationId } = connector.user('Willy Thorsen');
    connector.double.loseNext(1);
    const outcome = await send(conversationId).then(
      () => 'answered',
      (error: Error) => (error.cause as { code?: string } | undefined)?.code ?? error.message,
    );
    expect(outcome).toMatch(/ECONNRESET|UND_ERR_SOCKET|socket/);
    expect(connector.double.activities(conversationId).map((a) => a.text)).toEqual([message.text]);
    expect(connector.double.counts().lostAnswers).toBe(1);
  });

  it('knows a user only once added: creating a chat with a stranger is 400', async () => {
    const stranger = makeTeamsUser('Xenia Ågård');
    const res = await connector.call('POST', '/v3/conversations', { members: [{ id: stranger.id }], tenantId: connector.double.tenantId });
    expect([res.status, errorOf(res).code, stranger.userPrincipalName]).toEqual([400, 'MemberNotFoundInConversation', 'xenia.aagaard@tenant.example']);
  });
});
