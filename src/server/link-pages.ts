import { createHash } from 'node:crypto';
import type { PlenaryMeeting, RsvpAnswer } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { addMinutes, danishDate, dateOf, englishDate, timeOf } from '../domain/local-time';
import { answerOptions, DIETARY_NOTE_MAX, isForCurrentDate } from '../domain/rsvp';
import type { RsvpOutcome } from '../domain/rsvp';
import type { OpenedLink } from '../links/open-link';

/** Pages for people outside Teams: plain HTML, Danish first with an English line under it, no scripts. */

const CSS =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.4;color:#242424}' +
  '.en{color:#616161;margin-top:0}dt{font-weight:600}dd{margin:0 0 .5rem}' +
  'button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:1px solid #5b5fc7;border-radius:4px;background:#fff;color:#5b5fc7}' +
  'button[aria-pressed=true]{background:#5b5fc7;color:#fff}textarea{width:100%;font:inherit}';

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

const both = (t: Texts) => `<p>${escapeHtml(t.da)}</p><p class="en" lang="en">${escapeHtml(t.en)}</p>`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}

export const ANSWER_TEXTS: Record<RsvpAnswer, Texts> = {
  in_person: { da: 'Jeg kommer', en: 'I will come' },
  online: { da: 'Jeg deltager online', en: 'I will join online' },
  declined: { da: 'Jeg kommer ikke', en: 'I will not come' },
};

/** Only the first name: whoever holds the link learns as little as possible about the person. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

function meetingFacts(meeting: PlenaryMeeting): string {
  const { start, durationMinutes } = meeting.schedule;
  const time = `${timeOf(start)}–${timeOf(addMinutes(start, durationMinutes))}`;
  const place: Texts = meeting.form === 'physical' ? { da: meeting.place, en: meeting.place } : { da: 'online (Teams)', en: 'online (Teams)' };
  const row = (term: Texts, value: Texts) =>
    `<dt>${escapeHtml(term.da)} <span class="en" lang="en">/ ${escapeHtml(term.en)}</span></dt><dd>${escapeHtml(value.da)}${value.en === value.da ? '' : ` <span class="en" lang="en">/ ${escapeHtml(value.en)}</span>`}</dd>`;
  return `<h2>${escapeHtml(meeting.title.da)}</h2><p class="en" lang="en">${escapeHtml(meeting.title.en)}</p><dl>` +
    row({ da: 'Dato', en: 'Date' }, { da: danishDate(dateOf(start)), en: englishDate(dateOf(start)) }) +
    row({ da: 'Tid', en: 'Time' }, { da: time, en: time }) +
    row({ da: 'Sted', en: 'Place' }, place) +
    '</dl>';
}

function answerForm({ cohort, participant, meeting }: OpenedLink): string {
  if (meeting.cancelled) return both({ da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  const rsvp = cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === participant.id);
  const current = rsvp && isForCurrentDate(rsvp, meeting) ? rsvp.answer : null;
  const status = current
    ? both({ da: `Dit svar nu: ${ANSWER_TEXTS[current].da}. Du kan ændre det her.`, en: `Your answer now: ${ANSWER_TEXTS[current].en}. You can change it here.` })
    : rsvp
      ? both({ da: 'Mødet er flyttet siden dit svar. Svar igen for den nye dato.', en: 'The meeting has moved since you answered. Please answer again for the new date.' })
      : '';
  // The note itself is never shown back: dietary notes can reveal health or religion, and links get forwarded.
  const note = meeting.form !== 'physical' ? '' :
    `<p><label for="note">Bemærkning om kost (valgfri) <span class="en" lang="en">/ Dietary note (optional)</span></label>` +
    `<textarea id="note" name="note" rows="3" maxlength="${DIETARY_NOTE_MAX}"></textarea></p>` +
    (rsvp?.dietaryNote ? both({ da: 'Du har tidligere skrevet en bemærkning; den erstattes af det, du skriver nu.', en: 'You wrote a note before; it is replaced by what you write now.' }) : '');
  const buttons = answerOptions(meeting.form)
    .map((a) => `<button type="submit" name="answer" value="${a}" aria-pressed="${a === current}">${escapeHtml(ANSWER_TEXTS[a].da)} <span lang="en">/ ${escapeHtml(ANSWER_TEXTS[a].en)}</span></button>`)
    .join('');
  return `${status}<form method="post">${note}<p>${buttons}</p></form>`;
}

export function rsvpPage(link: OpenedLink): string {
  const name = escapeHtml(firstName(link.participant.person.name));
  return page('Tilmelding / RSVP', `<h1>Hej ${name}</h1><p class="en" lang="en">Hello ${name}</p>${meetingFacts(link.meeting)}${answerForm(link)}`);
}

export function answeredPage(link: OpenedLink, outcome: RsvpOutcome): string {
  const rsvp = link.cohort.rsvps.find((r) => r.meetingId === link.meeting.id && r.participantId === link.participant.id);
  const text: Texts = outcome === 'kept_newer' || !rsvp
    ? { da: 'Vi har allerede et nyere svar fra dig; det gælder fortsat.', en: 'We already have a newer answer from you; it still stands.' }
    : { da: `Tak. Dit svar er registreret: ${ANSWER_TEXTS[rsvp.answer].da}.`, en: `Thank you. Your answer is recorded: ${ANSWER_TEXTS[rsvp.answer].en}.` };
  return page('Tak / Thank you', `${meetingFacts(link.meeting)}${both(text)}<p><a href="">Ret dit svar <span lang="en">/ Change your answer</span></a></p>`);
}

export function invalidLinkPage(): string {
  return page('Linket er ikke gyldigt / Invalid link', `<h1>Linket er ikke gyldigt (længere)</h1><p class="en" lang="en">This link is not valid (any more)</p>` +
    both({ da: 'Kontakt de rådgivere, der sendte dig linket, så sender de et nyt.', en: 'Please contact the advisors who sent you the link; they will send you a new one.' }));
}

export function refusedPage(text: Texts): string {
  return page('Svaret blev ikke gemt / Answer not saved', `<h1>Svaret blev ikke gemt</h1><p class="en" lang="en">Your answer was not saved</p>${both(text)}`);
}
