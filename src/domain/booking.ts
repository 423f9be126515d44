import type { Cohort, PlenaryMeeting } from './cohort';
import { assertBookable, erased, findPlenary, replaceMeeting } from './cohort-rules';
import { movePlenary } from './move-meeting';
import { DomainError } from './errors';
import type { Instant, LocalDateTime } from './local-time';

const MAILBOX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Books the series: from now on every plenary has an Outlook event in the organiser's calendar
 * and follows every change. Booking again changes nothing; the organiser stays who it was.
 */
export function bookCohort(cohort: Cohort, organizer: string, at: Instant): Cohort {
  assertBookable(cohort);
  if (cohort.booking) return cohort;
  const mailbox = organizer.trim();
  if (!MAILBOX.test(mailbox)) {
    throw new DomainError('invalid_mailbox', {
      da: `"${organizer}" er ikke en postkasse; angiv mødearrangørens e-mailadresse.`,
      en: `"${organizer}" is not a mailbox; give the organiser's e-mail address.`,
    });
  }
  return { ...cohort, booking: { organizer: mailbox, bookedAt: at } };
}

function plenary(cohort: Cohort, meetingId: string): PlenaryMeeting {
  if (cohort.erasedAt) throw erased();
  return findPlenary(cohort, meetingId, { da: 'Kun fællesmøder kan aflyses her.', en: 'Only plenary meetings can be called off here.' });
}

/** Calls a plenary off: its event is cancelled for everyone; answers are kept for the record. */
export function cancelMeeting(cohort: Cohort, meetingId: string): Cohort {
  const meeting = plenary(cohort, meetingId);
  if (meeting.cancelled) return cohort;
  return replaceMeeting(cohort, { ...meeting, cancelled: true, version: meeting.version + 1 });
}

/**
 * Books a cancelled plenary again, at its old time or a new one: a new generation, so a new
 * Outlook event rather than the cancelled one revived.
 */
export function reinstateMeeting(cohort: Cohort, meetingId: string, start: LocalDateTime, at: Instant): Cohort {
  const meeting = plenary(cohort, meetingId);
  if (!meeting.cancelled) {
    throw new DomainError('meeting_not_cancelled', { da: 'Mødet er ikke aflyst.', en: 'The meeting is not called off.' });
  }
  const booked = replaceMeeting(cohort, { ...meeting, cancelled: false, generation: meeting.generation + 1, version: meeting.version + 1 });
  return movePlenary(booked, meetingId, start, at);
}
