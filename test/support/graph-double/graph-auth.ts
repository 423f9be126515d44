import type { KeyObject } from 'node:crypto';
import { graphError, type GraphResponse, type RequestIds } from './graph-errors';
import { decodeJwt, verifySignature } from './jwt';

export interface Caller {
  appId: string;
  roles: string[];
}

export interface TokenExpectations {
  key: KeyObject;
  issuer: string;
  audience: string;
  tenantId: string;
}

/**
 * Graph's check of the bearer token on every request: signature by the login server's key, issuer,
 * audience (Graph itself), tenant, and lifetime, with no clock skew allowed, so a product that
 * keeps an expired token meets the 401 it would meet on a slow day. A 401 carries
 * InvalidAuthenticationToken and a WWW-Authenticate challenge, as Graph answers.
 */
export function authenticate(authorization: string | undefined, expect: TokenExpectations, ids: RequestIds): Caller | GraphResponse {
  const refuse = (message: string) =>
    graphError(401, 'InvalidAuthenticationToken', message, ids, { 'WWW-Authenticate': `Bearer realm="", authorization_uri="${expect.issuer}oauth2/authorize"` });
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return refuse('Access token is empty.');
  const jwt = decodeJwt(token);
  if (!jwt) return refuse('IDX14100: JWT is not well formed, there are no dots (.).');
  if (jwt.header.alg !== 'RS256' || !verifySignature(jwt, expect.key)) return refuse('Access token validation failure. Invalid signature.');
  const { iss, aud, tid, exp, nbf, appid, roles } = jwt.claims;
  if (iss !== expect.issuer) return refuse('Access token validation failure. Invalid issuer.');
  if (aud !== expect.audience) return refuse('Access token validation failure. Invalid audience.');
  if (tid !== expect.tenantId) return refuse('Access token validation failure. Invalid tenant.');
  const now = Date.now() / 1000;
  if (typeof exp !== 'number' || exp <= now) return refuse('Lifetime validation failed, the token is expired.');
  if (typeof nbf === 'number' && nbf > now) return refuse('Lifetime validation failed, the token is not yet valid.');
  return { appId: String(appid), roles: Array.isArray(roles) ? roles.map(String) : [] };
}

export const isCaller = (value: Caller | GraphResponse): value is Caller => 'roles' in value;

/** Application permissions that let an app do what a request does to a user's events. */
export function permits(caller: Caller, write: boolean): boolean {
  const enough = write ? ['Calendars.ReadWrite'] : ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'];
  return caller.roles.some((role) => enough.includes(role));
}

/** What Outlook answers an app without the permission, or kept out by an application access policy. */
export const accessDenied = (ids: RequestIds) => graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.', ids);

export const blockedByPolicy = (ids: RequestIds) =>
  graphError(403, 'ErrorAccessDenied', 'Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.', ids);
