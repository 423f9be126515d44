import type { Cohort, Participant } from '../domain/cohort';
import type { DesiredObject } from '../outbox/record-desired';

/** The outbox kind of the app installed in one person's personal Teams scope, with its 1:1 chat. */
export const PERSONAL_INSTALL_KIND = 'graph.install';

/**
 * One target for every installation, whichever cohort: the outbox leases and paces per target, so
 * installs go one call at a time and a 429's `Retry-After` holds back all of them, as Graph's
 * per-app limits on Teams app installation ask.
 */
export const INSTALL_TARGET = 'teams-install';

/**
 * Who the app is to be installed for: the person is found in the tenant by Entra object id when the
 * cohort knows it, else by e-mail address (members and guests alike).
 */
export interface PersonalInstallState {
  participantId: string;
  entraObjectId: string | null;
  email: string;
}

/** Per participant of a cohort: stable for the participant's life in it. */
export function installObjectKey(cohortId: string, participantId: string): string {
  return `install:${cohortId}:${participantId}`;
}

/** The installation a participant wants: none once the person's data is erased. */
export function installStateOf(participant: Participant): PersonalInstallState | null {
  const person = participant.person;
  if (person === null) return null;
  return { participantId: participant.id, entraObjectId: person.entraObjectId?.trim() || null, email: person.email.trim() };
}

/**
 * One object per participant of the cohort: the app installed for every participant with a person,
 * null (nothing more to do) for one whose data is erased. The state names no cohort, so a person in
 * two cohorts is installed for twice, which Graph answers with 409 the second time: harmless.
 */
export function plannedInstalls(cohort: Cohort): DesiredObject[] {
  return cohort.municipalities.flatMap((municipality) =>
    municipality.participants.map((participant) => {
      const name = participant.person?.name ?? participant.id;
      return {
        objectKey: installObjectKey(cohort.id, participant.id),
        cohortId: cohort.id,
        kind: PERSONAL_INSTALL_KIND,
        target: INSTALL_TARGET,
        label: { da: `Teams-app til ${name} (${municipality.name})`, en: `Teams app for ${name} (${municipality.name})` },
        state: installStateOf(participant),
      };
    }),
  );
}
