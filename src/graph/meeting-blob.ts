/**
 * Teams puts the join details into an online meeting's body as a block of HTML, and Outlook turns
 * the meeting off when a PATCH of the body leaves that block out. Microsoft's advice: get the body,
 * change it, and keep the block (https://learn.microsoft.com/graph/api/event-update, "body property
 * and online meetings"). So a PATCH that sends a new body for a Teams meeting first reads the
 * current one, and the new body carries the block along.
 */
import type { Event } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import type { CalendarEventState } from '../calendar/event-state';
import type { BatchRequest } from './batch';

type EventRequest = BatchRequest<Event> & { body: Event };

/** What the read of the current body asks for. */
const bodyReadSchema = z.object({
  body: z.object({ content: z.string().nullish() }).nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

/** Whether this PATCH must carry the current meeting block: it replaces the body of what stays a Teams meeting. */
export function needsMeetingBlob(request: EventRequest, desired: CalendarEventState): boolean {
  return request.method === 'PATCH' && desired.online && request.body.body !== undefined;
}

export function bodyReadRequest(id: string, eventUrl: string): BatchRequest {
  return { id, method: 'GET', url: `${eventUrl}?$select=body,onlineMeeting` };
}

const SEPARATOR = '________________';

/**
 * The block in an HTML body that holds the join link: from the element with Teams' line of
 * underscores before the link to the end of the body. Without the link in the body there is no
 * block to keep (the meeting got none, or it was turned off).
 */
export function meetingBlobOf(content: string, joinUrl: string): string | null {
  const at = [joinUrl, joinUrl.replace(/&/g, '&amp;')].map((url) => content.indexOf(url)).find((i) => i >= 0);
  if (at === undefined) return null;
  const separator = content.lastIndexOf(SEPARATOR, at);
  const from = separator >= 0 ? content.lastIndexOf('<div', separator) : content.lastIndexOf('<a', at);
  const start = from >= 0 ? from : separator >= 0 ? separator : at;
  const bodyEnd = content.lastIndexOf('</body>');
  return content.slice(start, bodyEnd > at ? bodyEnd : content.length).trimEnd();
}

/** The request's new body with the current block appended, when there is one to keep. */
export function withMeetingBlob(request: EventRequest, current: unknown): EventRequest {
  const read = bodyReadSchema.safeParse(current);
  const content = read.success ? read.data.body?.content : null;
  const joinUrl = read.success ? read.data.onlineMeeting?.joinUrl : null;
  const blob = content && joinUrl ? meetingBlobOf(content, joinUrl) : null;
  if (blob === null) return request;
  const body = request.body.body;
  return { ...request, body: { ...request.body, body: { ...body, content: `${body?.content ?? ''}\n${blob}` } } };
}
