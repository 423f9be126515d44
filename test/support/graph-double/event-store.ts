import { randomBytes } from 'node:crypto';
import type { Tally } from './counts';
import {
  attendeesOf, bodyPreview, eventTimes, isResponse, NEVER, storedBody, withMeetingBlob,
  type Attendee, type EventTime, type ResponseType,
} from './event-input';
import { graphError, type GraphResponse, type RequestIds } from './graph-errors';

/** A user's calendar as the double keeps it. */
export interface Mailbox {
  id: string;
  upn: string;
  displayName: string;
  teams: boolean;
}

/** An event as the double keeps it; `events()` and `GET /_double/events` hand out copies. */
export interface EventRecord {
  mailbox: string;
  id: string;
  iCalUId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  transactionId: string | null;
  subject: string | null;
  categories: string[];
  body: { contentType: 'text' | 'html'; content: string };
  bodyPreview: string;
  start: EventTime;
  end: EventTime;
  attendees: Attendee[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  /** Cancelled by the organizer: moved to Deleted Items, still readable by id, no longer listed. */
  isCancelled: boolean;
  deleted: boolean;
  /** Other properties the body set (location, importance, showAs …), returned as given. */
  other: Record<string, unknown>;
}

export interface Notification {
  mailbox: string;
  eventId: string;
  kind: 'invitation' | 'update' | 'cancellation';
  to: string;
  comment?: string;
}

type Body = Record<string, unknown>;
const OWN = new Set(['transactionId', 'subject', 'categories', 'body', 'start', 'end', 'attendees', 'isOnlineMeeting', 'onlineMeetingProvider']);

const token = (bytes: number) => randomBytes(bytes).toString('base64');
/** Outlook's timestamps: UTC with seven fraction digits. */
const timestamp = () => new Date().toISOString().replace(/Z$/, '0000Z');

/**
 * The events of every mailbox, with Outlook's rules for them: `transactionId` makes a repeated
 * create fail instead of making a second event ("event resource type"); Teams meetings get a join
 * URL only when the organizer has Teams; attendees' answers reset when the time moves; a PATCH of
 * only the attendees notifies only those who changed, other PATCHes notify everyone ("Update event").
 */
export class EventStore {
  private readonly byMailbox = new Map<string, Map<string, EventRecord>>();
  readonly sent: Notification[] = [];

  constructor(private readonly tally: Tally) {}

  all(): EventRecord[] {
    return [...this.byMailbox.values()].flatMap((events) => [...events.values()]).map(copy);
  }

  /** Events in the mailbox's calendar, in creation order. */
  calendar(mailbox: Mailbox): EventRecord[] {
    return [...this.events(mailbox).values()].filter((e) => !e.deleted && !e.isCancelled);
  }

  find(mailbox: Mailbox, id: string): EventRecord | undefined {
    const event = this.events(mailbox).get(id);
    return event && !event.deleted ? event : undefined;
  }

  create(mailbox: Mailbox, body: Body, ids: RequestIds): EventRecord | GraphResponse {
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
    if (transactionId !== null && [...this.events(mailbox).values()].some((e) => !e.deleted && e.transactionId === transactionId)) {
      this.tally.duplicateCreatesRefused++;
      // What Graph answers a repeated create, as clients report it; Microsoft documents only that the id avoids "redundant POST operations".
      return graphError(400, 'ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.", ids);
    }
    const times = eventTimes(body, null, ids);
    if (isResponse(times)) return times;
    const attendees = attendeesOf(body.attendees, [], ids);
    if (isResponse(attendees)) return attendees;
    const id = `AAMkAD${randomBytes(45).toString('base64url')}AAA=`;
    const now = timestamp();
    const event: EventRecord = {
      mailbox: mailbox.upn,
      id,
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(40).toString('hex').toUpperCase()}`,
      changeKey: token(16),
      createdDateTime: now,
      lastModifiedDateTime: now,
      transactionId,
      subject: (body.subject as string | null | undefined) ?? null,
      categories: (body.categories as string[] | undefined) ?? [],
      body: storedBody(body.body),
      bodyPreview: '',
      ...times,
      attendees,
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      joinUrl: null,
      isCancelled: false,
      deleted: false,
      other: rest(body),
    };
    this.setOnline(event, mailbox, body.isOnlineMeeting === true, body.onlineMeetingProvider as string | undefined);
    event.bodyPreview = bodyPreview(event.body);
    this.events(mailbox).set(id, event);
    this.tally.eventsCreated++;
    this.notify(event, 'invitation', attendees);
    return event;
  }

  update(mailbox: Mailbox, event: EventRecord, body: Body, ids: RequestIds): EventRecord | GraphResponse {
    if ('transactionId' in body && body.transactionId !== event.transactionId) {
      // As Graph answers it (davmail issue 484); the event resource type documents the id as fixed once set.
      return graphError(400, 'ErrorInvalidRequest', "Your request can't be completed. ClientId/TransactionId is immutable and cannot be updated.", ids);
    }
    const times = eventTimes(body, event, ids);
    if (isResponse(times)) return times;
    const before = event.attendees;
    const attendees = 'attendees' in body ? attendeesOf(body.attendees, before, ids) : before;
    if (isResponse(attendees)) return attendees;
    const moved = times.start.utc !== event.start.utc || times.end.utc !== event.end.utc;
    Object.assign(event, times, { attendees });
    if (moved) attendees.forEach((a) => Object.assign(a, { response: 'none', responseTime: NEVER }));
    if ('subject' in body) event.subject = (body.subject as string | null) ?? null;
    if ('categories' in body) event.categories = (body.categories as string[] | null) ?? [];
    if ('body' in body) {
      event.body = storedBody(body.body);
      // "Update event": removing the meeting blob from the body disables the online meeting.
      if (event.joinUrl !== null && !event.body.content.includes(event.joinUrl)) this.setOnline(event, mailbox, false, undefined);
    }
    if ('isOnlineMeeting' in body || 'onlineMeetingProvider' in body) {
      const online = 'isOnlineMeeting' in body ? body.isOnlineMeeting === true : event.isOnlineMeeting;
      if (online !== event.isOnlineMeeting) this.setOnline(event, mailbox, online, body.onlineMeetingProvider as string | undefined);
    }
    Object.assign(event.other, rest(body));
    event.bodyPreview = bodyPreview(event.body);
    event.changeKey = token(16);
    event.lastModifiedDateTime = timestamp();
    this.tally.eventsUpdated++;
    if (!event.isCancelled) this.notifyChange(event, before, attendees, Object.keys(body).every((k) => k === 'attendees' || k.includes('@')));
    return event;
  }

  cancel(event: EventRecord, comment: string | undefined): void {
    if (event.isCancelled) return;
    event.isCancelled = true;
    event.changeKey = token(16);
    event.lastModifiedDateTime = timestamp();
    this.tally.eventsCancelled++;
    this.notify(event, 'cancellation', event.attendees, comment);
  }

  /** "Delete event": deleting a meeting from the organizer's calendar sends the attendees a cancellation. */
  delete(event: EventRecord): void {
    if (!event.isCancelled) this.notify(event, 'cancellation', event.attendees);
    event.deleted = true;
    this.tally.eventsDeleted++;
  }

  /** An attendee answers, as if from Outlook. */
  respond(event: EventRecord, address: string, response: ResponseType): void {
    const attendee = event.attendees.find((a) => a.address.toLowerCase() === address.toLowerCase());
    if (!attendee) throw new Error(`${address} is not an attendee of ${event.id}`);
    attendee.response = response;
    attendee.responseTime = timestamp();
    event.changeKey = token(16);
  }

  private setOnline(event: EventRecord, mailbox: Mailbox, online: boolean, provider: string | undefined): void {
    const teams = online && (provider ?? 'teamsForBusiness') === 'teamsForBusiness' && mailbox.teams;
    if (!teams) {
      // Graph creates the event all the same, silently without a meeting (docs issue 9741).
      Object.assign(event, { isOnlineMeeting: false, onlineMeetingProvider: 'unknown', joinUrl: null });
      return;
    }
    const thread = `19%3ameeting_${randomBytes(36).toString('base64url')}%40thread.v2`;
    const joinUrl = `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=%7b%22Tid%22%3a%22${mailbox.id}%22%7d`;
    Object.assign(event, { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', joinUrl, body: withMeetingBlob(event.body, joinUrl) });
  }

  private notifyChange(event: EventRecord, before: Attendee[], after: Attendee[], attendeesOnly: boolean): void {
    const has = (list: Attendee[], a: Attendee) => list.some((b) => b.address.toLowerCase() === a.address.toLowerCase());
    const added = after.filter((a) => !has(before, a));
    this.notify(event, 'invitation', added);
    this.notify(event, 'cancellation', before.filter((a) => !has(after, a)));
    if (!attendeesOnly) this.notify(event, 'update', after.filter((a) => !added.includes(a)));
  }

  private notify(event: EventRecord, kind: Notification['kind'], to: Attendee[], comment?: string): void {
    for (const attendee of to) {
      this.sent.push({ mailbox: event.mailbox, eventId: event.id, kind, to: attendee.address, ...(comment === undefined ? {} : { comment }) });
      this.tally.notifications++;
    }
  }

  private events(mailbox: Mailbox): Map<string, EventRecord> {
    let events = this.byMailbox.get(mailbox.upn);
    if (!events) this.byMailbox.set(mailbox.upn, (events = new Map()));
    return events;
  }
}

function rest(body: Body): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !OWN.has(key) && !key.includes('@')));
}

function copy(event: EventRecord): EventRecord {
  return structuredClone(event);
}
