import type { Router } from 'express';
import { demoUsers } from '../../app/demo-users';
import { sendError } from '../http-errors';
import type { TabApiDeps } from './tab-api-deps';

/**
 * Local mode's user picker. With a tenant there are no demo users: the address answers 404 before
 * any sign-in, as if it were not there, so nobody is led to try one.
 */
export function demoRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/demo-users', async (_req, res) => {
    if (deps.signIn.mode !== 'local') return sendError(res, 'not_found');
    res.json({ users: await demoUsers(deps.store) });
  });
}
