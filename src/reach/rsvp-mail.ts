import type { Cohort, Participant, Person, PlenaryMeeting } from '../domain/cohort';
import { addMinutes, danishDate, dateOf, englishDate, timeOf } from '../domain/local-time';

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

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Only the first name, as on the link's page. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

function when(meeting: PlenaryMeeting): { da: string; en: string } {
  const { start, durationMinutes } = meeting.schedule;
  const time = `${timeOf(start)}–${timeOf(addMinutes(start, durationMinutes))}`;
  return { da: `${danishDate(dateOf(start))} kl. ${time}`, en: `${englishDate(dateOf(start))}, ${time}` };
}

function where(meeting: PlenaryMeeting): { da: string; en: string } {
  if (meeting.form === 'physical' && meeting.place.trim() !== '') return { da: meeting.place, en: meeting.place };
  return { da: 'online (Teams)', en: 'online (Teams)' };
}

function contacts(cohort: Cohort): string {
  const lines = cohort.advisors.map((a) => [a.name, a.title, a.phone, a.email].filter((part): part is string => Boolean(part)).join(', '));
  return lines.length === 0 ? '' : `<ul>${lines.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`;
}

/**
 * The RSVP mail to a participant the product cannot reach in Teams: in Danish, with the meeting,
 * its date and time in words, the place, the signed link, and the advisors to contact; an English
 * paragraph after. The link is the person's own: the mail says so.
 */
export function rsvpMailState(cohort: Cohort, meeting: PlenaryMeeting, person: Person, objectKey: string, url: string): MailState {
  const time = when(meeting);
  const place = where(meeting);
  const link = `<a href="${escape(url)}">${escape(url)}</a>`;
  const bodyHtml = [
    `<p>Hej ${escape(firstName(person.name))}</p>`,
    `<p>Du er inviteret til ${escape(meeting.title.da)} i gruppeforløbet ${escape(cohort.name)}.</p>`,
    `<p>Tid: ${escape(time.da)}<br>Sted: ${escape(place.da)}</p>`,
    `<p>Svar om du kommer, via dette link: ${link}</p>`,
    '<p>Linket er personligt og gælder, til mødet begynder. Del det ikke med andre.</p>',
    `<p>Spørgsmål? Kontakt rådgiverne:</p>${contacts(cohort)}`,
    `<p lang="en">English: you are invited to ${escape(meeting.title.en)} in ${escape(cohort.name)}, ${escape(time.en)}, ${escape(place.en)}. ` +
      'Please answer through the personal link above; it is valid until the meeting starts. Questions: contact the advisors above.</p>',
  ].join('');
  return {
    mailKey: objectKey,
    to: { name: person.name, email: person.email.trim() },
    subject: `Tilmelding: ${meeting.title.da}, ${danishDate(dateOf(meeting.schedule.start))} (${cohort.name})`,
    bodyHtml,
  };
}

/** Participants with a person: who a mail can go to. */
export function hasPerson(p: Participant): p is Participant & { person: Person } {
  return p.person !== null;
}
