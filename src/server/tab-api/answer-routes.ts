import type { Router } from 'express';
import { answerRsvp, reportPresentation } from '../../app/answer-in-person';
import { presentationTasks } from '../../domain/presentations';
import { isForCurrentDate } from '../../domain/rsvp';
import { callerOf } from '../tab-auth/sign-in';
import { memberOf } from './access';
import { input } from './request-input';
import { meetingParams, presentationBody, presentationParams, rsvpBody } from './request-schemas';
import type { RsvpResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/**
 * What participants answer from the tab. The use-cases decide who may, on the cohort as stored:
 * the identity alone says whose answer it is, never an id in the request.
 */
export function answerRoutes(router: Router, deps: TabApiDeps): void {
  const change = { db: deps.db, clock: deps.clock };

  router.put('/cohorts/:id/meetings/:meetingId/rsvp', async (req, res) => {
    const { id, meetingId } = input(meetingParams, req.params, 'params');
    const caller = callerOf(res);
    await memberOf(deps.store, caller, id);
    const body = input(rsvpBody, req.body, 'body');
    const given = { cohortId: id, meetingId, answer: body.answer, dietaryNote: body.dietaryNote ?? null };
    const { stored, participantId, outcome } = await answerRsvp(change, caller.identity, given, 'tab');
    const rsvp = stored.cohort.rsvps.find((r) => r.meetingId === meetingId && r.participantId === participantId);
    const meeting = stored.cohort.meetings.find((m) => m.id === meetingId);
    if (!rsvp || !meeting || meeting.kind !== 'plenary') throw new Error(`answer to ${meetingId} not stored`);
    const answer = { meetingId, answer: rsvp.answer, forCurrentDate: isForCurrentDate(rsvp, meeting), forStart: rsvp.forStart, answeredAt: rsvp.answeredAt };
    res.json({ outcome, answer } satisfies RsvpResponse);
  });

  router.put('/cohorts/:id/presentations/:meetingId/:municipalityId', async (req, res) => {
    const { id, meetingId, municipalityId } = input(presentationParams, req.params, 'params');
    const caller = callerOf(res);
    await memberOf(deps.store, caller, id);
    const body = input(presentationBody, req.body, 'body');
    const stored = await reportPresentation(change, caller.identity, { cohortId: id, meetingId, municipalityId, status: body.status, link: body.link ?? null });
    res.json(presentationTasks(stored.cohort).find((p) => p.meetingId === meetingId && p.municipalityId === municipalityId));
  });
}
