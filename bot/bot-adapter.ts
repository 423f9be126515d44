import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationConstants, ServiceClientCredentialsFactory, type BotFrameworkAuthentication, type ServiceClientCredentials } from 'botframework-connector';
import type { BotConfig } from '../src/config/config';
import { GraphTokens } from '../src/graph/graph-tokens';

/** Bot Framework's token audience for calls from the bot to the Bot Connector. */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com';

/**
 * Tokens for the Bot Connector from the same msal-based source as Graph's: the authority host is
 * AAD_APP_OAUTH_AUTHORITY_HOST (a known authority, no instance discovery), the audience Bot
 * Framework's. A SingleTenant bot signs in to its own tenant, a MultiTenant one to botframework.com.
 */
class BotTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly tokens: GraphTokens;

  constructor(private readonly bot: BotConfig & { password: string }, authorityHost: string) {
    super();
    this.tokens = new GraphTokens({
      tenantId: bot.type === 'SingleTenant' ? bot.tenantId : 'botframework.com',
      clientId: bot.appId,
      credential: { kind: 'secret', secret: bot.password },
      authorityHost,
      graphEndpoint: BOT_CONNECTOR_SCOPE,
    });
  }

  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === this.bot.appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }

  createCredentials(): Promise<ServiceClientCredentials> {
    const tokens = this.tokens;
    return Promise.resolve({
      async signRequest(request) {
        request.headers.set('Authorization', `Bearer ${await tokens.getAccessToken()}`);
        return request;
      },
    });
  }
}

function credentialsFactory(bot: BotConfig, authorityHost: string): ServiceClientCredentialsFactory {
  if (bot.password === null) {
    // A user-assigned managed identity gets its tokens from the Azure host, which botbuilder knows.
    return new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: bot.appId, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: bot.tenantId });
  }
  return new BotTokenCredentialsFactory({ ...bot, password: bot.password }, authorityHost);
}

/**
 * With a bot registration, every request must carry a Bot Framework token signed by a key from
 * BOT_OPENID_METADATA_URL (Microsoft's unless a sovereign cloud or a test says otherwise).
 * Without one (local mode) nothing is checked: the server listens on loopback only, for the
 * Bot Framework Emulator or Teams App Test Tool on the same machine.
 */
export function createAdapter(bot: BotConfig | null, authorityHost: string): { adapter: CloudAdapter; auth: BotFrameworkAuthentication } {
  if (bot === null) {
    const auth = new ConfigurationBotFrameworkAuthentication({});
    return { adapter: new CloudAdapter(auth), auth };
  }
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppType: bot.type,
    MicrosoftAppTenantId: bot.tenantId,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: `${authorityHost}/${bot.type === 'SingleTenant' ? bot.tenantId : 'botframework.com'}`,
    ToChannelFromBotOAuthScope: BOT_CONNECTOR_SCOPE,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
  const auth = new ConfigurationBotFrameworkAuthentication(options, credentialsFactory(bot, authorityHost));
  return { adapter: new CloudAdapter(auth), auth };
}
