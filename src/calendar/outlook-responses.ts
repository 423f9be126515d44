import type { Instant, LocalDateTime } from '../domain/local-time';

/** An attendee's answer as Outlook keeps it (Graph's `responseType`). */
export const OUTLOOK_RESPONSES = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'] as const;
export type OutlookResponse = (typeof OUTLOOK_RESPONSES)[number];

export interface AttendeeStatus {
  address: string;
  response: OutlookResponse;
  /** When the attendee answered; null when Outlook keeps no time (it writes 0001-01-01 for "never"). */
  at: Instant | null;
}

/** One event as the organiser's calendar has it now: its time in Copenhagen and its attendees' answers. */
export interface EventAnswers {
  gone: false;
  cancelled: boolean;
  /** Null when the calendar's time could not be read: the answers cannot then be tied to a date. */
  start: LocalDateTime | null;
  end: LocalDateTime | null;
  attendees: AttendeeStatus[];
}

/** An event deleted in Outlook: nothing to read, and no error either. */
export interface EventGone {
  gone: true;
}

export type EventResponses = EventAnswers | EventGone;

/**
 * Reads attendees' answers back from an organiser's calendar, so the use-case knows Outlook's
 * answers and not the service that carries them.
 */
export interface OutlookResponses {
  /** One entry per event id asked for; throws OutlookUnreadable when the calendar cannot be read this time. */
  read(mailbox: string, eventIds: readonly string[]): Promise<Map<string, EventResponses>>;
}

/** The calendar could not be read now (throttled, unavailable, refused): the next round tries again. */
export class OutlookUnreadable extends Error {
  constructor(
    readonly mailbox: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OutlookUnreadable';
  }
}
