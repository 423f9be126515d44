import type { Router } from 'express';
import { bookSeriesAsAdvisor } from '../../app/book-series-as-advisor';
import { changeMeetingDetailsAsAdvisor } from '../../app/change-meeting-details-as-advisor';
import { retryCohortDelivery } from '../../app/cohort-delivery';
import { joinUrls } from '../../app/join-urls';
import { meetingNotice } from '../../app/meeting-notice';
import { seriesStatus } from '../../app/series-status';
import { findPlenary } from '../../domain/cohort-rules';
import { callerOf } from '../tab-auth/sign-in';
import { advisedBy } from './access';
import { cohortView } from './cohort-view';
import { changedPlenaryView } from './plenary-view';
import { expectedVersion, input } from './request-input';
import { cohortParams, detailsBody, meetingParams } from './request-schemas';
import type { DeliveryRetryResponse, NoticeResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/**
 * The advisors' meetings panel beyond the move: a plenary's form, place and themes, who a change
 * reaches, booking the series in Outlook and trying failed deliveries again. Access is checked
 * before the body is read, as for the move.
 */
export function meetingRoutes(router: Router, deps: TabApiDeps): void {
  const change = { db: deps.db, clock: deps.clock };
  const delivery = { store: deps.store, db: deps.db, connectedKinds: deps.connectedKinds };

  // If-Match carries the meeting's version, as for the move: an edit of an older version is 412.
  router.put('/cohorts/:id/meetings/:meetingId/details', async (req, res) => {
    const { id, meetingId } = input(meetingParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const version = expectedVersion(req);
    const body = input(detailsBody, req.body, 'body');
    const details = { form: body.form, place: body.place ?? '', themes: body.themes };
    const stored = await changeMeetingDetailsAsAdvisor(change, caller.identity, { cohortId: id, meetingId, details, expectedVersion: version });
    const meeting = findPlenary(stored.cohort, meetingId, { da: 'Kun fællesmøder ændres her.', en: 'Only plenary meetings are changed here.' });
    res.set('ETag', `"${meeting.version}"`).json(await changedPlenaryView(delivery, stored.cohort, meeting));
  });

  router.get('/cohorts/:id/meetings/:meetingId/notice', async (req, res) => {
    const { id, meetingId } = input(meetingParams, req.params, 'params');
    const cohort = await advisedBy(deps.store, callerOf(res), id);
    res.json(meetingNotice(cohort, meetingId) satisfies NoticeResponse);
  });

  // Booking again changes nothing, so a double click or a retry after a lost answer is harmless.
  router.post('/cohorts/:id/booking', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const { cohort } = await bookSeriesAsAdvisor(change, caller.identity, id, deps.organizer);
    res.json(cohortView(cohort, await joinUrls(deps.db, cohort), await seriesStatus(delivery, id)));
  });

  router.post('/cohorts/:id/delivery/retry', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    await advisedBy(deps.store, callerOf(res), id);
    res.json((await retryCohortDelivery({ ...delivery, clock: deps.clock }, id)) satisfies DeliveryRetryResponse);
  });
}
