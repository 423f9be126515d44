import type { Router } from 'express';
import { founderIn } from '../../app/create-cohort';
import { joinUrls } from '../../app/join-urls';
import { whoIs } from '../../app/who-is';
import { notPermitted } from '../../domain/permissions';
import { callerOf } from '../tab-auth/sign-in';
import { cohortSummaries, meView } from './membership-views';
import { myMeetingsView } from './my-meetings-view';
import type { TabApiDeps } from './tab-api-deps';

/** What any signed-in person may ask about themselves; someone in no cohort gets an empty answer, not an error. */
export function memberRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/me', async (_req, res) => {
    const caller = callerOf(res);
    const someone = await whoIs(deps.store, caller.identity);
    res.json(meView(deps.signIn.mode, someone, caller.name, founderIn(someone, caller, deps.advisors ?? []) !== null));
  });

  router.get('/cohorts', async (_req, res) => {
    res.json(cohortSummaries(await whoIs(deps.store, callerOf(res).identity), deps.clock.now()));
  });

  router.get('/my/meetings', async (_req, res) => {
    const someone = await whoIs(deps.store, callerOf(res).identity);
    if (someone.memberships.length === 0) throw notPermitted();
    const links = new Map<string, string>();
    for (const cohort of someone.cohorts) for (const [id, url] of await joinUrls(deps.db, cohort)) links.set(id, url);
    res.json(myMeetingsView(someone, links, deps.clock.now()));
  });
}
