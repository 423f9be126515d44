import { X509Certificate } from 'node:crypto';
import { decodeJwt, thumbprint, verifySignature } from './jwt';

/** Clients round their clocks (msal-node sets `nbf` to the rounded second), so Entra ID allows some skew. */
const CLOCK_SKEW_SECONDS = 300;

/** Why Entra ID refuses an assertion: the AADSTS code and its description. */
export interface AssertionRefusal {
  code: number;
  description: string;
}

/**
 * Checks a client assertion as "Microsoft identity platform application authentication certificate
 * credentials" describes it: a JWT signed (RS256 or PS256) with the private key of a certificate
 * registered on the app, named by `x5t` (SHA-1) or `x5t#S256` (SHA-256) in its header, with
 * `iss` = `sub` = the client id, `aud` = the token endpoint, and `nbf`/`exp` around now.
 * Null when it is good.
 */
export function checkAssertion(
  assertion: string,
  clientId: string,
  tokenEndpoint: string,
  certificates: string[],
  nowSeconds: number,
): AssertionRefusal | null {
  const jwt = decodeJwt(assertion);
  if (!jwt) return { code: 50027, description: 'JWT token is invalid or malformed.' };
  const certs = certificates.map((pem) => new X509Certificate(pem));
  const sha1 = jwt.header.x5t;
  const sha256 = jwt.header['x5t#S256'];
  const cert = certs.find((c) => c.raw && (thumbprint(c.raw, 'sha1') === sha1 || thumbprint(c.raw, 'sha256') === sha256));
  if (!cert) {
    const used = typeof sha256 === 'string' ? sha256 : String(sha1);
    return { code: 700027, description: `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${used}']` };
  }
  if (!verifySignature(jwt, cert.publicKey)) return { code: 700027, description: 'Client assertion failed signature validation.' };
  const { iss, sub, aud, exp, nbf } = jwt.claims;
  if (iss !== clientId || sub !== clientId) return { code: 700021, description: "Client assertion application identifier doesn't match 'client_id' parameter." };
  if (aud !== tokenEndpoint) return { code: 50027, description: `JWT token is invalid or malformed: the audience '${String(aud)}' is not ${tokenEndpoint}.` };
  if (typeof exp !== 'number' || exp + CLOCK_SKEW_SECONDS <= nowSeconds || (typeof nbf === 'number' && nbf - CLOCK_SKEW_SECONDS > nowSeconds)) {
    return { code: 700024, description: 'Client assertion is not within its valid time range.' };
  }
  return null;
}
