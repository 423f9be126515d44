import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { BotConnectorDouble, makeTeamsUser, messageActivity, type ChannelTokenOptions } from '../support/bot-connector-double';

const APP_ID = '6b3c8f0e-1f7a-4d2b-9c55-3e0a9d7f1a01';
const TENANT = 'a1b2c3d4-0000-4000-8000-00000000da7a';

/** The bot's side, configured as the product will be, with the double as the Bot Framework. */
function botAuthentication(double: BotConnectorDouble): ConfigurationBotFrameworkAuthentication {
  const config = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    // SingleTenant refuses to start without a secret or certificate; validating inbound tokens never uses it.
    MicrosoftAppPassword: 'not-used-for-inbound-tokens',
    ToBotFromChannelOpenIdMetadataUrl: double.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: double.openIdMetadataUrl,
    ToChannelFromBotLoginUrl: `${double.url}/${TENANT}`,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: double.url,
    ValidateAuthority: false,
    CallerId: 'urn:botframework:azure',
  };
  return new ConfigurationBotFrameworkAuthentication(config, new ConfigurationServiceClientCredentialFactory(config));
}

describe('channel tokens of the double, checked by botbuilder', () => {
  let double: BotConnectorDouble;
  let auth: ConfigurationBotFrameworkAuthentication;
  let activity: Partial<Activity>;
  const token = (extra: Partial<ChannelTokenOptions> = {}) => double.channelToken({ appId: APP_ID, serviceUrl: double.serviceUrl, ...extra });
  const verdict = (header: string, on: Partial<Activity> = activity) =>
    auth.authenticateRequest(on as Activity, header).then(
      (result) => `accepted for ${String(result.claimsIdentity.getClaimValue('aud'))}`,
      (error: Error & { statusCode?: number }) => `${error.statusCode ?? '?'} ${error.message}`,
    );

  beforeAll(async () => {
    double = await BotConnectorDouble.start({ tenantId: TENANT, botAppId: APP_ID });
    auth = botAuthentication(double);
    activity = messageActivity(double.chat(makeTeamsUser('Yrsa Bang')), 'hej') as unknown as Partial<Activity>;
  });
  afterAll(() => double.close());

  // jsonwebtoken's complaints go to console.error inside botframework-connector.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('publishes OpenID metadata and a key endorsed for msteams, as login.botframework.com does', async () => {
    const metadata = (await (await fetch(double.openIdMetadataUrl)).json()) as { issuer: string; jwks_uri: string; id_token_signing_alg_values_supported: string[] };
    expect(metadata).toMatchObject({ issuer: 'https://api.botframework.com', id_token_signing_alg_values_supported: ['RS256'] });
    const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kty: string; kid: string; endorsements: string[] }[] };
    expect(keys.map((k) => [k.kty, k.endorsements])).toEqual([['RSA', ['msteams']]]);
  });

  it('is accepted by ConfigurationBotFrameworkAuthentication, over plain HTTP and from a non-Microsoft host', async () => {
    expect(await verdict(`Bearer ${token()}`)).toBe(`accepted for ${APP_ID}`);
  });

  it('is refused when expired (beyond the five minutes of clock skew botbuilder allows)', async () => {
    expect(await verdict(`Bearer ${token({ expiresInSeconds: -60 })}`)).toBe(`accepted for ${APP_ID}`);
    expect(await verdict(`Bearer ${token({ expiresInSeconds: -600 })}`)).toBe('401 The token has expired');
  });

  it('is refused for another audience, another issuer, a forged signature or another service URL', async () => {
    expect(await verdict(`Bearer ${token({ audience: 'some-other-bot' })}`)).toBe('401 Unauthorized. Invalid AppId passed on token: some-other-bot');
    expect(await verdict(`Bearer ${token({ issuer: 'https://sts.windows.net/evil/' })}`)).toBe('401 Unauthorized. No valid identity.');
    expect(await verdict(`Bearer ${token({ signWithForeignKey: true })}`)).toMatch(/^\? invalid signature$/);
    expect(await verdict(`Bearer ${token({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`)).toBe('401 Unauthorized. ServiceUrl claim do not match.');
  });

  it('is refused when missing, and for a channel the key is not endorsed for', async () => {
    expect(await verdict('')).toBe('401 Unauthorized Access. Request is not authorized');
    expect(await verdict(`Bearer ${token()}`, { ...activity, channelId: 'webchat' })).toMatch(/^401 Could not validate endorsement for key/);
  });
});
