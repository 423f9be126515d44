import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { TokenCredentials } from 'botframework-connector';
import express from 'express';
import {
  BotConnectorDouble,
  botAddedActivity,
  cardActionActivity,
  installationUpdateActivity,
  makeTeamsUser,
  messageActivity,
  postActivity,
  type PersonalChat,
} from '../support/bot-connector-double';

const APP_ID = '0c4f7e2a-5b1d-4e8f-a3c6-9d2b7f1e0a55';
const TENANT = 'f00dbabe-0000-4000-8000-00000000d0c5';
const BOT_TOKEN = 'token-the-bot-shows-the-connector';

describe('activities as Teams sends them', () => {
  const chat: PersonalChat = {
    serviceUrl: 'http://127.0.0.1:3978/',
    tenantId: TENANT,
    conversationId: 'a:1chat',
    user: makeTeamsUser('Hanne Ibsen'),
    bot: { appId: APP_ID, name: 'Gruppeforløb' },
  };

  it('carry channel, service URL, sender, bot, 1:1 conversation, tenant, locale and client info', () => {
    const activity = messageActivity(chat, 'Hvornår er næste møde?');
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:3978/',
      from: { id: chat.user.id, name: 'Hanne Ibsen', aadObjectId: chat.user.aadObjectId },
      recipient: { id: `28:${APP_ID}`, name: 'Gruppeforløb' },
      conversation: { id: 'a:1chat', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'da-DK',
      localTimezone: 'Europe/Copenhagen',
      entities: [{ type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web', timezone: 'Europe/Copenhagen' }],
      text: 'Hvornår er næste møde?',
      textFormat: 'plain',
      attachments: [{ contentType: 'text/html', content: '<p>Hvornår er næste møde?</p>' }],
    });
    expect(activity.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(activity.localTimestamp).toMatch(/\+0[12]:00$/);
    expect(messageActivity(chat, 'igen').id).not.toBe(activity.id);
  });

  it('name the install, the bot joining, and a press on an Action.Execute button', () => {
    expect(installationUpdateActivity(chat, 'remove')).toMatchObject({ type: 'installationUpdate', action: 'remove' });
    expect(botAddedActivity(chat)).toMatchObject({ type: 'conversationUpdate', membersAdded: [{ id: `28:${APP_ID}` }] });
    expect(cardActionActivity(chat, { verb: 'tilmeld', data: { moede: 3 }, replyToId: '1700000000000' })).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'tilmeld', data: { moede: 3 } }, trigger: 'manual' },
      replyToId: '1700000000000',
    });
    expect(botAddedActivity(chat).id).toMatch(/^f:\d{20}$/);
  });
});

/** A TeamsActivityHandler that says what it saw and answers, as the product's bot will. */
class EchoBot extends TeamsActivityHandler {
  readonly seen: string[] = [];

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Hej ${context.activity.from.name}`);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      this.seen.push(`installed by ${context.activity.from.aadObjectId}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botItself = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      this.seen.push(botItself ? 'bot added' : 'member added');
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(_context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // botbuilder types `value` as an object; a message response carries plain text there.
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `Du valgte ${value.action.verb}` as unknown as Record<string, unknown> };
  }
}

/** Outbound calls carry a fixed token instead of one from Entra ID; inbound ones are checked against the double. */
class FixedTokenCredentials extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(): Promise<TokenCredentials> {
    return new TokenCredentials(BOT_TOKEN);
  }
}

describe('a botbuilder bot receiving from the double as Teams, and answering through it', () => {
  let double: BotConnectorDouble;
  let server: Server;
  let endpoint: string;
  const bot = new EchoBot();

  beforeAll(async () => {
    double = await BotConnectorDouble.start({ tenantId: TENANT, botAppId: APP_ID, requireBearer: (token) => token === BOT_TOKEN });
    const config = {
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppPassword: 'unused',
      ToBotFromChannelOpenIdMetadataUrl: double.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: double.openIdMetadataUrl,
      ToChannelFromBotLoginUrl: `${double.url}/${TENANT}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: double.url,
      ValidateAuthority: false,
      CallerId: 'urn:botframework:azure',
    };
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config, new FixedTokenCredentials(config)));
    const app = express();
    app.post('/api/messages', express.json(), (req, res) => void adapter.process(req, res, (context) => bot.run(context)));
    server = await new Promise<Server>((done) => {
      const listening = app.listen(0, '127.0.0.1', () => done(listening));
    });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await double.close();
  });
  // CloudAdapter logs every refused request to console.error.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const token = (chat: PersonalChat) => double.channelToken({ appId: APP_ID, serviceUrl: chat.serviceUrl });

  it('takes a message with a channel token and replies to it through the Connector', async () => {
    const chat = double.chat(makeTeamsUser('Ib Juhl'));
    const activity = messageActivity(chat, 'Hej bot');
    const answer = await postActivity(endpoint, activity, { token: token(chat) });
    expect(answer.status).toBe(200);
    expect(double.activities(chat.conversationId).map((a) => [a.type, a.text, a.replyToId])).toEqual([['message', 'Hej Ib Juhl', activity.id]]);
    expect(double.counts().unauthorized).toBe(0);
  });

  it('answers an Action.Execute press in the HTTP response, as Teams expects of an invoke', async () => {
    const chat = double.chat(makeTeamsUser('Jytte Kamp'));
    const answer = await postActivity(endpoint, cardActionActivity(chat, { verb: 'tilmeld', data: { moede: 2 } }), { token: token(chat) });
    expect(answer).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Du valgte tilmeld' } });
  });

  it('sees the install and the bot joining the chat', async () => {
    const chat = double.chat(makeTeamsUser('Kim Lauritsen'));
    await postActivity(endpoint, installationUpdateActivity(chat, 'add'), { token: token(chat) });
    await postActivity(endpoint, botAddedActivity(chat), { token: token(chat) });
    expect(bot.seen.slice(-2)).toEqual([`installed by ${chat.user.aadObjectId}`, 'bot added']);
  });

  it('refuses a call without a token (401) and, surprisingly, answers a forged one 500', async () => {
    const chat = double.chat(makeTeamsUser('Lone Mikkelsen'));
    expect((await postActivity(endpoint, messageActivity(chat, 'hej'))).status).toBe(401);
    const forged = await postActivity(endpoint, messageActivity(chat, 'hej'), { token: double.channelToken({ appId: APP_ID, serviceUrl: chat.serviceUrl, signWithForeignKey: true }) });
    expect([forged.status, forged.body]).toEqual([500, 'invalid signature']);
    expect(double.activities(chat.conversationId)).toEqual([]);
  });
});
