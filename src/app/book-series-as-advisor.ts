import { bookCohort } from '../domain/booking';
import { findMemberships, type Identity } from '../domain/identity';
import { advisorIn } from '../domain/permissions';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';

/**
 * "Book i Outlook/Teams" from the tab. The series is organised from ORGANIZER_MAILBOX; without one
 * (local mode) from the booking advisor's own mailbox, as the busy-time lookup falls back to it, so
 * the booking is recorded either way and the outbox says honestly whether anything can be sent.
 */
export function bookSeriesAsAdvisor(deps: ChangeDeps, identity: Identity, cohortId: string, configuredOrganizer: string | null): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort, now) => {
    const { personId } = advisorIn(findMemberships([cohort], identity), cohort.id);
    return bookCohort(cohort, configuredOrganizer ?? cohort.advisors.find((a) => a.id === personId)!.email, now);
  });
}
