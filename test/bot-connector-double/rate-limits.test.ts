import { makeTeamsUser } from '../support/bot-connector-double';
import { activitiesOf, errorOf, useConnectorDouble, type CallResult } from './connector-call';

const message = (text: string) => ({ type: 'message', text });

describe("Microsoft's numbers: 7 messages a second per conversation", () => {
  const connector = useConnectorDouble();

  it('admits 7 messages to one conversation within a second and answers the 8th 429 with Retry-After', async () => {
    const { conversationId } = connector.user('Ida Mørk');
    const other = connector.user('Jens Krog');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => connector.call('POST', activitiesOf(conversationId), message(`besked ${i}`))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.json).toEqual({ error: { code: 'Throttled', message: 'Too many requests.' } });
    expect(connector.double.activities(conversationId)).toHaveLength(7);
    // Another conversation has a budget of its own.
    expect((await connector.call('POST', activitiesOf(other.conversationId), message('hej'))).status).toBe(201);
    expect(connector.double.counts().throttled).toBe(1);
  });
});

// A double of its own: the per-bot budget counts every call of the file's other tests too.
describe("Microsoft's numbers: 50 calls a second per bot", () => {
  const connector = useConnectorDouble();

  it("answers the bot's 51st call within a second 429, whatever the conversations", async () => {
    const chats = Array.from({ length: 51 }, (_, i) => connector.user(`Modtager ${i}`));
    const answers = await Promise.all(chats.map((c) => connector.call('POST', activitiesOf(c.conversationId), message('Invitation'))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(50);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
    expect(connector.double.counts().throttled).toBe(1);
  });
});

describe('rate limits made small for a test', () => {
  const connector = useConnectorDouble({
    limits: { perConversation: [{ seconds: 0.3, max: 2 }], perBot: [{ seconds: 0.3, max: 4 }], memberReads: [{ seconds: 0.3, max: 1 }] },
  });
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  const send = (conversationId: string) => connector.call('POST', activitiesOf(conversationId), message('hej'));
  const create = (userId: string) => connector.call('POST', '/v3/conversations', { members: [{ id: userId }], channelData: { tenant: { id: connector.double.tenantId } } });
  const statuses = (answers: CallResult[]) => answers.map((a) => a.status);

  afterEach(() => sleep(350));

  it('does not count a refused call: once the window has passed, the conversation has room again', async () => {
    const { conversationId } = connector.user('Karen Dahl');
    expect(statuses([await send(conversationId), await send(conversationId), await send(conversationId)])).toEqual([201, 201, 429]);
    await sleep(320);
    expect(statuses([await send(conversationId), await send(conversationId), await send(conversationId)])).toEqual([201, 201, 429]);
    expect(connector.double.activities(conversationId)).toHaveLength(4);
  });

  it('counts creating a conversation toward the bot limit', async () => {
    const chats = [connector.user('Lars Bak'), connector.user('Mette Ravn')];
    const newcomer = makeTeamsUser('Niels Odgaard');
    connector.double.addUser(newcomer);
    const answers = [await send(chats[0]!.conversationId), await send(chats[1]!.conversationId), await create(newcomer.id), await send(chats[1]!.conversationId), await send(chats[0]!.conversationId)];
    expect(statuses(answers)).toEqual([201, 201, 201, 201, 429]);
    expect(errorOf(answers[4]!).code).toBe('Throttled');
  });

  it('limits member reads per conversation apart from messages', async () => {
    const { user, conversationId } = connector.user('Ole Friis');
    const read = () => connector.call('GET', `/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(user.id)}`);
    expect(statuses([await read(), await read(), await send(conversationId)])).toEqual([200, 429, 201]);
  });
});
