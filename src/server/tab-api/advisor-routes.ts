import type { Router } from 'express';
import { joinUrls } from '../../app/join-urls';
import { moveMeetingAsAdvisor } from '../../app/move-meeting-as-advisor';
import { seriesStatus } from '../../app/series-status';
import { findPlenary } from '../../domain/cohort-rules';
import { callerOf } from '../tab-auth/sign-in';
import { advisedBy } from './access';
import { cohortView } from './cohort-view';
import { changedPlenaryView } from './plenary-view';
import { expectedVersion, input } from './request-input';
import { cohortParams, meetingParams, moveBody } from './request-schemas';
import { rsvpMatrixView } from './rsvp-matrix-view';
import type { TabApiDeps } from './tab-api-deps';

/** The cohort as its advisors run it. Access is checked before the body is read: a stranger learns nothing from a 400. */
export function advisorRoutes(router: Router, deps: TabApiDeps): void {
  const delivery = { store: deps.store, db: deps.db, connectedKinds: deps.connectedKinds };

  router.get('/cohorts/:id', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const cohort = await advisedBy(deps.store, callerOf(res), id);
    res.json(cohortView(cohort, await joinUrls(deps.db, cohort), await seriesStatus(delivery, id)));
  });

  router.get('/cohorts/:id/rsvp-matrix', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    res.json(rsvpMatrixView(await advisedBy(deps.store, callerOf(res), id)));
  });

  // "Ny dato". If-Match carries the meeting's version (not the cohort's revision, which every RSVP
  // bumps): a move made while looking at an older version is refused with 412, nothing overwritten.
  router.put('/cohorts/:id/meetings/:meetingId', async (req, res) => {
    const { id, meetingId } = input(meetingParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const version = expectedVersion(req);
    const { start } = input(moveBody, req.body, 'body');
    const stored = await moveMeetingAsAdvisor({ db: deps.db, clock: deps.clock }, caller.identity, { cohortId: id, meetingId, start, expectedVersion: version });
    const meeting = findPlenary(stored.cohort, meetingId, { da: 'Kun fællesmøder flyttes her.', en: 'Only plenary meetings are moved here.' });
    res.set('ETag', `"${meeting.version}"`).json(await changedPlenaryView(delivery, stored.cohort, meeting));
  });
}
