import type { Cohort, Meeting, Participant, Person } from '../domain/cohort';
import type { Reminder } from '../domain/reminders';
import { signLinkFor, type SignDeps } from '../links/issue-link';
import type { LinkPurpose } from '../links/link-token';
import { bookingMailState } from '../reach/booking-mail';
import { presentationMailState } from '../reach/presentation-mail';
import { rsvpMailState, type MailState } from '../reach/rsvp-mail';

/**
 * The mail a reminder becomes for a participant the bot cannot reach, carrying a signed link of the
 * purpose the reminder asks for: an answer (RSVP, moved), a presentation's status, a booking (leaders
 * only, as booking is theirs). Null for the kinds that ask nothing a link could answer.
 */
export function reminderMail(deps: SignDeps, cohort: Cohort, reminder: Reminder, meeting: Meeting, to: { participant: Participant; person: Person }, objectKey: string): MailState | null {
  const { participant, person } = to;
  const municipality = cohort.municipalities.find((m) => m.participants.includes(participant));
  const url = (purpose: LinkPurpose) => signLinkFor(deps, cohort, participant, purpose, meeting, null).url;
  switch (reminder.kind) {
    case 'rsvp':
    case 'moved':
      return meeting.kind === 'plenary' ? rsvpMailState(cohort, meeting, person, objectKey, url('rsvp')) : null;
    case 'presentation':
      return meeting.kind === 'plenary' && municipality ? presentationMailState(cohort, meeting, municipality, person, objectKey, url('presentation')) : null;
    case 'booking':
      return meeting.kind !== 'plenary' && municipality && participant.contact ? bookingMailState(cohort, meeting, municipality, person, objectKey, url('booking')) : null;
    default:
      return null;
  }
}
