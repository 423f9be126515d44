import { createHmac, randomUUID } from 'node:crypto';
import { signRs256, type JwtClaims } from '../graph-double/jwt';
import type { SigningKey } from './keys-server';

/** The app registration and tenant a token is for. */
export interface TokenTarget {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  /** The v1 audience, `api://<host>/<client id>`. */
  appIdUri: string;
}

export interface TokenUser {
  oid?: string;
  /** v2 `preferred_username`, v1 `upn`. */
  username?: string;
  email?: string;
  name?: string;
}

/**
 * The claims of a Teams SSO token as Entra ID issues them for the tab's `access_as_user` scope:
 * v1 (`sts.windows.net` issuer, app id URI audience, `upn`) or v2 (authority issuer, client id
 * audience, `preferred_username`), valid for an hour from `nowSeconds`.
 */
export function userClaims(target: TokenTarget, version: 1 | 2, user: TokenUser, nowSeconds: number, overrides: JwtClaims = {}): JwtClaims {
  const common = {
    iat: nowSeconds - 10,
    nbf: nowSeconds - 10,
    exp: nowSeconds + 3600,
    tid: target.tenantId,
    oid: user.oid ?? randomUUID(),
    sub: randomUUID(),
    scp: 'access_as_user',
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
  };
  const versioned =
    version === 1
      ? { aud: target.appIdUri, iss: `https://sts.windows.net/${target.tenantId}/`, ver: '1.0', appid: randomUUID(), ...(user.username ? { upn: user.username, unique_name: user.username } : {}) }
      : { aud: target.clientId, iss: `${target.authorityHost}/${target.tenantId}/v2.0`, ver: '2.0', azp: randomUUID(), ...(user.username ? { preferred_username: user.username } : {}) };
  return { ...common, ...versioned, ...overrides };
}

export function signed(claims: JwtClaims, key: SigningKey, kid = key.kid): string {
  return signRs256({ kid, x5t: kid }, claims, key.privateKey);
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `alg: none`: no signature at all. */
export function unsigned(claims: JwtClaims, kid: string): string {
  return `${part({ typ: 'JWT', alg: 'none', kid })}.${part(claims)}.`;
}

/** HS256 with the published RSA key as the shared secret: the algorithm-confusion forgery. */
export function hmacSigned(claims: JwtClaims, key: SigningKey): string {
  const input = `${part({ typ: 'JWT', alg: 'HS256', kid: key.kid })}.${part(claims)}`;
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
