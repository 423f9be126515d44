import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import type { KeyLookup } from './entra-keys';
import { jose } from './jose-module';

/** Who a valid token says the caller is: what the identity use-case matches on, and a name to greet. */
export interface EntraUser {
  oid: string;
  /** A guest's real address, when the token carries it. */
  email: string | null;
  /** `preferred_username` (v2) or `upn` (v1); a guest's is a `#EXT#` name the identity rule skips. */
  userPrincipalName: string | null;
  name: string | null;
}

/** Why a token was refused, for the log only: the caller hears one "not signed in" for all. */
export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(`token refused: ${reason}`);
    this.name = 'TokenRefused';
  }
}

export interface EntraTokenOptions {
  tenantId: string;
  clientId: string;
  /** `AAD_APP_OAUTH_AUTHORITY_HOST`, without a trailing slash. */
  authorityHost: string;
  /** `TAB_APP_ID_URI`; null accepts any `api://…/<client id>` as a v1 token's audience. */
  appIdUri: string | null;
  keys: KeyLookup;
  /** Milliseconds since the epoch: the server's clock. */
  now: () => number;
}

/** Clocks of Entra ID and this server may differ a little; more would stretch a token's life. */
const CLOCK_SKEW_SECONDS = 120;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * Checks a Teams SSO token: RS256 signed by one of the tenant's keys, in date, issued by the
 * agency's tenant for this app — a v1 token (`sts.windows.net` issuer, the app id URI as audience)
 * or a v2 one (the authority's issuer, the client id as audience) — and on behalf of a signed-in
 * user (`scp`), not an application. Guests sign in through the agency's tenant too.
 */
export function entraTokenVerifier(options: EntraTokenOptions): (token: string) => Promise<EntraUser> {
  const v1Issuer = `https://sts.windows.net/${options.tenantId}/`;
  const v2Issuer = `${options.authorityHost}/${options.tenantId}/v2.0`;
  const clientId = options.clientId.toLowerCase();
  const v1Audience = (aud: string) =>
    options.appIdUri !== null ? aud === options.appIdUri : aud.startsWith('api://') && aud.toLowerCase().endsWith(`/${clientId}`) && aud.length > `api:///${clientId}`.length;

  return async (token) => {
    const { jwtVerify, errors } = await jose();
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, options.keys, {
        algorithms: ['RS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(options.now()),
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new TokenRefused(error.code);
      throw error;
    }
    if (claims.tid !== options.tenantId) throw new TokenRefused('tenant');
    const aud = claims.aud;
    if (typeof aud !== 'string') throw new TokenRefused('audience');
    if (claims.iss === v1Issuer) {
      if (!v1Audience(aud)) throw new TokenRefused('audience');
    } else if (claims.iss === v2Issuer) {
      if (aud.toLowerCase() !== clientId) throw new TokenRefused('audience');
    } else {
      throw new TokenRefused('issuer');
    }
    if (text(claims.scp) === null) throw new TokenRefused('not a user token');
    const oid = text(claims.oid);
    if (oid === null) throw new TokenRefused('oid');
    return { oid, email: text(claims.email), userPrincipalName: text(claims.preferred_username) ?? text(claims.upn), name: text(claims.name) };
  };
}
