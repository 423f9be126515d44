import type { LocalDateTime } from '../domain/local-time';

/** The outbox kind of an Outlook calendar event in the organiser's mailbox. */
export const CALENDAR_EVENT_KIND = 'graph.event';

export interface EventAttendee {
  name: string;
  email: string;
}

export interface EventLocation {
  displayName: string;
  /** Null when the place is not written as "…, street, postcode city". */
  address: { street: string; postalCode: string; city: string } | null;
}

/**
 * How one meeting's Outlook event should be: the desired state the outbox keeps and the Graph
 * sender turns into a create, a PATCH of what changed, or a cancel (when the state is null).
 * Times are Copenhagen wall-clock time; the sender states the zone explicitly.
 */
export interface CalendarEventState {
  /**
   * Cohort, meeting, municipality (individual meetings) and generation: the same for every retry
   * of one booking, new when a cancelled meeting is booked again. The sender hashes it into
   * Graph's `transactionId`.
   */
  bookingKey: string;
  subject: string;
  /** HTML without the date or time, so a move never has to resend it (that can regenerate the join URL). */
  bodyHtml: string;
  start: LocalDateTime;
  end: LocalDateTime;
  /** Null for a Teams meeting or a phone call. */
  location: EventLocation | null;
  /** A Teams meeting: `isOnlineMeeting` with `teamsForBusiness`. */
  online: boolean;
  attendees: EventAttendee[];
  /** The cohort's name, so the series is found together in Outlook. */
  categories: string[];
}
