import type { Response, Router } from 'express';
import {
  addMunicipalityAsAdvisor, addParticipantAsAdvisor, editParticipantAsAdvisor, removeMunicipalityAsAdvisor, removeParticipantAsAdvisor, renameMunicipalityAsAdvisor,
} from '../../app/municipality-changes';
import { findMunicipality } from '../../domain/cohort-rules';
import type { ParticipantDetails } from '../../domain/municipalities';
import type { StoredCohort } from '../../store/cohort-store';
import { callerOf } from '../tab-auth/sign-in';
import { advisedBy } from './access';
import { municipalityView } from './cohort-view';
import { expectedTag, input } from './request-input';
import { cohortParams, municipalityBody, municipalityParams, participantBody, participantParams, renameBody } from './request-schemas';
import type { MunicipalitiesResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/** The body's person as the domain takes it: a phone left out is no phone. */
export function participantDetails(body: { name: string; email: string; phone?: string | null; role: ParticipantDetails['role']; contact: boolean }): ParticipantDetails {
  return { name: body.name, email: body.email, phone: body.phone ?? null, role: body.role, contact: body.contact };
}

/**
 * Advisors add, rename and remove municipalities and their people; each change answers with what
 * the municipality (or, after a removal, the cohort's list) is now. Access is checked before the
 * body is read: a stranger learns nothing from a 400. A change to what is there (a rename, a
 * person changed or removed) carries the municipality's tag as read in If-Match, so it is not laid
 * over a colleague's change made meanwhile (412).
 */
export function municipalityRoutes(router: Router, deps: TabApiDeps): void {
  const change = { db: deps.db, clock: deps.clock };
  /** The municipality as it is now; its tag is the ETag too, for the next change's If-Match. */
  const answer = (res: Response, stored: StoredCohort, municipalityId: string, status = 200) => {
    const view = municipalityView(findMunicipality(stored.cohort, municipalityId));
    res.status(status).set('ETag', `"${view.version}"`).json(view);
  };

  router.post('/cohorts/:id/municipalities', async (req, res) => {
    const { id } = input(cohortParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const body = input(municipalityBody, req.body, 'body');
    const { stored, municipalityId } = await addMunicipalityAsAdvisor(change, caller.identity, id, { name: body.name, participants: body.participants.map(participantDetails) });
    answer(res, stored, municipalityId, 201);
  });

  router.put('/cohorts/:id/municipalities/:municipalityId', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const tag = expectedTag(req);
    const { name } = input(renameBody, req.body, 'body');
    answer(res, await renameMunicipalityAsAdvisor(change, caller.identity, id, { municipalityId, tag }, name), municipalityId);
  });

  router.delete('/cohorts/:id/municipalities/:municipalityId', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const tag = expectedTag(req);
    const stored = await removeMunicipalityAsAdvisor(change, caller.identity, id, { municipalityId, tag });
    res.json({ municipalities: stored.cohort.municipalities.map(municipalityView) } satisfies MunicipalitiesResponse);
  });

  router.post('/cohorts/:id/municipalities/:municipalityId/participants', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const body = input(participantBody, req.body, 'body');
    answer(res, await addParticipantAsAdvisor(change, caller.identity, id, municipalityId, participantDetails(body)), municipalityId, 201);
  });

  router.put('/cohorts/:id/municipalities/:municipalityId/participants/:participantId', async (req, res) => {
    const { id, municipalityId, participantId } = input(participantParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const tag = expectedTag(req);
    const body = input(participantBody, req.body, 'body');
    answer(res, await editParticipantAsAdvisor(change, caller.identity, id, { municipalityId, participantId, tag }, participantDetails(body)), municipalityId);
  });

  router.delete('/cohorts/:id/municipalities/:municipalityId/participants/:participantId', async (req, res) => {
    const { id, municipalityId, participantId } = input(participantParams, req.params, 'params');
    const caller = callerOf(res);
    await advisedBy(deps.store, caller, id);
    const tag = expectedTag(req);
    answer(res, await removeParticipantAsAdvisor(change, caller.identity, id, { municipalityId, participantId, tag }), municipalityId);
  });
}
