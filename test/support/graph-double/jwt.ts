import { constants, createHash, sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signRs256(header: Record<string, unknown>, claims: JwtClaims, key: KeyObject): string {
  const input = `${encode({ typ: 'JWT', alg: 'RS256', ...header })}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Null when the text is not three base64url parts with JSON objects in the first two. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, signature] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(claims)) return null;
    return { header, claims, signingInput: `${head}.${body}`, signature: Buffer.from(signature, 'base64url') };
  } catch {
    // Not base64url JSON: the caller answers "malformed" for every such case alike.
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RS256 and PS256, the two algorithms Entra ID accepts for a certificate's client assertion. */
export function verifySignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  switch (jwt.header.alg) {
    case 'RS256':
      return verify('sha256', data, key, jwt.signature);
    case 'PS256':
      return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, jwt.signature);
    default:
      return false;
  }
}

/** The base64url SHA-1 (`x5t`) or SHA-256 (`x5t#S256`) thumbprint of a certificate's DER bytes. */
export function thumbprint(der: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(der).digest('base64url');
}
