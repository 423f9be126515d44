import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Caller } from '../../app/who-is';
import { sendError } from '../http-errors';
import type { Log } from '../log';
import { SignInUnavailable } from './entra-keys';
import { TokenRefused, type EntraUser } from './entra-token';

/**
 * How the tab's callers prove who they are: in local mode they name a demo user (the server
 * listens on this machine only); with a tenant they carry a Teams SSO token, and nothing else counts.
 */
export type SignIn = { mode: 'local' } | { mode: 'tenant'; verify(token: string): Promise<EntraUser> };

export const DEMO_USER_HEADER = 'X-Demo-User';

const demoUser = z.email();
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Puts the caller in `res.locals`, or answers 401 (503 when Entra ID's keys cannot be read). */
export function signedIn(signIn: SignIn, log: Log): RequestHandler {
  if (signIn.mode === 'local') {
    return (req, res, next) => {
      const named = demoUser.safeParse(req.get(DEMO_USER_HEADER)?.trim());
      if (!named.success) return sendError(res, 'demo_user_required');
      setCaller(res, { identity: { email: named.data }, name: null });
      next();
    };
  }
  return async (req, res, next) => {
    const token = BEARER.exec(req.get('Authorization') ?? '')?.[1];
    if (token === undefined) return unauthenticated(res, 'Bearer');
    try {
      const user = await signIn.verify(token);
      setCaller(res, { identity: { aadObjectId: user.oid, email: user.email, userPrincipalName: user.userPrincipalName }, name: user.name });
    } catch (error) {
      if (error instanceof TokenRefused) {
        log.warn(`tab: token afvist / token refused (${req.method} ${req.baseUrl}${req.path}): ${error.reason}`);
        return unauthenticated(res, 'Bearer error="invalid_token"');
      }
      if (error instanceof SignInUnavailable) {
        log.error(`tab: ${error.message}`);
        return sendError(res, 'sign_in_unavailable');
      }
      throw error;
    }
    next();
  };
}

function unauthenticated(res: Response, challenge: string): void {
  res.set('WWW-Authenticate', challenge);
  sendError(res, 'unauthenticated');
}

function setCaller(res: Response, caller: Caller): void {
  res.locals.caller = caller;
}

/** The caller signedIn() found; only routes behind it ask. */
export function callerOf(res: Response): Caller {
  const caller = (res.locals as { caller?: Caller }).caller;
  if (caller === undefined) throw new Error('callerOf: route is not behind signedIn()');
  return caller;
}
