import express, { type Router } from 'express';
import { apiHeaders } from '../security-headers';
import { signedIn } from '../tab-auth/sign-in';
import { advisorRoutes } from './advisor-routes';
import { answerRoutes } from './answer-routes';
import { apiErrors } from './api-errors';
import { demoRoutes } from './demo-routes';
import { memberRoutes } from './member-routes';
import { openApiDocument } from './openapi';
import type { TabApiDeps } from './tab-api-deps';

/**
 * The tab's JSON API, mounted at /api. Only its description, and in local mode the demo users, are
 * open; everything after signedIn() knows its caller, and roles come from the cohort data.
 */
export function tabApi(deps: TabApiDeps): Router {
  const router = express.Router();
  const document = openApiDocument();
  router.use(apiHeaders);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  demoRoutes(router, deps);
  router.use(signedIn(deps.signIn, deps.log));
  memberRoutes(router, deps);
  advisorRoutes(router, deps);
  answerRoutes(router, deps);
  router.use(apiErrors);
  return router;
}
