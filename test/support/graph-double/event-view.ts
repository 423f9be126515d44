import { DateTime } from 'luxon';
import type { EventRecord, Mailbox } from './event-store';
import type { EventTime } from './event-input';
import { ianaZone, renderDateTime } from './time-zones';

/**
 * The zone start and end are answered in. "Create Event" answers in the zone the event was given
 * in, or the one `Prefer: outlook.timezone` names; reads answer in UTC unless the header names one.
 */
export type OutputZone = { kind: 'own' } | { kind: 'named'; name: string };

/** The zone a `Prefer` header asks for, if any, and whether Graph knows it. */
export function preferredZone(prefer: string | undefined): string | null {
  const match = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(prefer ?? '');
  return match && ianaZone(match[1]!.trim()) !== null ? match[1]!.trim() : null;
}

function time(value: EventTime, zone: OutputZone) {
  const name = zone.kind === 'own' ? value.zone : zone.name;
  return { dateTime: renderDateTime(DateTime.fromISO(value.utc, { zone: 'utc' }), ianaZone(name)!), timeZone: name };
}

/** An event as Graph returns it, every property present, `transactionId` only when one was set. */
export function eventView(event: EventRecord, mailbox: Mailbox, zone: OutputZone, graphUrl: string): Record<string, unknown> {
  const location = (event.other.location as Record<string, unknown> | null | undefined) ?? null;
  const displayName = (location?.displayName as string | undefined) ?? '';
  const view: Record<string, unknown> = {
    '@odata.etag': `W/"${event.changeKey}"`,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    recurrence: null,
    ...event.other,
    id: event.id,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    categories: [...event.categories],
    ...(event.transactionId === null ? {} : { transactionId: event.transactionId }),
    originalStartTimeZone: event.start.zone,
    originalEndTimeZone: event.end.zone,
    iCalUId: event.iCalUId,
    subject: event.subject,
    bodyPreview: event.bodyPreview,
    isCancelled: event.isCancelled,
    isOrganizer: true,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: { ...event.body },
    start: time(event.start, zone),
    end: time(event.end, zone),
    location: { displayName, locationType: 'default', uniqueIdType: displayName ? 'private' : 'unknown', ...(displayName ? { uniqueId: displayName } : {}), ...(location ?? {}) },
    locations: location && displayName ? [{ displayName, locationType: 'default', uniqueIdType: 'unknown', ...location }] : [],
    attendees: event.attendees.map((a) => ({ type: a.type, status: { response: a.response, time: a.responseTime }, emailAddress: { name: a.name, address: a.address } })),
    organizer: { emailAddress: { name: mailbox.displayName, address: mailbox.upn } },
    onlineMeeting: event.joinUrl === null ? null : { joinUrl: event.joinUrl },
  };
  return { '@odata.context': `${graphUrl}/v1.0/$metadata#users('${encodeURIComponent(mailbox.upn)}')/events/$entity`, ...view };
}

/** `$select`: the named properties, plus the annotations and id Graph always includes. */
export function selected(view: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (select === null) return view;
  const keep = new Set(['@odata.context', '@odata.etag', 'id', ...select]);
  return Object.fromEntries(Object.entries(view).filter(([key]) => keep.has(key)));
}
