import { createHash } from 'node:crypto';
import type { Attendee, Event } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import type { CalendarEventState } from '../calendar/event-state';
import type { LocalDateTime } from '../domain/local-time';

/**
 * Copenhagen's Windows zone name. Graph takes the Windows zones plus a list of IANA names that lacks
 * Europe/Copenhagen, and warns that create and update "might not support all" of them
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone): the Windows name is the safe
 * one. Its rules are the EU's, as Copenhagen's are, so 09:30 stays 09:30 across the DST change.
 */
export const GRAPH_TIME_ZONE = 'Romance Standard Time';

/** What a cancellation tells the attendees. */
export const CANCEL_COMMENT = 'Mødet er aflyst. Rådgiverne kontakter jer om en ny dato.';

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .transform((value) => value as LocalDateTime);

/** The outbox keeps states as JSON; this is the check that one is a CalendarEventState. */
export const eventStateSchema: z.ZodType<CalendarEventState, unknown> = z.object({
  bookingKey: z.string().min(1),
  subject: z.string(),
  bodyHtml: z.string(),
  start: localDateTime,
  end: localDateTime,
  location: z
    .object({
      displayName: z.string(),
      address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }).nullable(),
    })
    .nullable(),
  online: z.boolean(),
  attendees: z.array(z.object({ name: z.string(), email: z.string() })),
  categories: z.array(z.string()),
});

/**
 * Graph's `transactionId` for a booking: the same for every retry, so Graph makes one event however
 * often the create is sent, and new with the booking key's generation, so a rebooking is a new event.
 * A hash, because the key holds ids the mailbox's owner need not see; shaped as a UUID (version 8,
 * "custom") because that is what Graph's own examples use.
 */
export function transactionIdOf(bookingKey: string): string {
  const hex = createHash('sha256').update(bookingKey, 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function graphTime(value: LocalDateTime): { dateTime: string; timeZone: string } {
  return { dateTime: `${value}:00`, timeZone: GRAPH_TIME_ZONE };
}

/** Each participant once, and never the organiser: Outlook would invite the mailbox to its own meeting. */
export function attendeesOf(state: CalendarEventState, organizer: string): Attendee[] {
  const seen = new Set([organizer.toLowerCase()]);
  const attendees: Attendee[] = [];
  for (const person of state.attendees) {
    const key = person.email.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    attendees.push({ type: 'required', emailAddress: { address: person.email.trim(), name: person.name } });
  }
  return attendees;
}

/**
 * The event's properties in groups that are sent together: a PATCH carries a group when it differs.
 * Start and end travel as one, so a move never sends half a time range.
 */
const GROUPS = {
  subject: (s: CalendarEventState): Event => ({ subject: s.subject }),
  body: (s: CalendarEventState): Event => ({ body: { contentType: 'html', content: s.bodyHtml } }),
  time: (s: CalendarEventState): Event => ({ start: graphTime(s.start), end: graphTime(s.end) }),
  location: (s: CalendarEventState): Event => ({
    // Graph shows an event without a place with an empty location rather than none: so it is cleared.
    location: s.location === null
      ? { displayName: '' }
      : { displayName: s.location.displayName, ...(s.location.address === null ? {} : { address: { ...s.location.address } }) },
  }),
  online: (s: CalendarEventState): Event =>
    s.online ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : { isOnlineMeeting: false },
  attendees: (s: CalendarEventState, organizer: string): Event => ({ attendees: attendeesOf(s, organizer) }),
  categories: (s: CalendarEventState): Event => ({ categories: s.categories }),
} satisfies Record<string, (s: CalendarEventState, organizer: string) => Event>;

type Group = keyof typeof GROUPS;
const ALL_GROUPS = Object.keys(GROUPS) as Group[];

/** The body of `POST /users/{organizer}/events`. */
export function createBody(state: CalendarEventState, organizer: string): Event {
  const body: Event = {};
  for (const group of ALL_GROUPS) {
    if (group === 'location' && state.location === null) continue;
    Object.assign(body, GROUPS[group](state, organizer));
  }
  return { ...body, allowNewTimeProposals: false, responseRequested: true, transactionId: transactionIdOf(state.bookingKey) };
}

/** Order and letter case of attendees and categories mean nothing to Outlook; a reordering is no change. */
function comparable(group: Group, event: Event): string {
  if (group === 'attendees') {
    return JSON.stringify((event.attendees ?? []).map((a) => `${a.emailAddress?.address?.toLowerCase()}\u0000${a.emailAddress?.name}`).sort());
  }
  if (group === 'categories') return JSON.stringify([...(event.categories ?? [])].sort());
  return JSON.stringify(event);
}

/**
 * The body of `PATCH /users/{organizer}/events/{id}`: only what differs from what was sent. A move
 * carries start and end alone: Outlook then sends attendees an update of the time, and a Teams
 * meeting's body, which holds its join link, is left alone (see meeting-blob.ts for when it is not).
 * Without a sent state (the event was found made by an earlier try) every group is sent. Null when
 * nothing differs.
 */
export function patchBody(sent: CalendarEventState | null, desired: CalendarEventState, organizer: string): Event | null {
  const body: Event = {};
  for (const group of ALL_GROUPS) {
    const wanted = GROUPS[group](desired, organizer);
    if (sent !== null && comparable(group, GROUPS[group](sent, organizer)) === comparable(group, wanted)) continue;
    Object.assign(body, wanted);
  }
  return Object.keys(body).length === 0 ? null : body;
}
