import type { Cohort, Participant, Person, PlenaryMeeting } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { danishDate, dateOf } from '../domain/local-time';
import { escape, linkParagraphs, personalMail, when } from './mail-parts';

/** The outbox kind of one mail sent through Graph from the organiser's mailbox. */
export const MAIL_KIND = 'graph.mail';

/**
 * One mail to one person. `mailKey` is stamped on the message as an extended property, so a send
 * whose answer was lost is found again (in Sent Items or Drafts) instead of being sent twice.
 */
export interface MailState {
  mailKey: string;
  to: { name: string; email: string };
  subject: string;
  bodyHtml: string;
}

/**
 * Per participant and version of the meeting: a moved meeting (a new version) gets a new mail, and
 * asking again for the same version sends nothing twice.
 */
export function rsvpMailObjectKey(cohortId: string, meetingKey: string, participantId: string, meetingVersion: number): string {
  return `mail:${cohortId}:${meetingKey}:${participantId}:${meetingVersion}`;
}

function where(meeting: PlenaryMeeting): Texts {
  if (meeting.form === 'physical' && meeting.place.trim() !== '') return { da: meeting.place, en: meeting.place };
  return { da: 'online (Teams)', en: 'online (Teams)' };
}

/**
 * The RSVP mail to a participant the product cannot reach in Teams: in Danish, with the meeting,
 * its date and time in words, the place, the signed link, and the advisors to contact; an English
 * paragraph after. The link is the person's own: the mail says so.
 */
export function rsvpMailState(cohort: Cohort, meeting: PlenaryMeeting, person: Person, objectKey: string, url: string): MailState {
  const time = when(meeting);
  const place = where(meeting);
  return personalMail(cohort, person, objectKey, {
    subject: `Tilmelding: ${meeting.title.da}, ${danishDate(dateOf(meeting.schedule.start))} (${cohort.name})`,
    danish: [
      `<p>Du er inviteret til ${escape(meeting.title.da)} i gruppeforløbet ${escape(cohort.name)}.</p>`,
      `<p>Tid: ${escape(time.da)}<br>Sted: ${escape(place.da)}</p>`,
      ...linkParagraphs('Svar om du kommer, via dette link:', url, 'til mødet begynder'),
    ],
    english: `you are invited to ${meeting.title.en} in ${cohort.name}, ${time.en}, ${place.en}. ` +
      'Please answer through the personal link above; it is valid until the meeting starts. Questions: contact the advisors above.',
  });
}

/** Participants with a person: who a mail can go to. */
export function hasPerson(p: Participant): p is Participant & { person: Person } {
  return p.person !== null;
}
