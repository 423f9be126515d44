import type { Advisor, Cohort, IndividualMeeting } from '../../src/domain/cohort';
import { parseLocalDate } from '../../src/domain/local-time';
import { sampleCohort } from './sample-cohort';

let counter = 0;

export function advisor(email: string): Advisor {
  return { id: `adv-${++counter}`, name: email.split('@')[0]!, title: 'Specialkonsulent', email, phone: null, entraObjectId: null };
}

/**
 * The sample cohort with the given advisors and its individual meetings' windows on the given days
 * (none: the window lies in the past, in 2023), for reading the advisors' busy time.
 */
export function cohortWithWindows(emails: readonly string[], preparatory: readonly string[], followup: readonly string[] = []): Cohort {
  const cohort = sampleCohort();
  const days: Record<string, readonly string[]> = { preparatory, followup };
  return {
    ...cohort,
    advisors: emails.map(advisor),
    meetings: cohort.meetings.map((m) => {
      const wanted = m.kind === 'plenary' ? [] : days[m.kind]!;
      return m.kind === 'plenary' || wanted.length === 0 ? m : ({ ...m, schedule: { ...m.schedule, days: wanted.map((d) => parseLocalDate(d)) } } as IndividualMeeting);
    }),
  };
}
