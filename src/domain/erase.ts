import type { Cohort } from './cohort';
import { addMonths, dateOf, type Instant, type LocalDate } from './local-time';
import type { Meeting } from './cohort';

function lastDay(meeting: Meeting): LocalDate {
  return meeting.kind === 'plenary' ? dateOf(meeting.schedule.start) : meeting.schedule.days[meeting.schedule.days.length - 1]!;
}

/**
 * The day after which the cohort's personal data is to be erased: a set number of months after its
 * last meeting. A cohort without meetings has held nothing to wait for.
 */
export function eraseDueOn(cohort: Cohort): LocalDate | null {
  const last = cohort.meetings.map(lastDay).sort().pop();
  return last ? addMonths(last, cohort.settings.eraseAfterMonths) : null;
}

/**
 * Removes what identifies people (names, addresses, phones, Entra ids, dietary notes, and the links
 * to presentations, which may name them) and keeps the
 * programme's structure and counts: municipalities, meetings, how many took part and how they answered.
 * Advisors stay: they are the agency's staff acting in office, and the record says who ran the cohort.
 */
export function erasePersonalData(cohort: Cohort, at: Instant): Cohort {
  if (cohort.erasedAt) return cohort;
  return {
    ...cohort,
    municipalities: cohort.municipalities.map((m) => ({
      ...m,
      participants: m.participants.map((p) => ({ ...p, person: null })),
    })),
    rsvps: cohort.rsvps.map((r) => ({ ...r, dietaryNote: null })),
    presentations: cohort.presentations.map((p) => ({ ...p, link: null })),
    erasedAt: at,
  };
}
