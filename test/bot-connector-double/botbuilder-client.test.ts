import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { makeTeamsUser, messageActivity, type TeamsUser } from '../support/bot-connector-double';
import { useConnectorDouble } from './connector-call';

/** What a sender reads off botbuilder's error: the paths the README documents. */
interface ConnectorFailure {
  name: string;
  statusCode?: number;
  code?: string;
  message: string;
  details?: { error?: { code: string; message: string } };
  response?: { status: number; headers: { get(name: string): string | undefined } };
}

const failureOf = (promise: Promise<unknown>): Promise<ConnectorFailure> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: ConnectorFailure) => error,
  );

describe("botbuilder's own clients against the double", () => {
  const connector = useConnectorDouble();
  const client = () => new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: connector.double.serviceUrl });
  const message = (text: string) => ({ type: 'message', text }) as Activity;
  // Without an app id the adapter sends no token, as a bot in the Emulator does.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const referenceTo = (user: TeamsUser): Partial<ConversationReference> =>
    TurnContext.getConversationReference(messageActivity(connector.double.chat(user), 'hej') as unknown as Partial<Activity>);

  it('ConnectorClient sends to a conversation and gets the id the double assigned', async () => {
    const { conversationId } = connector.user('Anna Bro');
    const { id } = await client().conversations.sendToConversation(conversationId, message('Velkommen til forløbet'));
    expect(connector.double.activities(conversationId).map((a) => [a.id, a.text])).toEqual([[id, 'Velkommen til forløbet']]);
  });

  it('TeamsInfo.getMember in a proactive turn of CloudAdapter reads the member; an unknown one is a 404 RestError', async () => {
    const user = makeTeamsUser('Birgit Ahl');
    const reference = referenceTo(user);
    const found: unknown[] = [];
    await adapter.continueConversationAsync('', reference, async (context) => {
      found.push(await TeamsInfo.getMember(context, user.id));
      found.push(await failureOf(TeamsInfo.getMember(context, '29:1nobody')));
    });
    expect(found[0]).toMatchObject({ id: user.id, name: 'Birgit Ahl', aadObjectId: user.aadObjectId, email: user.email, userPrincipalName: user.userPrincipalName, tenantId: connector.double.tenantId, userRole: 'user' });
    expect(found[1]).toMatchObject({ name: 'RestError', statusCode: 404, code: 'MemberNotFoundInConversation', message: 'Member not found in conversation.' });
  });

  it('a send refused by Teams is a RestError carrying status, code and message (CloudAdapter, blocked user)', async () => {
    const user = makeTeamsUser('Carsten Eg');
    const reference = referenceTo(user);
    connector.double.block(user.id);
    const error = await failureOf(adapter.continueConversationAsync('', reference, async (context) => void (await context.sendActivity('Påmindelse'))));
    expect([error.statusCode, error.code, error.message, error.details?.error?.code]).toEqual([403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.', 'ConversationBlockedByUser']);
  });

  it('a 429 reaches the caller only after the client retried three times, waiting Retry-After each time', async () => {
    const { conversationId } = connector.user('Dan Ebbesen');
    const before = connector.double.counts().throttled;
    connector.double.failNext(4, { status: 429, retryAfterSeconds: 0, conversationId });
    const error = await failureOf(client().conversations.sendToConversation(conversationId, message('hej')));
    expect([error.name, error.statusCode, error.code, error.response?.status, error.response?.headers.get('retry-after')]).toEqual(['RestError', 429, 'Throttled', 429, '0']);
    expect(connector.double.counts().throttled - before).toBe(4);
  });

  it("so Teams' own 7-a-second limit is waited out inside the client: the 8th message arrives a second later", async () => {
    const { conversationId } = connector.user('Ebba Frost');
    const before = connector.double.counts().throttled;
    const started = Date.now();
    const sender = client();
    await Promise.all(Array.from({ length: 8 }, (_, i) => sender.conversations.sendToConversation(conversationId, message(`besked ${i}`))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(connector.double.activities(conversationId)).toHaveLength(8);
    expect(connector.double.counts().throttled - before).toBe(1);
  });

  it('a lost answer is retried by the client as well: the user gets the message twice', async () => {
    const { conversationId } = connector.user('Finn Gram');
    connector.double.loseNext(1, { conversationId });
    await client().conversations.sendToConversation(conversationId, message('Mødet er flyttet'));
    expect(connector.double.activities(conversationId).map((a) => a.text)).toEqual(['Mødet er flyttet', 'Mødet er flyttet']);
  });

  it('without its retry policy (reached through a private field) the client fails at the first 429', async () => {
    const { conversationId } = connector.user('Grete Hald');
    const bare = client();
    (bare as unknown as { client: { pipeline: { removePolicy(policy: { name: string }): void } } }).client.pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    const before = connector.double.counts().throttled;
    connector.double.failNext(1, { status: 429, retryAfterSeconds: 7, conversationId });
    const error = await failureOf(bare.conversations.sendToConversation(conversationId, message('hej')));
    expect([error.statusCode, error.response?.headers.get('Retry-After'), connector.double.counts().throttled - before]).toEqual([429, '7', 1]);
  });
});
