import type { Client } from '@microsoft/microsoft-graph-client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  OUTLOOK_RESPONSES, OutlookUnreadable, type AttendeeStatus, type EventResponses, type OutlookResponse, type OutlookResponses,
} from '../calendar/outlook-responses';
import { instantOf, type Instant, type LocalDateTime } from '../domain/local-time';
import { MAX_BATCH, postBatch, type BatchRequest, type BatchResult } from './batch';
import { eventUrl } from './event-requests';
import { failureOf, isMailboxMissing, type Answer } from './graph-failures';
import { copenhagenTimeOf, graphEventSchema } from './graph-event';
import type { TokenSource } from './graph-tokens';
import { TokenError } from './token-errors';

export interface GraphEventResponsesOptions {
  client: Client;
  tokens: TokenSource;
}

/** What an answer needs: the time it answers for, whether it still stands, and who said what when. */
const RESPONSES_SELECT = 'attendees,start,end,isCancelled';
/** A hung batch must not hold the periodic read (which never runs twice at once) until the process stops. */
const BATCH_TIMEOUT_MS = 30_000;

/** Loose like the sender's reading: properties Graph leaves out or adds must not make a read fail. */
const responsesSchema = graphEventSchema.pick({ id: true, start: true, end: true }).extend({
  isCancelled: z.boolean().nullish(),
  attendees: z
    .array(
      z.object({
        type: z.string().nullish(),
        status: z.object({ response: z.string().nullish(), time: z.string().nullish() }).nullish(),
        emailAddress: z.object({ address: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});
type ResponsesEvent = z.infer<typeof responsesSchema>;

const isResponse = (value: string): value is OutlookResponse => (OUTLOOK_RESPONSES as readonly string[]).includes(value);

/** Graph's dateTimeOffset (`…T10:00:00.1234567Z`) as an instant; Outlook writes year 1 for "never answered". */
export function answeredAt(time: string | null | undefined): Instant | null {
  if (!time || time.startsWith('0001-')) return null;
  const parsed = DateTime.fromISO(time, { setZone: true });
  return parsed.isValid ? instantOf(parsed.toJSDate()) : null;
}

function attendeesOf(event: ResponsesEvent): AttendeeStatus[] {
  return (event.attendees ?? []).flatMap((a) => {
    const address = a.emailAddress?.address?.trim();
    // A room or equipment booked with the meeting is an attendee too, but never a person who answers.
    if (!address || a.type?.toLowerCase() === 'resource') return [];
    const response = a.status?.response ?? 'none';
    // A response Graph adds later than this code knows says nothing the product can use.
    return [{ address, response: isResponse(response) ? response : 'none', at: answeredAt(a.status?.time) }];
  });
}

/**
 * Reads attendees' answers from the organiser's calendar through Graph: one GET per event in JSON
 * batches of up to 20, one batch at a time (Outlook counts every item against the mailbox), answers
 * matched by id. An event deleted in Outlook is reported as gone. Anything else that keeps an event
 * from being read — throttling, an outage, a refused token or mailbox — fails the whole read with
 * OutlookUnreadable: answers are merged per cohort, and the next round reads again.
 */
export class GraphEventResponses implements OutlookResponses {
  constructor(private readonly options: GraphEventResponsesOptions) {}

  async read(mailbox: string, eventIds: readonly string[]): Promise<Map<string, EventResponses>> {
    const read = new Map<string, EventResponses>();
    if (eventIds.length === 0) return read;
    await this.checkCredential(mailbox);
    for (let first = 0; first < eventIds.length; first += MAX_BATCH) {
      const chunk = eventIds.slice(first, first + MAX_BATCH);
      const requests: BatchRequest[] = chunk.map((eventId, i) => ({ id: String(i + 1), method: 'GET', url: `${eventUrl(mailbox, eventId)}?$select=${RESPONSES_SELECT}` }));
      const result = await this.batch(mailbox, requests);
      chunk.forEach((eventId, i) => read.set(eventId, this.responsesOf(mailbox, eventId, result, String(i + 1))));
    }
    return read;
  }

  /** A credential Entra ID refuses says what to fix, rather than surfacing as "Graph could not be reached". */
  private async checkCredential(mailbox: string): Promise<void> {
    try {
      await this.options.tokens.getAccessToken();
    } catch (error) {
      if (error instanceof TokenError) throw new OutlookUnreadable(mailbox, error.message, { cause: error });
      throw error;
    }
  }

  private async batch(mailbox: string, requests: BatchRequest[]): Promise<BatchResult> {
    let result: BatchResult;
    try {
      result = await postBatch(this.options.client, requests, AbortSignal.timeout(BATCH_TIMEOUT_MS));
    } catch (error) {
      throw new OutlookUnreadable(mailbox, error instanceof Error ? error.message : String(error), { cause: error });
    }
    const answers = result.kind === 'refused' ? [result.answer] : [...result.answers.values()];
    if (answers.some((a) => a.status === 401)) this.options.tokens.invalidate();
    if (result.kind === 'refused') throw this.unreadable(mailbox, result.answer);
    return result;
  }

  private responsesOf(mailbox: string, eventId: string, result: BatchResult, id: string): EventResponses {
    const answer = result.kind === 'answers' ? result.answers.get(id) : undefined;
    if (answer === undefined) {
      throw new OutlookUnreadable(mailbox, `Graph svarede ikke for begivenheden ${eventId} i batchen / Graph gave no answer for event ${eventId} in the batch`);
    }
    if (answer.status === 404 && !isMailboxMissing(answer)) return { gone: true };
    if (answer.status < 200 || answer.status >= 300) throw this.unreadable(mailbox, answer);
    const event = responsesSchema.safeParse(answer.body);
    if (!event.success) {
      throw new OutlookUnreadable(mailbox, `Graphs svar for begivenheden ${eventId} kunne ikke læses / Graph's answer for event ${eventId} was unreadable`);
    }
    return {
      gone: false,
      cancelled: event.data.isCancelled ?? false,
      // copenhagenTimeOf writes exactly a LocalDateTime: yyyy-MM-ddTHH:mm in Copenhagen.
      start: copenhagenTimeOf(event.data.start) as LocalDateTime | null,
      end: copenhagenTimeOf(event.data.end) as LocalDateTime | null,
      attendees: attendeesOf(event.data),
    };
  }

  /** The sender's wording for what went wrong: throttling, an outage, a missing permission or mailbox. */
  private unreadable(mailbox: string, answer: Answer): OutlookUnreadable {
    return new OutlookUnreadable(mailbox, failureOf('update', answer, mailbox, Date.now()).message);
  }
}
