import { createHash } from 'node:crypto';
import { firstName, type Person, type PlenaryMeeting } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { addMinutes, danishDate, dateOf, englishDate, timeOf, type LocalDate, type LocalDateTime } from '../domain/local-time';

/** Pages for people outside Teams: plain HTML, Danish first with an English line under it, no scripts. */

const CSS =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.4;color:#242424}' +
  '.en{color:#616161;margin-top:0}dt{font-weight:600}dd{margin:0 0 .5rem}' +
  'button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:1px solid #5b5fc7;border-radius:4px;background:#fff;color:#5b5fc7}' +
  'button[aria-pressed=true]{background:#5b5fc7;color:#fff}textarea,input[type=url],input[type=tel]{width:100%;font:inherit}' +
  'fieldset{border:1px solid #e0e0e0;border-radius:4px;margin:0 0 .75rem}label.choice{display:block;padding:.25rem 0}' +
  '.notice{font-weight:600}';

/** The one inline style the CSP allows, by its hash: no 'unsafe-inline', and no script of any kind. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A Danish paragraph with its English one under it. */
export const both = (t: Texts) => `<p>${escapeHtml(t.da)}</p><p class="en" lang="en">${escapeHtml(t.en)}</p>`;

/** What the visitor's last press did, or why it did not: first on the page, where it is seen. */
export const notice = (t: Texts) => `<p class="notice" role="status">${escapeHtml(t.da)}</p><p class="en" lang="en">${escapeHtml(t.en)}</p>`;

/** A label's text: Danish, then " / English" in English. */
export const label = (t: Texts) => `${escapeHtml(t.da)} <span class="en" lang="en">/ ${escapeHtml(t.en)}</span>`;

/** A submit button's text, in the button's own colours (a pressed one is filled). */
export const buttonText = (t: Texts) => `${escapeHtml(t.da)} <span lang="en">/ ${escapeHtml(t.en)}</span>`;

/** A heading with its English line under it. */
export const heading = (level: 1 | 2, t: Texts) => `<h${level}>${escapeHtml(t.da)}</h${level}><p class="en" lang="en">${escapeHtml(t.en)}</p>`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}

export function greeting(person: Person): string {
  const name = firstName(person.name);
  return heading(1, { da: `Hej ${name}`, en: `Hello ${name}` });
}

/** A term in both languages and its value, already HTML. */
export const fact = (term: Texts, valueHtml: string) => `<dt>${label(term)}</dt><dd>${valueHtml}</dd>`;

/** A term and its value, each in both languages; a value the same in both is not repeated. */
export function factRow(term: Texts, value: Texts): string {
  const en = value.en === value.da ? '' : ` <span class="en" lang="en">/ ${escapeHtml(value.en)}</span>`;
  return fact(term, `${escapeHtml(value.da)}${en}`);
}

export const dateTexts = (date: LocalDate): Texts => ({ da: danishDate(date), en: englishDate(date) });

/** "09:00–10:00". */
export function hours(start: LocalDateTime, minutes: number): string {
  return `${timeOf(start)}–${timeOf(addMinutes(start, minutes))}`;
}

export function meetingFacts(meeting: PlenaryMeeting): string {
  const { start, durationMinutes } = meeting.schedule;
  const time = hours(start, durationMinutes);
  const place: Texts = meeting.form === 'physical' ? { da: meeting.place, en: meeting.place } : { da: 'online (Teams)', en: 'online (Teams)' };
  return heading(2, meeting.title) + '<dl>' +
    factRow({ da: 'Dato', en: 'Date' }, dateTexts(dateOf(start))) +
    factRow({ da: 'Tid', en: 'Time' }, { da: time, en: time }) +
    factRow({ da: 'Sted', en: 'Place' }, place) +
    '</dl>';
}

export const MEETING_CANCELLED: Texts = { da: 'Mødet er aflyst.', en: 'The meeting is called off.' };

export function invalidLinkPage(): string {
  return page('Linket er ikke gyldigt / Invalid link', heading(1, { da: 'Linket er ikke gyldigt (længere)', en: 'This link is not valid (any more)' }) +
    both({ da: 'Kontakt de rådgivere, der sendte dig linket, så sender de et nyt.', en: 'Please contact the advisors who sent you the link; they will send you a new one.' }));
}

export function refusedPage(text: Texts): string {
  return page('Svaret blev ikke gemt / Answer not saved', `${heading(1, { da: 'Svaret blev ikke gemt', en: 'Your answer was not saved' })}${both(text)}`);
}
