import type { Cohort, Meeting } from './cohort';
import { DomainError } from './errors';
import { addMonths, dateOf, toLocal, type Instant, type LocalDate } from './local-time';

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
 * Erasing early is allowed, but not while booked meetings lie ahead: their invitations could then
 * no longer be moved or cancelled, and people would keep meetings in their calendars.
 */
function assertNoFutureBookings(cohort: Cohort, at: Instant): void {
  if (!cohort.booking) return;
  const now = toLocal(at);
  const plenaries = cohort.meetings.filter((m) => m.kind === 'plenary' && !m.cancelled && m.schedule.start > now).map((m) => m.key);
  // A municipality's booked slot is an invitation too.
  const slots = cohort.slotBookings
    .filter((b) => !b.cancelled && b.start > now)
    .flatMap((b) => cohort.meetings.filter((m) => m.id === b.meetingId).map((m) => m.key));
  const ahead = [...new Set([...plenaries, ...slots])];
  if (ahead.length === 0) return;
  const titles = ahead.join(', ');
  throw new DomainError('future_meetings_booked', {
    da: `Gruppeforløbet har bookede møder forude (${titles}); aflys dem først, så invitationerne trækkes tilbage.`,
    en: `The cohort has booked meetings ahead (${titles}); call them off first, so their invitations are withdrawn.`,
  });
}

/**
 * Removes what identifies people (names, addresses, phones, Entra ids, dietary notes, the numbers
 * given for phone calls, and the links to presentations, which may name them) and keeps the
 * programme's structure and counts: municipalities, meetings, how many took part and how they answered.
 * Advisors stay: they are the agency's staff acting in office, and the record says who ran the cohort.
 */
export function erasePersonalData(cohort: Cohort, at: Instant): Cohort {
  if (cohort.erasedAt) return cohort;
  assertNoFutureBookings(cohort, at);
  return {
    ...cohort,
    municipalities: cohort.municipalities.map((m) => ({
      ...m,
      participants: m.participants.map((p) => ({ ...p, person: null })),
    })),
    rsvps: cohort.rsvps.map((r) => ({ ...r, dietaryNote: null })),
    presentations: cohort.presentations.map((p) => ({ ...p, link: null })),
    // Who booked is an id, kept like the participant rows it names.
    slotBookings: cohort.slotBookings.map((b) => ({ ...b, phone: null })),
    erasedAt: at,
  };
}
