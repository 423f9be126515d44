import express, { type Router } from 'express';
import { apiHeaders } from '../security-headers';
import { signedIn } from '../tab-auth/sign-in';
import { advisorRoutes } from './advisor-routes';
import { answerRoutes } from './answer-routes';
import { apiErrors } from './api-errors';
import { cardPreviewRoutes } from './card-preview-routes';
import { cohortRoutes } from './cohort-routes';
import { demoRoutes } from './demo-routes';
import { meetingRoutes } from './meeting-routes';
import { memberRoutes } from './member-routes';
import { municipalityRoutes } from './municipality-routes';
import { openApiDocument } from './openapi';
import { outreachRoutes } from './outreach-routes';
import { registrationRoutes } from './registration-routes';
import { slotRoutes } from './slot-routes';
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
  meetingRoutes(router, deps);
  answerRoutes(router, deps);
  municipalityRoutes(router, deps);
  registrationRoutes(router, deps);
  slotRoutes(router, deps);
  cardPreviewRoutes(router, deps);
  cohortRoutes(router, deps);
  outreachRoutes(router, deps);
  router.use(apiErrors);
  return router;
}
