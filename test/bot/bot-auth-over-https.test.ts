import { makeTeamsUser, messageActivity, postActivity, type BotAnswer, type ChannelTokenOptions, type PersonalChat, type TeamsActivity } from '../support/bot-connector-double';
import { cardsSent, textOf } from './fixtures/bot-server';
import { startTenantBot, type TenantBot } from './fixtures/tenant-bot-process';

/**
 * The built server with a bot registration (BOT_ID), as an operator deploys it: every activity must
 * carry a Bot Framework token, and the bot's answers reach the Bot Connector with a token of its own.
 */
describe('the bot endpoint with a bot registration, over HTTPS against the doubles', () => {
  let bot: TenantBot;
  let chat: PersonalChat;

  beforeAll(async () => {
    bot = await startTenantBot();
    chat = bot.connector.chat(makeTeamsUser('Aase Jensen'));
  }, 30_000);
  afterAll(() => bot?.close());

  const channelToken = (options: Partial<ChannelTokenOptions> = {}) => bot.connector.channelToken({ appId: bot.botId, serviceUrl: chat.serviceUrl, ...options });
  const post = (activity: TeamsActivity, token?: string): Promise<BotAnswer> =>
    postActivity(`${bot.url}/api/messages`, activity, token === undefined ? {} : { token });

  /** Runs the requests and expects the bot to have sent nothing to the Connector meanwhile, not even a lookup. */
  async function sendingNothing<T>(requests: () => Promise<T>): Promise<T> {
    const before = bot.connector.counts();
    const result = await requests();
    expect(bot.connector.counts()).toEqual(before);
    return result;
  }

  it('answers a message without an Authorization header 401 and sends nothing', async () => {
    const answer = await sendingNothing(() => post(messageActivity(chat, 'hjælp')));
    expect([answer.status, answer.body]).toEqual([401, { error: expect.objectContaining({ code: 'unauthorized' }) }]);
  });

  it('answers a forged token, an expired one and one for another bot or service URL 401 each, and sends nothing', async () => {
    const cases: [string, Partial<ChannelTokenOptions>][] = [
      ['signed with a key Bot Framework does not publish', { signWithForeignKey: true }],
      // Ten minutes: botbuilder allows five minutes of clock skew.
      ['expired', { expiresInSeconds: -600 }],
      ['for another bot', { audience: '00000000-0000-4000-8000-00000000dead' }],
      ['for another service URL', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }],
    ];
    const answers = await sendingNothing(async () => {
      const statuses: [string, number][] = [];
      for (const [why, options] of cases) statuses.push([why, (await post(messageActivity(chat, 'hjælp'), channelToken(options))).status]);
      return statuses;
    });
    expect(answers).toEqual(cases.map(([why]) => [why, 401]));
  });

  it('answers a genuine token 200, and the reply reaches the Connector with a token Entra ID issued to the bot', async () => {
    const answer = await post(messageActivity(chat, 'hjælp'), channelToken());
    expect(answer.status).toBe(200);

    // A stranger to every cohort is told so, in a card Teams can render.
    const cards = cardsSent(bot.connector, chat.conversationId);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('Jeg kan ikke finde dig i et gruppeforløb');

    expect(bot.connector.counts().unauthorized).toBe(0);
    expect(bot.bearers.length).toBeGreaterThan(0);
    for (const claims of bot.bearers) expect(claims).toMatchObject({ aud: 'https://api.botframework.com', appid: bot.botId, tid: bot.graph.tenantId });
    expect(bot.bearers[0]).not.toHaveProperty('roles');
  });

  it('answers an activity whose serviceUrl is plain http 400, even with a genuine token for it, and sends nothing', async () => {
    const serviceUrl = chat.serviceUrl.replace(/^https:/, 'http:');
    const answer = await sendingNothing(() => post({ ...messageActivity(chat, 'hjælp'), serviceUrl }, channelToken({ serviceUrl })));
    expect([answer.status, answer.body]).toEqual([400, { error: { code: 'invalid_activity', message: expect.stringContaining('https') } }]);
  });
});
