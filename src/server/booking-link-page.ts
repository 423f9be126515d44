import type { SlotOffer } from '../app/slot-booking';
import type { IndividualMeeting } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { dateOf, type LocalDate } from '../domain/local-time';
import { isWished, type Slot } from '../domain/slots';
import type { BookingLink } from '../links/open-link';
import { both, buttonText, dateTexts, escapeHtml, factRow, greeting, heading, hours, label, notice, page } from './link-pages';

/** What the page says after a press: booked, cancelled, or why the slot could not be had. */
export const BOOKING_NOTICES = {
  booked: { da: 'Tak – tiden er booket.', en: 'Thank you – the time is booked.' },
  cancelled: { da: 'Tiden er aflyst.', en: 'The booking is cancelled.' },
  taken: { da: 'Tiden blev lige taget af en anden kommune – vælg en af de ledige tider herunder.', en: 'The time was just taken by another municipality – please pick one of the free times below.' },
  notOffered: { da: 'Den tid kan ikke længere vælges – vælg en af de ledige tider herunder.', en: 'That time can no longer be chosen – please pick one of the free times below.' },
} satisfies Record<string, Texts>;

/** The longest phone number the field takes; the domain checks what it looks like. */
const PHONE_INPUT_MAX = 30;

const FORMS: Record<IndividualMeeting['form'], Texts> = {
  virtual: { da: 'Teams-møde', en: 'Teams meeting' },
  phone: { da: 'Telefonopkald', en: 'Phone call' },
};

function duration(minutes: number): Texts {
  if (minutes % 60 !== 0) return { da: `${minutes} minutter`, en: `${minutes} minutes` };
  const h = minutes / 60;
  return { da: `${h} time${h === 1 ? '' : 'r'}`, en: `${h} hour${h === 1 ? '' : 's'}` };
}

function meetingFacts({ meeting, municipality }: BookingLink): string {
  return heading(2, meeting.title) + '<dl>' +
    factRow({ da: 'Kommune', en: 'Municipality' }, { da: municipality.name, en: municipality.name }) +
    factRow({ da: 'Varighed', en: 'Duration' }, duration(meeting.schedule.slotMinutes)) +
    factRow({ da: 'Form', en: 'Format' }, FORMS[meeting.form]) +
    '</dl>';
}

/** The municipality's booking with the way to cancel it; a rebook is picking another slot below. */
function currentBooking({ meeting }: BookingLink, { booking }: SlotOffer): string {
  if (booking === undefined) return '';
  const day = dateTexts(dateOf(booking.start));
  const time = hours(booking.start, meeting.schedule.slotMinutes);
  const phone = booking.phone === null ? '' : both({ da: `Vi ringer til ${booking.phone}.`, en: `We will call ${booking.phone}.` });
  const cancel = `<form method="post"><p><button type="submit" name="action" value="cancel">${buttonText({ da: 'Aflys tiden', en: 'Cancel the booking' })}</button></p></form>`;
  return both({ da: `I har booket: ${day.da} kl. ${time}`, en: `Your booking: ${day.en}, ${time}` }) + phone + cancel;
}

/** Slots grouped by their day, in the order offered: the day of the registration wish comes first. */
function byDay(slots: readonly Slot[]): Map<LocalDate, Slot[]> {
  const days = new Map<LocalDate, Slot[]>();
  for (const slot of slots) days.set(dateOf(slot.start), [...(days.get(dateOf(slot.start)) ?? []), slot]);
  return days;
}

function slotChoice(link: BookingLink, offer: SlotOffer, slot: Slot): string {
  const wished = isWished(link.municipality, link.meeting, slot) ? ` ★ ${label({ da: 'jeres ønske', en: 'your wish' })}` : '';
  const checked = slot.start === offer.booking?.start ? ' checked' : '';
  return `<label class="choice"><input type="radio" name="slot" value="${escapeHtml(slot.start)}" required${checked}> ${hours(slot.start, link.meeting.schedule.slotMinutes)}${wished}</label>`;
}

/** The number to call is asked for only when neither the leader nor the booking has one. */
function phoneField({ meeting, participant }: BookingLink, offer: SlotOffer): string {
  if (meeting.form !== 'phone' || participant.person.phone?.trim() || offer.booking?.phone) return '';
  return `<p><label for="phone">${label({ da: 'Telefonnummer, vi skal ringe til', en: 'Phone number to call' })}</label>` +
    `<input type="tel" id="phone" name="phone" maxlength="${PHONE_INPUT_MAX}" autocomplete="tel" required></p>`;
}

function slotsForm(link: BookingLink, offer: SlotOffer): string {
  if (offer.slots.length === 0) return both({ da: 'Der er ingen ledige tider lige nu. Kontakt rådgiverne.', en: 'There are no free times right now. Please contact the advisors.' });
  const days = [...byDay(offer.slots)].map(([day, slots]) => {
    const date = dateTexts(day);
    return `<fieldset><legend>${label(date)}</legend>${slots.map((slot) => slotChoice(link, offer, slot)).join('')}</fieldset>`;
  });
  const book = offer.booking === undefined ? { da: 'Book tiden', en: 'Book this time' } : { da: 'Flyt til denne tid', en: 'Move to this time' };
  return `<form method="post"><p>${label({ da: 'Vælg en tid', en: 'Pick a time' })}</p>${days.join('')}${phoneField(link, offer)}` +
    `<p><button type="submit" name="action" value="book">${buttonText(book)}</button></p></form>`;
}

/**
 * The individual meeting the link names, for the municipality of the leader it names: its current
 * booking and the slots free now. Other municipalities' bookings show only as slots not offered.
 */
export function bookingPage(link: BookingLink, offer: SlotOffer, said: Texts | null): string {
  return page('Booking', `${greeting(link.participant.person)}${said === null ? '' : notice(said)}${meetingFacts(link)}${currentBooking(link, offer)}${slotsForm(link, offer)}`);
}
