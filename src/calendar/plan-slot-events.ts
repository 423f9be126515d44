import type { Cohort, IndividualMeeting, Municipality, SlotBooking } from '../domain/cohort';
import { addMinutes } from '../domain/local-time';
import type { DesiredObject } from '../outbox/record-desired';
import { slotEventBodyHtml } from './event-body';
import { attendeesByAddress } from './plan-events';
import { CALENDAR_EVENT_KIND, type CalendarEventState, type EventAttendee } from './event-state';

/**
 * One outbox object per municipality's booking of an individual meeting, per generation: a rebook
 * moves the event, a booking after a cancel is a new one. Named by the meeting's key, which a
 * cohort document keeps, like the plenaries' events.
 */
export function slotEventObjectKey(cohort: Cohort, meeting: IndividualMeeting, municipalityId: string, generation: number): string {
  return `event:${cohort.id}:${meeting.key}:${municipalityId}:${generation}`;
}

/** The municipality's leader contacts and every advisor: the individual meetings are theirs. */
function attendeesOf(cohort: Cohort, municipality: Municipality): EventAttendee[] {
  return attendeesByAddress([...municipality.participants.flatMap((p) => (p.contact && p.person ? [p.person] : [])), ...cohort.advisors]);
}

function eventState(cohort: Cohort, meeting: IndividualMeeting, municipality: Municipality, booking: SlotBooking): CalendarEventState {
  return {
    bookingKey: `${cohort.id}/${meeting.key}/${municipality.id}/${booking.generation}`,
    subject: `${cohort.name}: ${meeting.title.da} – ${municipality.name}`,
    bodyHtml: slotEventBodyHtml(cohort, meeting, municipality, booking),
    start: booking.start,
    end: addMinutes(booking.start, meeting.schedule.slotMinutes),
    location: meeting.form === 'phone' ? { displayName: `Telefon: ${booking.phone ?? ''}`, address: null } : null,
    online: meeting.form === 'virtual',
    attendees: attendeesOf(cohort, municipality),
    categories: [cohort.name],
  };
}

/**
 * How each booked slot's Outlook event should be, from the cohort's organiser's calendar once the
 * series is booked: its state, or null once cancelled. Before the series is booked there is no
 * organiser, and the events follow as soon as there is.
 */
export function plannedSlotEvents(cohort: Cohort): DesiredObject[] {
  const organizer = cohort.booking?.organizer;
  if (!organizer || cohort.erasedAt) return [];
  return cohort.slotBookings.flatMap((booking) => {
    const meeting = cohort.meetings.find((m): m is IndividualMeeting => m.id === booking.meetingId && m.kind !== 'plenary');
    const municipality = cohort.municipalities.find((m) => m.id === booking.municipalityId);
    if (!meeting || !municipality) return [];
    const when = booking.start.replace('T', ' ');
    return [
      {
        objectKey: slotEventObjectKey(cohort, meeting, municipality.id, booking.generation),
        cohortId: cohort.id,
        kind: CALENDAR_EVENT_KIND,
        target: organizer,
        label: { da: `${meeting.title.da}, ${municipality.name} (${when})`, en: `${meeting.title.en}, ${municipality.name} (${when})` },
        state: booking.cancelled ? null : eventState(cohort, meeting, municipality, booking),
      },
    ];
  });
}
