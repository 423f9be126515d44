import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { CalendarEventState } from '../calendar/event-state';
import { PROGRAMME_ZONE } from '../domain/local-time';
import type { RemoteDetails } from '../outbox/change';
import { attendeesOf, GRAPH_TIME_ZONE } from './event-payload';

/**
 * The part of a Graph event the sender reads back. Loose on purpose: Graph adds properties over
 * time, and any it leaves out (or sends as null) must not turn a made event into a failure.
 */
const graphTime = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
export const graphEventSchema = z.object({
  id: z.string().min(1),
  iCalUId: z.string().nullish(),
  webLink: z.string().nullish(),
  subject: z.string().nullish(),
  start: graphTime.nullish(),
  end: graphTime.nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string().nullish() }).nullish() })).nullish(),
  categories: z.array(z.string()).nullish(),
});
export type GraphEvent = z.infer<typeof graphEventSchema>;

/** What a lookup by `transactionId` asks for: enough to compare and to keep. */
export const LOOKUP_SELECT = 'id,iCalUId,webLink,subject,start,end,onlineMeeting,location,attendees,categories';

/** Zones Graph answers in: the one the event was made in, or UTC (its default for reads), or an IANA name. */
function ianaOf(name: string): string | null {
  if (name === GRAPH_TIME_ZONE) return PROGRAMME_ZONE;
  if (name === 'UTC' || name === 'Coordinated Universal Time') return 'UTC';
  return IANAZone.isValidZone(name) ? name : null;
}

/** `2023-05-04T09:30:00.0000000` in the given zone as Copenhagen wall-clock time; null when unreadable. */
export function copenhagenTimeOf(time: z.infer<typeof graphTime> | null | undefined): string | null {
  const zone = time ? ianaOf(time.timeZone ?? 'UTC') : null;
  if (!time || zone === null) return null;
  const dt = DateTime.fromISO(time.dateTime.slice(0, 23), { zone });
  return dt.isValid ? dt.setZone(PROGRAMME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") : null;
}

function sameSet(a: string[], b: string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/**
 * Whether an event Graph already had is as the desired state would make it. Left out: the body,
 * which Exchange rewrites so it never reads back as sent, and `isOnlineMeeting`, which Graph sets
 * false by itself for an organiser without Teams. A doubt counts as a difference, which costs one
 * PATCH and is never wrong.
 */
export function matchesDesired(event: GraphEvent, desired: CalendarEventState, organizer: string): boolean {
  const emails = (event.attendees ?? []).map((a) => a.emailAddress?.address?.toLowerCase() ?? '');
  const wanted = attendeesOf(desired, organizer).map((a) => a.emailAddress?.address?.toLowerCase() ?? '');
  return (
    event.subject === desired.subject &&
    copenhagenTimeOf(event.start) === desired.start &&
    copenhagenTimeOf(event.end) === desired.end &&
    (event.location?.displayName ?? '') === (desired.location?.displayName ?? '') &&
    sameSet(emails, wanted) &&
    sameSet(event.categories ?? [], desired.categories)
  );
}

/**
 * What the advisors keep of an event. A Teams meeting without a join link is the one thing Graph
 * does silently (the organiser's mailbox has no Teams licence, or is a shared mailbox): the event
 * exists and stays, but they must see that nobody can join it online.
 */
export function detailsOf(event: GraphEvent, desired: CalendarEventState, organizer: string): RemoteDetails {
  const fields: Record<string, string> = { id: event.id };
  if (event.iCalUId) fields.iCalUId = event.iCalUId;
  if (event.webLink) fields.webLink = event.webLink;
  const joinUrl = event.onlineMeeting?.joinUrl;
  if (joinUrl) fields.joinUrl = joinUrl;
  const warning =
    desired.online && !joinUrl
      ? {
          da: `Teams-mødet fik intet deltagerlink: postkassen ${organizer} har formentlig ingen Teams-licens (en delt postkasse får aldrig et link). Giv ORGANIZER_MAILBOX en Teams-licens, eller send linket til deltagerne på anden vis.`,
          en: `The Teams meeting got no join link: mailbox ${organizer} probably has no Teams licence (a shared mailbox never gets one). Give ORGANIZER_MAILBOX a Teams licence, or send the participants a link another way.`,
        }
      : null;
  return { fields, warning };
}
