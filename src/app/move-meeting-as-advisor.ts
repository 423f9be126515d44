import { findMemberships, type Identity } from '../domain/identity';
import type { LocalDateTime } from '../domain/local-time';
import { assertMeetingVersion } from '../domain/meeting-version';
import { movePlenary } from '../domain/move-meeting';
import { findPlenary } from '../domain/cohort-rules';
import { advisorIn } from '../domain/permissions';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';

export interface MoveAsked {
  cohortId: string;
  meetingId: string;
  start: LocalDateTime;
  /** The meeting's version the advisor saw; another version means someone changed it meanwhile. */
  expectedVersion: number;
}

/**
 * "Ny dato" from the tab: the same move as the command line's, decided inside the save, so the
 * version checked is the version replaced. A retry of the save (another change won the race) checks
 * again on the cohort as it is then.
 */
export function moveMeetingAsAdvisor(deps: ChangeDeps, identity: Identity, asked: MoveAsked): Promise<StoredCohort> {
  return changeCohort(deps, asked.cohortId, (cohort, now) => {
    advisorIn(findMemberships([cohort], identity), cohort.id);
    const meeting = findPlenary(cohort, asked.meetingId, { da: 'Kun fællesmøder flyttes her.', en: 'Only plenary meetings are moved here.' });
    assertMeetingVersion(meeting, asked.expectedVersion);
    return movePlenary(cohort, meeting.id, asked.start, now);
  });
}
