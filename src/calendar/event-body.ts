import type { Cohort, IndividualMeeting, Municipality, PlenaryMeeting, SlotBooking } from '../domain/cohort';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const list = (items: readonly string[]): string => `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;

function preparation(meeting: PlenaryMeeting): string {
  const items = meeting.presentations
    ? [
        'Hver kommune holder et kort oplæg om de lokale erfaringer siden sidst.',
        'Tag gerne jeres arbejde med indsatsbeskrivelsen med, så I kan få sparring på den.',
      ]
    : ['Overvej, hvad I især ønsker at drøfte om organiseringen af M-ACT i jeres kommune.'];
  return `<h3>Forberedelse</h3>${list(items)}`;
}

function practical(meeting: PlenaryMeeting): string {
  const items =
    meeting.form === 'physical'
      ? [`Sted: ${meeting.place}`, 'Der er forplejning. Meld afbud eller særlige kostbehov i svaret på invitationen eller i Teams.']
      : ['Mødet holdes i Microsoft Teams; linket står i invitationen.', 'Deltag gerne med kamera, så vi kan se hinanden.'];
  return `<h3>Praktisk</h3>${list(items)}`;
}

function advisors(cohort: Cohort): string {
  const lines = cohort.advisors.map((a) => [a.name, a.title, a.phone, a.email].filter((part): part is string => Boolean(part)).join(', '));
  return `<h3>Spørgsmål</h3><p>Kontakt rådgiverne:</p>${list(lines)}`;
}

/**
 * The invitation's text, in Danish like the programme itself. It names no date or time: those
 * live in the event's own fields, so a move never has to send the body again.
 */
export function eventBodyHtml(cohort: Cohort, meeting: PlenaryMeeting): string {
  const themes = meeting.themes.length > 0 ? `<h3>Tema</h3>${list(meeting.themes)}` : '';
  return [
    `<p>${escape(meeting.title.da)} i gruppeforløbet ${escape(cohort.name)}.</p>`,
    themes,
    preparation(meeting),
    practical(meeting),
    advisors(cohort),
  ].join('');
}

/**
 * The individual meeting's invitation: a Teams meeting for the preparatory meeting, a phone call
 * for the follow-up with the number the advisor will call. Like the plenaries', it names no time.
 */
export function slotEventBodyHtml(cohort: Cohort, meeting: IndividualMeeting, municipality: Municipality, booking: SlotBooking): string {
  const how =
    meeting.form === 'phone'
      ? `<p>Rådgiveren ringer til ${escape(municipality.name)} på ${escape(booking.phone ?? '')}.</p>`
      : '<p>Mødet holdes i Microsoft Teams; linket står i invitationen.</p>';
  const themes = meeting.themes.length > 0 ? `<h3>Tema</h3>${list(meeting.themes)}` : '';
  return [`<p>${escape(meeting.title.da)} med ${escape(municipality.name)} i gruppeforløbet ${escape(cohort.name)}.</p>`, how, themes, advisors(cohort)].join('');
}
