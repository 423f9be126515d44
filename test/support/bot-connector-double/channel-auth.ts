import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { signRs256 } from '../graph-double/jwt';

/** The issuer of every token the Bot Framework sends to a bot (botframework-connector's ToBotFromChannelTokenIssuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface ChannelTokenOptions {
  /** The bot's Microsoft App ID: the token's audience unless `audience` says otherwise. */
  appId: string;
  /** The `serviceurl` claim; botbuilder requires it to equal the activity's `serviceUrl` exactly. */
  serviceUrl: string;
  /** Negative for a token that expired that long ago; 3600 when left out. */
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Signed by a key the metadata does not publish, under the published key's `kid`: a forgery. */
  signWithForeignKey?: boolean;
}

/**
 * The Bot Framework's side of a channel's call to a bot: an RSA key whose public half is published
 * like login.botframework.com publishes its keys (OpenID metadata, then a JWKS whose keys carry the
 * channels they are `endorsements` for), and JWTs signed with it.
 */
export class ChannelAuthority {
  private readonly kid = randomBytes(20).toString('base64url');
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private foreignKey: KeyObject | undefined;

  /** What `/v1/.well-known/openidconfiguration` answers, the shape of login.botframework.com's. */
  metadata(jwksUri: string): Record<string, unknown> {
    return {
      issuer: BOT_FRAMEWORK_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: jwksUri,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    const { n, e, kty } = this.keys.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty, use: 'sig', kid: this.kid, n, e, endorsements: ['msteams'] }] };
  }

  token(options: ChannelTokenOptions, now = Date.now()): string {
    const seconds = Math.floor(now / 1000);
    const exp = seconds + (options.expiresInSeconds ?? 3600);
    // A token that has already expired was issued an hour before it expired, not now.
    const issued = exp > seconds ? seconds : exp - 3600;
    const claims = { serviceurl: options.serviceUrl, nbf: issued, iat: issued, exp, iss: options.issuer ?? BOT_FRAMEWORK_ISSUER, aud: options.audience ?? options.appId };
    return signRs256({ kid: this.kid }, claims, options.signWithForeignKey ? this.foreign() : this.keys.privateKey);
  }

  private foreign(): KeyObject {
    this.foreignKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return this.foreignKey;
  }
}
