import { graphError, type GraphResponse, type RequestIds } from './graph-errors';
import { ianaZone, instantOf } from './time-zones';

export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface Attendee {
  type: string;
  name: string;
  address: string;
  response: ResponseType;
  /** When the attendee answered; Outlook's "never" is 0001-01-01T00:00:00Z. */
  responseTime: string;
}

export interface EventTime {
  /** The instant, ISO in UTC. */
  utc: string;
  /** The zone the time was given in, as given ("Romance Standard Time" or "Europe/Copenhagen"). */
  zone: string;
}

export const NEVER = '0001-01-01T00:00:00Z';

type Body = Record<string, unknown>;

/** A dateTimeTimeZone made an instant, or the 400 Outlook gives for it. */
export function eventTime(value: unknown, ids: RequestIds): EventTime | GraphResponse {
  const { dateTime, timeZone } = (value ?? {}) as { dateTime?: string; timeZone?: string | null };
  const zone = ianaZone(timeZone);
  if (zone === null) {
    return graphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone ?? ''}'.`, ids);
  }
  const instant = dateTime === undefined ? null : instantOf(dateTime, zone);
  if (instant === null) {
    return graphError(400, 'ErrorInvalidRequest', `Your request can't be completed. The value '${dateTime ?? ''}' of dateTime is not a valid date and time.`, ids);
  }
  return { utc: instant.toISO()!, zone: timeZone! };
}

export const isResponse = (value: unknown): value is GraphResponse => typeof value === 'object' && value !== null && 'status' in value && 'headers' in value;

/** Start and end of a body, each falling back to what the event had; end before start is refused. */
export function eventTimes(body: Body, was: { start: EventTime; end: EventTime } | null, ids: RequestIds): { start: EventTime; end: EventTime } | GraphResponse {
  const start = 'start' in body ? eventTime(body.start, ids) : was?.start;
  if (isResponse(start)) return start;
  const end = 'end' in body ? eventTime(body.end, ids) : was?.end;
  if (isResponse(end)) return end;
  // Graph's answer to an event with no start or end, or one that ends before it starts.
  const invalid = () => graphError(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation.', ids);
  if (start === undefined || end === undefined) return invalid();
  return Date.parse(end.utc) < Date.parse(start.utc) ? invalid() : { start, end };
}

const ADDRESS = /^[^@\s<>()[\],;:"]+@[^@\s<>()[\],;:"]+\.[^@\s<>()[\],;:".]+$/;

/** The attendees of a body, keeping the answers of those already invited; a bad address fails the request. */
export function attendeesOf(value: unknown, was: Attendee[], ids: RequestIds): Attendee[] | GraphResponse {
  const list = (value ?? []) as { type?: string | null; emailAddress?: { address?: string | null; name?: string | null } | null }[];
  const out: Attendee[] = [];
  for (const item of list) {
    const address = item.emailAddress?.address ?? '';
    if (!ADDRESS.test(address)) {
      const message = `At least one recipient isn't valid., Recipient '${address}' isn't resolved. All recipients must be resolved before a message can be submitted.`;
      return graphError(400, 'ErrorInvalidRecipients', message, ids);
    }
    const before = was.find((a) => a.address.toLowerCase() === address.toLowerCase());
    out.push({
      type: item.type ?? 'required',
      name: item.emailAddress?.name ?? address,
      address,
      response: before?.response ?? 'none',
      responseTime: before?.responseTime ?? NEVER,
    });
  }
  return out;
}

/** The body as Outlook keeps it: HTML is wrapped in a document, as Graph returns it. */
export function storedBody(value: unknown): { contentType: 'text' | 'html'; content: string } {
  const { contentType, content } = (value ?? {}) as { contentType?: string | null; content?: string | null };
  const text = content ?? '';
  if (contentType !== 'html') return { contentType: 'text', content: text };
  if (/<html[\s>]/i.test(text)) return { contentType: 'html', content: text };
  return { contentType: 'html', content: `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${text}\r\n</body>\r\n</html>\r\n` };
}

/** The block Teams adds to an online meeting's body; without it the meeting stops being online. */
function meetingBlob(joinUrl: string): string {
  return `<div style="width:100%">________________________________________________________________________________<br><span style="font-size:24px">Microsoft Teams meeting</span><br><a href="${joinUrl}">Join the meeting now</a></div>`;
}

/** The body with Teams' block added, as Outlook stores an online meeting's body. */
export function withMeetingBlob(body: { contentType: 'text' | 'html'; content: string }, joinUrl: string) {
  if (body.contentType === 'text') return { contentType: 'text' as const, content: `${body.content}\r\n\r\nMicrosoft Teams meeting\r\nJoin the meeting now: ${joinUrl}` };
  const blob = meetingBlob(joinUrl);
  return { contentType: 'html' as const, content: body.content.includes('</body>') ? body.content.replace('</body>', `${blob}\r\n</body>`) : `${body.content}${blob}` };
}

export function bodyPreview(body: { content: string }): string {
  return body.content
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}
