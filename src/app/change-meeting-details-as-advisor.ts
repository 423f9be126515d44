import { findPlenary } from '../domain/cohort-rules';
import { findMemberships, type Identity } from '../domain/identity';
import { changePlenaryDetails, type PlenaryDetails } from '../domain/meeting-details';
import { assertMeetingVersion } from '../domain/meeting-version';
import { advisorIn } from '../domain/permissions';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';

export interface DetailsAsked {
  cohortId: string;
  meetingId: string;
  details: PlenaryDetails;
  /** The meeting's version the advisor saw; another version means someone changed it meanwhile. */
  expectedVersion: number;
}

/**
 * Form, place and themes from the tab, decided inside the save like a move: the version checked is
 * the version replaced, and a booked meeting's invitation is updated in the same transaction.
 */
export function changeMeetingDetailsAsAdvisor(deps: ChangeDeps, identity: Identity, asked: DetailsAsked): Promise<StoredCohort> {
  return changeCohort(deps, asked.cohortId, (cohort) => {
    advisorIn(findMemberships([cohort], identity), cohort.id);
    const meeting = findPlenary(cohort, asked.meetingId, { da: 'Kun fællesmøder ændres her.', en: 'Only plenary meetings are changed here.' });
    assertMeetingVersion(meeting, asked.expectedVersion);
    return changePlenaryDetails(cohort, meeting.id, asked.details);
  });
}
