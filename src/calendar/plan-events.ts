import type { Cohort, Person, PlenaryMeeting } from '../domain/cohort';
import { endOf } from '../domain/schedule-rules';
import type { DesiredObject } from '../outbox/record-desired';
import { eventBodyHtml } from './event-body';
import { CALENDAR_EVENT_KIND, type CalendarEventState, type EventAttendee, type EventLocation } from './event-state';

/** "…, Edisonsvej 18, 5000 Odense C": the last two parts, when they read as street and Danish postcode with city. */
function locationOf(meeting: PlenaryMeeting): EventLocation | null {
  if (meeting.form !== 'physical' || meeting.place.trim() === '') return null;
  const match = /,\s*([^,]+),\s*(\d{4})\s+([^,]+)$/.exec(meeting.place);
  return {
    displayName: meeting.place,
    address: match ? { street: match[1]!.trim(), postalCode: match[2]!, city: match[3]!.trim() } : null,
  };
}

/** Every participant still known and every advisor, once each by address: whom a plenary's invitation reaches. */
export function attendeesOf(cohort: Cohort): EventAttendee[] {
  return attendeesByAddress([
    ...cohort.municipalities.flatMap((m) => m.participants.flatMap((p) => (p.person ? [p.person] : []))),
    ...cohort.advisors,
  ]);
}

/** One invitation per address, however often a person is listed (a leader who is also an advisor). */
export function attendeesByAddress(people: readonly Person[]): EventAttendee[] {
  const seen = new Set<string>();
  return people.flatMap((p) => {
    const key = p.email.trim().toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ name: p.name, email: p.email.trim() }];
  });
}

/**
 * One outbox object per booking of a plenary: a cancelled meeting booked again is a new object.
 * Built from the cohort id and the meeting's key, which a cohort document keeps, so a cohort
 * exported and imported again still names the events it booked (its meeting ids are new).
 */
export function eventObjectKey(cohort: Cohort, meeting: PlenaryMeeting, generation: number): string {
  return `event:${cohort.id}:${meeting.key}:${generation}`;
}

/** "Refleksionsmøde 2" where the programme has several of one title, so each invitation says which it is. */
function titleOf(cohort: Cohort, meeting: PlenaryMeeting): string {
  const namesakes = cohort.meetings.filter((m) => m.kind === 'plenary' && m.title.da === meeting.title.da);
  return namesakes.length > 1 ? `${meeting.title.da} ${namesakes.indexOf(meeting) + 1}` : meeting.title.da;
}

function eventState(cohort: Cohort, meeting: PlenaryMeeting): CalendarEventState {
  return {
    bookingKey: `${cohort.id}/${meeting.key}/${meeting.generation}`,
    subject: `${cohort.name}: ${titleOf(cohort, meeting)}`,
    bodyHtml: eventBodyHtml(cohort, meeting),
    start: meeting.schedule.start,
    end: endOf(meeting.schedule),
    location: locationOf(meeting),
    online: meeting.form === 'virtual',
    attendees: attendeesOf(cohort),
    categories: [cohort.name],
  };
}

/**
 * How every plenary's Outlook event should be once the series is booked: its state, or null for a
 * cancelled meeting (the event is then cancelled for everyone). A meeting's earlier generations
 * are always cancelled: an event replaced by a new one (booked again, or its form changed) must
 * not linger in anyone's calendar. Before booking there are none.
 */
export function plannedEvents(cohort: Cohort): DesiredObject[] {
  const booking = cohort.booking;
  if (!booking || cohort.erasedAt) return [];
  return cohort.meetings.flatMap((meeting) => {
    if (meeting.kind !== 'plenary') return [];
    const label = { da: `${meeting.title.da} (${meeting.schedule.start.replace('T', ' kl. ')})`, en: `${meeting.title.en} (${meeting.schedule.start.replace('T', ' ')})` };
    return Array.from({ length: meeting.generation }, (_, i) => i + 1).map((generation) => ({
      objectKey: eventObjectKey(cohort, meeting, generation),
      cohortId: cohort.id,
      kind: CALENDAR_EVENT_KIND,
      target: booking.organizer,
      label,
      state: meeting.cancelled || generation < meeting.generation ? null : eventState(cohort, meeting),
    }));
  });
}
