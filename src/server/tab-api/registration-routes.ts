import type { Router } from 'express';
import { registerMunicipality } from '../../app/register-municipality';
import { registrarIn } from '../../domain/permissions';
import { callerOf } from '../tab-auth/sign-in';
import { memberOf } from './access';
import { participantDetails } from './municipality-routes';
import { registrationView } from './registration-view';
import { input } from './request-input';
import { municipalityParams, registrationBody } from './request-schemas';
import type { TabApiDeps } from './tab-api-deps';

/**
 * Tilmelding: the municipality's own leader contacts, or an advisor on its behalf. A leader of
 * another municipality, or a participant, is refused before the body is read.
 */
export function registrationRoutes(router: Router, deps: TabApiDeps): void {
  router.get('/cohorts/:id/municipalities/:municipalityId/registration', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const { someone, cohort } = await memberOf(deps.store, callerOf(res), id);
    registrarIn(someone.memberships, id, municipalityId);
    res.json(registrationView(cohort, municipalityId));
  });

  router.put('/cohorts/:id/municipalities/:municipalityId/registration', async (req, res) => {
    const { id, municipalityId } = input(municipalityParams, req.params, 'params');
    const caller = callerOf(res);
    const { someone } = await memberOf(deps.store, caller, id);
    registrarIn(someone.memberships, id, municipalityId);
    const body = input(registrationBody, req.body, 'body');
    const participants = body.participants.map((p) => ({ id: p.id ?? null, ...participantDetails(p) }));
    const given = { cohortId: id, municipalityId, participants, preparatoryDay: body.preparatoryDay, timeOfDay: body.timeOfDay };
    const stored = await registerMunicipality({ db: deps.db, clock: deps.clock }, caller.identity, given);
    res.json(registrationView(stored.cohort, municipalityId));
  });
}
