import { bookCohort, cancelMeeting, reinstateMeeting } from '../domain/booking';
import type { Cohort, Meeting, PlenaryMeeting } from '../domain/cohort';
import { DomainError } from '../domain/errors';
import type { LocalDateTime } from '../domain/local-time';
import { movePlenary } from '../domain/move-meeting';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';

/** Advisors and documents name a meeting by its key ("refleksion-1"), never by its database id. */
export function plenaryByKey(cohort: Cohort, key: string): PlenaryMeeting {
  const meeting = cohort.meetings.find((m) => m.key === key);
  if (!meeting || meeting.kind !== 'plenary') {
    const keys = cohort.meetings.filter((m) => m.kind === 'plenary').map((m) => m.key).join(', ');
    throw new DomainError('unknown_meeting', { da: `Intet fællesmøde hedder "${key}"; vælg mellem ${keys}.`, en: `No plenary meeting is called "${key}"; choose from ${keys}.` }, 'meeting');
  }
  return meeting;
}

/** Any meeting of the cohort by its key in the document (`forberedende`, `opstart`, …). */
export function meetingByKey(cohort: Cohort, key: string): Meeting {
  const meeting = cohort.meetings.find((m) => m.key === key);
  if (!meeting) {
    const keys = cohort.meetings.map((m) => m.key).join(', ');
    throw new DomainError('unknown_meeting', { da: `Intet møde hedder "${key}"; vælg mellem ${keys}.`, en: `No meeting is called "${key}"; choose from ${keys}.` }, 'meeting');
  }
  return meeting;
}

/** Books every plenary in the organiser's calendar; from then on changes follow. */
export function bookSeries(deps: ChangeDeps, cohortId: string, organizer: string): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort, now) => bookCohort(cohort, organizer, now));
}

/** "Ny dato": the event is updated in place and everybody's calendar follows. */
export function movePlenaryByKey(deps: ChangeDeps, cohortId: string, key: string, start: LocalDateTime): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort, now) => movePlenary(cohort, plenaryByKey(cohort, key).id, start, now));
}

export function cancelPlenaryByKey(deps: ChangeDeps, cohortId: string, key: string): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort) => cancelMeeting(cohort, plenaryByKey(cohort, key).id));
}

/** Books a cancelled plenary again, at its old time unless a new one is given. */
export function rebookPlenaryByKey(deps: ChangeDeps, cohortId: string, key: string, start: LocalDateTime | null): Promise<StoredCohort> {
  return changeCohort(deps, cohortId, (cohort, now) => {
    const meeting = plenaryByKey(cohort, key);
    return reinstateMeeting(cohort, meeting.id, start ?? meeting.schedule.start, now);
  });
}
