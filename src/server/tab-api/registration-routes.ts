import type { Response, Router } from 'express';
import { registerMunicipality } from '../../app/register-municipality';
import { registrarIn } from '../../domain/permissions';
import { callerOf } from '../tab-auth/sign-in';
import { memberOf } from './access';
import { participantDetails } from './municipality-routes';
import { registrationView } from './registration-view';
import { expectedTag, input } from './request-input';
import { municipalityParams, registrationBody } from './request-schemas';
import type { RegistrationResponse } from './response-schemas';
import type { TabApiDeps } from './tab-api-deps';

/** The registration, with the municipality's tag as its ETag: the form sends it back in If-Match. */
const answer = (res: Response, view: RegistrationResponse) => res.set('ETag', `"${view.municipality.version}"`).json(view);

/**
 * Tilmelding: the municipality's own leader contacts, or an advisor on its behalf. A leader of
 * another municipality, or a participant, is refused before the body is read. The form sends the
 * whole list of people, so it must have been read after the last change to them (If-Match, 412).
 */
export function registrationRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/cohorts/:id/municipalities/:municipalityId/registration', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const { someone, cohort } = await memberOf(deps.store, callerOf(res), id);
    registrarIn(someone.memberships, id, municipalityId);
    answer(res, registrationView(cohort, municipalityId));
  });

  router.put('/cohorts/:id/municipalities/:municipalityId/registration', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const caller = callerOf(res);
    const { someone } = await memberOf(deps.store, caller, id);
    registrarIn(someone.memberships, id, municipalityId);
    const tag = expectedTag(req);
    const body = input(registrationBody, req.body, 'body');
    const participants = body.participants.map((p) => ({ id: p.id ?? null, ...participantDetails(p) }));
    const given = { cohortId: id, municipalityId, participants, preparatoryDay: body.preparatoryDay, timeOfDay: body.timeOfDay, expectedTag: tag };
    const stored = await registerMunicipality({ db: deps.db, clock: deps.clock }, caller.identity, given);
    answer(res, registrationView(stored.cohort, municipalityId));
  });
}
