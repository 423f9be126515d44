import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { ClientCertificate } from './certificate';
import { tokenErrorOf, TokenError, type TokenContext } from './token-errors';

export type ClientCredential = { kind: 'secret'; secret: string } | { kind: 'certificate'; certificate: ClientCertificate };

export interface TokenSettings {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** `AAD_APP_OAUTH_AUTHORITY_HOST`, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** `GRAPH_ENDPOINT`: the token is asked for its `/.default` scope. */
  graphEndpoint: string;
}

/** Where the sender gets its tokens; the Graph client's AuthenticationHandler asks the same. */
export interface TokenSource extends AuthenticationProvider {
  getAccessToken(): Promise<string>;
  /** Graph refused the current token (401): the next call fetches a new one instead of the cached. */
  invalidate(): void;
}

/**
 * App-only tokens for Graph by the client credentials grant. msal-node keeps the token in memory and
 * fetches a new one five minutes before it expires, so most calls cost no request to Entra ID.
 *
 * The authority's host is a known authority: msal then trusts it as it is, with no instance
 * discovery at login.microsoftonline.com (which a sovereign cloud or a private test host must not
 * depend on). Except for Microsoft's public and sovereign hosts, whose endpoints msal has built in,
 * it reads `{authority}/v2.0/.well-known/openid-configuration` once, for the token endpoint.
 */
export class GraphTokens implements TokenSource {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  private readonly context: TokenContext;
  private refresh = false;
  private pending: Promise<string> | null = null;

  constructor(settings: TokenSettings) {
    const { credential } = settings;
    const config: Configuration = {
      auth: {
        clientId: settings.clientId,
        authority: `${settings.authorityHost}/${settings.tenantId}`,
        knownAuthorities: [new URL(settings.authorityHost).host],
        ...(credential.kind === 'secret' ? { clientSecret: credential.secret } : { clientCertificate: credential.certificate }),
      },
      system: { loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
    };
    this.app = new ConfidentialClientApplication(config);
    this.scope = `${settings.graphEndpoint}/.default`;
    this.context = {
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      authorityHost: settings.authorityHost,
      graphEndpoint: settings.graphEndpoint,
      credential: credential.kind,
    };
  }

  /**
   * Callers at the same moment share one acquisition: a worker sends to several mailboxes at once,
   * and msal-node would otherwise ask Entra ID once for each while its cache is still empty.
   */
  getAccessToken(): Promise<string> {
    this.pending ??= this.acquire().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async acquire(): Promise<string> {
    const skipCache = this.refresh;
    this.refresh = false;
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope], skipCache });
      if (!result?.accessToken) throw new TokenError({ da: 'Entra ID svarede uden et adgangstoken', en: 'Entra ID answered without an access token' }, true, 'empty token response');
      return result.accessToken;
    } catch (error) {
      throw tokenErrorOf(error, this.context);
    }
  }

  invalidate(): void {
    this.refresh = true;
  }
}
