import { ANSWER_CHOICES } from '../domain/answer-names';
import type { Texts } from '../domain/errors';
import { answerOptions, DIETARY_NOTE_MAX, isForCurrentDate, type RsvpOutcome } from '../domain/rsvp';
import type { RsvpLink } from '../links/open-link';
import { both, buttonText, greeting, label, MEETING_CANCELLED, meetingFacts, page } from './link-pages';

function answerForm({ cohort, participant, meeting }: RsvpLink): string {
  if (meeting.cancelled) return both(MEETING_CANCELLED);
  const rsvp = cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === participant.id);
  const current = rsvp && isForCurrentDate(rsvp, meeting) ? rsvp.answer : null;
  const status = current
    ? both({ da: `Dit svar nu: ${ANSWER_CHOICES[current].da}. Du kan ændre det her.`, en: `Your answer now: ${ANSWER_CHOICES[current].en}. You can change it here.` })
    : rsvp
      ? both({ da: 'Mødet er flyttet siden dit svar. Svar igen for den nye dato.', en: 'The meeting has moved since you answered. Please answer again for the new date.' })
      : '';
  // The note itself is never shown back: dietary notes can reveal health or religion, and links get forwarded.
  const note = meeting.form !== 'physical' ? '' :
    `<p><label for="note">${label({ da: 'Bemærkning om kost (valgfri)', en: 'Dietary note (optional)' })}</label>` +
    `<textarea id="note" name="note" rows="3" maxlength="${DIETARY_NOTE_MAX}"></textarea></p>` +
    (rsvp?.dietaryNote ? both({ da: 'Du har tidligere skrevet en bemærkning; den erstattes af det, du skriver nu.', en: 'You wrote a note before; it is replaced by what you write now.' }) : '');
  const buttons = answerOptions(meeting.form)
    .map((a) => `<button type="submit" name="answer" value="${a}" aria-pressed="${a === current}">${buttonText(ANSWER_CHOICES[a])}</button>`)
    .join('');
  return `${status}<form method="post">${note}<p>${buttons}</p></form>`;
}

export function rsvpPage(link: RsvpLink): string {
  return page('Tilmelding / RSVP', `${greeting(link.participant.person)}${meetingFacts(link.meeting)}${answerForm(link)}`);
}

export function answeredPage(link: RsvpLink, outcome: RsvpOutcome): string {
  const rsvp = link.cohort.rsvps.find((r) => r.meetingId === link.meeting.id && r.participantId === link.participant.id);
  const text: Texts = outcome === 'kept_newer' || !rsvp
    ? { da: 'Vi har allerede et nyere svar fra dig; det gælder fortsat.', en: 'We already have a newer answer from you; it still stands.' }
    : { da: `Tak. Dit svar er registreret: ${ANSWER_CHOICES[rsvp.answer].da}.`, en: `Thank you. Your answer is recorded: ${ANSWER_CHOICES[rsvp.answer].en}.` };
  return page('Tak / Thank you', `${meetingFacts(link.meeting)}${both(text)}<p><a href="">Ret dit svar <span lang="en">/ Change your answer</span></a></p>`);
}
