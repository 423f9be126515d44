import { firstName, type Cohort, type Person, type PlenaryMeeting } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { addMinutes, danishDate, dateOf, englishDate, timeOf } from '../domain/local-time';
// The type stays where the mail sender and the CLI import it from; only the type is shared, so no cycle at run time.
import type { MailState } from './rsvp-mail';

/** What the personal mails with a signed link have in common: greeting, link, advisors to contact, an English paragraph. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export function when(meeting: PlenaryMeeting): Texts {
  const { start, durationMinutes } = meeting.schedule;
  const time = `${timeOf(start)}–${timeOf(addMinutes(start, durationMinutes))}`;
  return { da: `${danishDate(dateOf(start))} kl. ${time}`, en: `${englishDate(dateOf(start))}, ${time}` };
}

function contacts(cohort: Cohort): string {
  const lines = cohort.advisors.map((a) => [a.name, a.title, a.phone, a.email].filter((part): part is string => Boolean(part)).join(', '));
  return lines.length === 0 ? '' : `<ul>${lines.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`;
}

/** The Danish lead-in, then the link itself; and that it is the person's own, valid `until` (Danish, e.g. "til mødet begynder"). */
export function linkParagraphs(lead: string, url: string, until: string): string[] {
  return [
    `<p>${escape(lead)} <a href="${escape(url)}">${escape(url)}</a></p>`,
    `<p>Linket er personligt og gælder, ${escape(until)}. Del det ikke med andre.</p>`,
  ];
}

export interface MailContent {
  subject: string;
  /** The paragraphs between the greeting and the advisors, in Danish, already HTML. */
  danish: string[];
  /** The English paragraph, plain text; it ends the mail. */
  english: string;
}

/** One mail to one person, keyed so a send whose answer was lost is found again instead of being sent twice. */
export function personalMail(cohort: Cohort, person: Person, objectKey: string, content: MailContent): MailState {
  const bodyHtml = [
    `<p>Hej ${escape(firstName(person.name))}</p>`,
    ...content.danish,
    `<p>Spørgsmål? Kontakt rådgiverne:</p>${contacts(cohort)}`,
    `<p lang="en">English: ${escape(content.english)}</p>`,
  ].join('');
  return { mailKey: objectKey, to: { name: person.name, email: person.email.trim() }, subject: content.subject, bodyHtml };
}
