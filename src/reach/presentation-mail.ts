import type { Cohort, Municipality, Person, PlenaryMeeting } from '../domain/cohort';
import { danishDate, dateOf } from '../domain/local-time';
import { escape, linkParagraphs, personalMail, when } from './mail-parts';
import type { MailState } from './rsvp-mail';

/**
 * The presentation reminder to a participant the product cannot reach in Teams: their
 * municipality's short presentation at the plenary, and a signed link where they report how it is
 * going (and the presentation's link once it is ready).
 */
export function presentationMailState(cohort: Cohort, meeting: PlenaryMeeting, municipality: Municipality, person: Person, objectKey: string, url: string): MailState {
  const time = when(meeting);
  return personalMail(cohort, person, objectKey, {
    subject: `Oplæg: ${meeting.title.da}, ${danishDate(dateOf(meeting.schedule.start))} (${cohort.name})`,
    danish: [
      `<p>${escape(municipality.name)} holder et kort oplæg på ${escape(meeting.title.da)} i gruppeforløbet ${escape(cohort.name)}, ${escape(time.da)}.</p>`,
      ...linkParagraphs('Fortæl os, hvordan det går med oplægget ("Vi er i gang" eller "Oplægget er klar", gerne med et link til det), via dette link:', url, 'til mødet begynder'),
    ],
    english: `${municipality.name} gives a short presentation at ${meeting.title.en} in ${cohort.name}, ${time.en}. ` +
      'Please tell us how it is going through the personal link above; it is valid until the meeting starts. Questions: contact the advisors above.',
  });
}
