import type { Cohort, IndividualMeeting, Municipality, Person } from '../domain/cohort';
import { danishDate, englishDate } from '../domain/local-time';
import { escape, linkParagraphs, personalMail } from './mail-parts';
import type { MailState } from './rsvp-mail';

/**
 * The booking reminder to a leader the product cannot reach in Teams: their municipality has not
 * booked the individual meeting yet; the offered days and hours, and a signed link where they pick
 * a slot. The link lasts until the last offered day ends.
 */
export function bookingMailState(cohort: Cohort, meeting: IndividualMeeting, municipality: Municipality, person: Person, objectKey: string, url: string): MailState {
  const { days, from, to } = meeting.schedule;
  const daysDa = days.map(danishDate).join(', ');
  const daysEn = days.map(englishDate).join(', ');
  return personalMail(cohort, person, objectKey, {
    subject: `Book: ${meeting.title.da} (${cohort.name})`,
    danish: [
      `<p>${escape(municipality.name)} har endnu ikke booket ${escape(meeting.title.da)} i gruppeforløbet ${escape(cohort.name)}.</p>`,
      `<p>Dage: ${escape(daysDa)}<br>Tid: mellem ${escape(from)} og ${escape(to)}</p>`,
      ...linkParagraphs('Vælg jeres tid via dette link:', url, 'til den sidste dag er slut'),
    ],
    english: `${municipality.name} has not yet booked ${meeting.title.en} in ${cohort.name} (${daysEn}, between ${from} and ${to}). ` +
      'Please pick your time through the personal link above; it is valid until the last day ends. Questions: contact the advisors above.',
  });
}
