import type { TimeOfDay } from '../domain/cohort';
import { findMunicipality } from '../domain/cohort-rules';
import { findMemberships, type Identity } from '../domain/identity';
import type { LocalDate } from '../domain/local-time';
import { replaceParticipants, type ListedParticipant } from '../domain/municipalities';
import { registrarIn } from '../domain/permissions';
import { register } from '../domain/registration';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';
import { newId as randomId, type NewId } from './ids';
import { assertMunicipalityTag } from './municipality-tag';

export interface RegistrationGiven {
  cohortId: string;
  municipalityId: string;
  /** Everyone the municipality sends, contacts included; whoever is left out leaves the cohort. */
  participants: ListedParticipant[];
  preparatoryDay: LocalDate;
  timeOfDay: TimeOfDay;
  /** The municipality's tag as the form was read: the list replaces the people, so it must be the list of now. */
  expectedTag: string;
}

/**
 * Tilmelding: the municipality's people and its wish for the preparatory meeting, saved as one
 * change, so a refused wish leaves the people as they were too. Its own leader contacts may, or an
 * advisor on its behalf, as the cohort stored at the save says; a form read before someone else
 * changed the municipality is refused, as its list would undo that change.
 */
export function registerMunicipality(deps: ChangeDeps, identity: Identity, given: RegistrationGiven, newId: NewId = randomId): Promise<StoredCohort> {
  return changeCohort(deps, given.cohortId, (cohort, now) => {
    registrarIn(findMemberships([cohort], identity), cohort.id, given.municipalityId);
    assertMunicipalityTag(findMunicipality(cohort, given.municipalityId), given.expectedTag);
    const withPeople = replaceParticipants(cohort, given.municipalityId, given.participants, newId);
    return register(withPeople, given.municipalityId, { preparatoryDay: given.preparatoryDay, timeOfDay: given.timeOfDay }, now);
  });
}
