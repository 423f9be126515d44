import type { SlotOffer } from '../../app/slot-booking';
import { findMunicipality } from '../../domain/cohort-rules';
import { addMinutes } from '../../domain/local-time';
import { isWished } from '../../domain/slots';
import type { SlotOfferResponse } from './response-schemas';

/** What the bot's slots card offers, as the tab shows it: the free slots (the wish first) and the current booking. */
export function slotOfferView(offer: SlotOffer, municipalityId: string): SlotOfferResponse {
  const { cohort, meeting, booking } = offer;
  const municipality = findMunicipality(cohort, municipalityId);
  const minutes = meeting.schedule.slotMinutes;
  return {
    cohortId: cohort.id,
    meetingId: meeting.id,
    municipalityId,
    municipalityName: municipality.name,
    kind: meeting.kind,
    title: meeting.title,
    form: meeting.form,
    slotMinutes: minutes,
    booking: booking ? { start: booking.start, end: addMinutes(booking.start, minutes), phone: booking.phone, version: booking.version } : null,
    slots: offer.slots.map((slot) => ({ start: slot.start, end: slot.end, wished: isWished(municipality, meeting, slot) })),
  };
}
