import type { Router } from 'express';
import { eraseCohort } from '../../app/erase-cohort';
import { cohortReach } from '../../app/plan-reach';
import { remindNow } from '../../app/plan-reminders';
import { findMeeting } from '../../domain/cohort-rules';
import { callerOf } from '../tab-auth/sign-in';
import { advisedBy } from './access';
import { participantsCsv, participantsFileName } from './participants-csv';
import { input } from './request-input';
import { cohortParams, meetingParams, reminderBody } from './request-schemas';
import type { ErasedResponse, ReachResponse, RemindedResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/** How the cohort reaches its people, reminders sent ahead of time, its participants as a spreadsheet, and erasing them: advisors only. */
export function outreachRoutes(router: Router, deps: TabApiDeps): void {
  const reaching = { store: deps.store, db: deps.db, connectedKinds: deps.connectedKinds, mode: deps.signIn.mode };
  const reminding = { store: deps.store, db: deps.db, clock: deps.clock, links: deps.links ?? null, organizer: deps.organizer };

  router.get('/cohorts/:id/reach', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    await advisedBy(deps.store, callerOf(res), id);
    const participants = (await cohortReach(reaching, id)).map(({ participantId, municipality, name, email, state, reason }) => ({ participantId, municipality, name, email, state, reason }));
    res.json({ participants } satisfies ReachResponse);
  });

  // Sent only to whom it concerns now, once a day per person: pressing twice queues nothing new.
  router.post('/cohorts/:id/meetings/:meetingId/reminders', async (req, res) => {
    const { id, meetingId } = input(meetingParams, req.params, 'params');
    const cohort = await advisedBy(deps.store, callerOf(res), id);
    const { kind } = input(reminderBody, req.body, 'body');
    const { recorded, recipients } = await remindNow(reminding, id, findMeeting(cohort, meetingId).key, kind);
    res.json({ recipients, queued: recorded, connected: deps.signIn.mode === 'tenant' } satisfies RemindedResponse);
  });

  router.get('/cohorts/:id/participants.csv', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const cohort = await advisedBy(deps.store, callerOf(res), id);
    res.attachment(participantsFileName(cohort)).type('text/csv; charset=utf-8').send(participantsCsv(cohort));
  });

  // The domain refuses while booked meetings lie ahead (422, with its reason): their invitations could no longer be withdrawn.
  // The caller is an advisor here and again inside the erase's transaction: one removed meanwhile erases nothing.
  router.delete('/cohorts/:id/personal-data', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const { erasedNow, people, dietaryNotes, deliveries } = await eraseCohort({ db: deps.db, clock: deps.clock }, id, caller.identity);
    deps.log.info(`Persondata slettet / personal data erased: ${id} (${people} deltagere / participants)`);
    res.json({ erasedNow, people, dietaryNotes, deliveries } satisfies ErasedResponse);
  });
}
