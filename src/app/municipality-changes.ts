import type { Cohort } from '../domain/cohort';
import { addMunicipality, findMunicipality } from '../domain/cohort-rules';
import { findMemberships, type Identity } from '../domain/identity';
import type { Instant } from '../domain/local-time';
import {
  addParticipant, editParticipant, newParticipant, removeMunicipality, removeParticipant, renameMunicipality, type ParticipantDetails,
} from '../domain/municipalities';
import { advisorIn } from '../domain/permissions';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';
import { newId as randomId, type NewId } from './ids';
import { assertMunicipalityTag } from './municipality-tag';

/**
 * Advisors decide who is in the cohort. Whether the caller is one is decided inside the save, on the
 * cohort as stored then; once the series is booked, the invitations follow every change.
 */
function asAdvisor(deps: ChangeDeps, identity: Identity, cohortId: string, change: (cohort: Cohort, now: Instant) => Cohort): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort, now) => {
    advisorIn(findMemberships([cohort], identity), cohort.id);
    return change(cohort, now);
  });
}

/** A municipality as the advisor read it: `tag` is its tag then. */
export interface SeenMunicipality {
  municipalityId: string;
  tag: string;
}

/** A change made from what the advisor saw of one municipality: refused if a colleague changed it since. */
function asAdvisorOf(deps: ChangeDeps, identity: Identity, cohortId: string, seen: SeenMunicipality, change: (cohort: Cohort) => Cohort): Promise<StoredCohort> {
  return asAdvisor(deps, identity, cohortId, (cohort) => {
    assertMunicipalityTag(findMunicipality(cohort, seen.municipalityId), seen.tag);
    return change(cohort);
  });
}

export interface MunicipalityGiven {
  name: string;
  /** At least one of them a leader contact. */
  participants: ParticipantDetails[];
}

export async function addMunicipalityAsAdvisor(
  deps: ChangeDeps,
  identity: Identity,
  cohortId: string,
  given: MunicipalityGiven,
  newId: NewId = randomId,
): Promise<{ stored: StoredCohort; municipalityId: string }> {
  const municipalityId = newId();
  const stored = await asAdvisor(deps, identity, cohortId, (cohort) =>
    addMunicipality(cohort, { id: municipalityId, name: given.name.trim(), participants: given.participants.map((p) => newParticipant(newId(), p)), registration: null }),
  );
  return { stored, municipalityId };
}

export function renameMunicipalityAsAdvisor(deps: ChangeDeps, identity: Identity, cohortId: string, seen: SeenMunicipality, name: string): Promise<StoredCohort> {
  return asAdvisorOf(deps, identity, cohortId, seen, (cohort) => renameMunicipality(cohort, seen.municipalityId, name));
}

export function removeMunicipalityAsAdvisor(deps: ChangeDeps, identity: Identity, cohortId: string, seen: SeenMunicipality): Promise<StoredCohort> {
  return asAdvisorOf(deps, identity, cohortId, seen, (cohort) => removeMunicipality(cohort, seen.municipalityId));
}

export function addParticipantAsAdvisor(
  deps: ChangeDeps,
  identity: Identity,
  cohortId: string,
  municipalityId: string,
  details: ParticipantDetails,
  newId: NewId = randomId,
): Promise<StoredCohort> {
  return asAdvisor(deps, identity, cohortId, (cohort) => addParticipant(cohort, municipalityId, newParticipant(newId(), details)));
}

export function editParticipantAsAdvisor(
  deps: ChangeDeps,
  identity: Identity,
  cohortId: string,
  where: SeenMunicipality & { participantId: string },
  details: ParticipantDetails,
): Promise<StoredCohort> {
  return asAdvisorOf(deps, identity, cohortId, where, (cohort) => editParticipant(cohort, where.municipalityId, where.participantId, details));
}

export function removeParticipantAsAdvisor(deps: ChangeDeps, identity: Identity, cohortId: string, where: SeenMunicipality & { participantId: string }): Promise<StoredCohort> {
  return asAdvisorOf(deps, identity, cohortId, where, (cohort) => removeParticipant(cohort, where.municipalityId, where.participantId));
}
