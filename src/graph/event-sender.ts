import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { CALENDAR_EVENT_KIND, type CalendarEventState } from '../calendar/event-state';
import type { Change, Outcome } from '../outbox/change';
import type { Sender } from '../outbox/sender';
import { MAX_BATCH, postBatch, type BatchRequest, type BatchResult } from './batch';
import { cancelPlan, lookupRequest, planOf, type Plan, type ReadyPlan } from './event-requests';
import { errorCodeOf, failureOf, isMailboxMissing, refusedCredential, type Answer } from './graph-failures';
import { detailsOf, graphEventSchema, matchesDesired, type GraphEvent } from './graph-event';
import type { TokenSource } from './graph-tokens';
import { bodyReadRequest, needsMeetingBlob, withMeetingBlob } from './meeting-blob';

export interface GraphEventSenderOptions {
  client: Client;
  tokens: TokenSource;
  now?: () => number;
}

/** A create Graph refused because its `transactionId` was used: the event exists and must be looked up. */
interface Duplicate {
  duplicate: true;
  desired: CalendarEventState;
}

type Settled = Outcome | Duplicate;

const isDuplicate = (s: Settled): s is Duplicate => 'duplicate' in s;
const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;

const NO_ANSWER: Outcome = {
  ok: false,
  retryable: true,
  message: 'Graph svarede ikke på denne forespørgsel i batchen / Graph gave no answer to this request in the batch',
  retryAfterMs: null,
};
const eventList = z.object({ value: z.array(z.unknown()) });
const foundIds = z.object({ value: z.array(z.object({ id: z.string() }).passthrough()) });

/**
 * Delivers Outlook events (`graph.event`) to the organiser's calendar: per call one JSON `$batch`
 * with a create, PATCH or cancel per changed event, preceded by a batch of lookups when an event
 * whose create went unanswered is to be cancelled, and one of reads when a Teams meeting's body is
 * replaced, followed by a batch of lookups when a create turned out made before.
 * The batches of one call go one after another: Outlook counts every item against the mailbox.
 *
 * Every create carries a `transactionId` derived from the booking, so a create retried after a lost
 * answer or a killed worker never makes a second event; Graph refuses it, and the event made first
 * is looked up and handed back as existing.
 */
export class GraphEventSender implements Sender {
  readonly kind = CALENDAR_EVENT_KIND;
  readonly batchSize = MAX_BATCH;
  readonly pacingMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: GraphEventSenderOptions) {
    this.now = options.now ?? Date.now;
  }

  async send(target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    const refused = await refusedCredential(this.options.tokens);
    if (refused) return changes.map(() => refused);
    const found = await this.findUnconfirmed(changes.map((change, i) => planOf(String(i + 1), target, change)), target, signal);
    const plans = await this.keepMeetingBlobs(found, target, signal);
    const requests = plans.flatMap((plan) => (plan.kind === 'settled' ? [] : [plan.request]));
    const result = requests.length > 0 ? await this.batch(requests, signal) : null;
    const settled = plans.map((plan, i): Settled => {
      if (plan.kind === 'settled') return plan.outcome;
      const answer = answerOf(result, plan.request.id);
      if (answer === null) return NO_ANSWER;
      if (plan.kind === 'cancel') return this.cancelled(answer, target);
      return this.settle(changes[i]!, plan.desired, answer, target);
    });
    return this.reconcile(settled, target, signal);
  }

  /**
   * A token first: a credential Entra ID refuses fails every change at once with what to fix, and
   * no batch goes out. An unreachable Entra ID is thrown, a retryable failure of them all.
   */

  /** Every 401 in an answer makes the next call fetch a new token, whichever request met it. */
  private async batch(requests: BatchRequest[], signal: AbortSignal): Promise<BatchResult> {
    const result = await postBatch(this.options.client, requests, signal);
    const answers = result.kind === 'refused' ? [result.answer] : [...result.answers.values()];
    if (answers.some((a) => a.status === 401)) this.options.tokens.invalidate();
    return result;
  }

  /**
   * Looks up, by its `transactionId`, every event to be cancelled whose create went out but was
   * never answered: found, it is cancelled in the batch of changes; not found, it was never made
   * (or is gone already), and the cancellation is done without another request. Nothing is written
   * yet, so an outage here is thrown and every change tried again.
   */
  private async findUnconfirmed(plans: Plan[], mailbox: string, signal: AbortSignal): Promise<ReadyPlan[]> {
    const lookups = plans.flatMap((plan) => (plan.kind === 'find' ? [plan.request] : []));
    const result = lookups.length > 0 ? await this.batch(lookups, signal) : null;
    return plans.map((plan): ReadyPlan => {
      if (plan.kind !== 'find') return plan;
      const answer = answerOf(result, plan.request.id);
      if (answer === null) return { kind: 'settled', outcome: NO_ANSWER };
      if (!is2xx(answer)) return { kind: 'settled', outcome: failureOf('delete', answer, mailbox, this.now()) };
      const list = foundIds.safeParse(answer.body);
      if (!list.success) {
        return {
          kind: 'settled',
          outcome: { ok: false, retryable: true, message: 'Graph svarede uden en liste af begivenheder / Graph answered without a list of events', retryAfterMs: null },
        };
      }
      const event = list.data.value[0];
      return event === undefined ? { kind: 'settled', outcome: { ok: true, remoteId: null } } : cancelPlan(plan.request.id, mailbox, event.id);
    });
  }

  /**
   * Reads the current body of every Teams meeting whose body the PATCH replaces, and carries its
   * meeting block into the new one (see meeting-blob.ts). Nothing is written yet, so an outage here
   * is thrown and every change tried again.
   */
  private async keepMeetingBlobs(plans: ReadyPlan[], mailbox: string, signal: AbortSignal): Promise<ReadyPlan[]> {
    const reads = plans.flatMap((plan) =>
      plan.kind === 'send' && needsMeetingBlob(plan.request, plan.desired) ? [bodyReadRequest(plan.request.id, plan.request.url)] : [],
    );
    if (reads.length === 0) return plans;
    const result = await this.batch(reads, signal);
    return plans.map((plan): ReadyPlan => {
      if (plan.kind !== 'send' || !reads.some((r) => r.id === plan.request.id)) return plan;
      const answer = answerOf(result, plan.request.id);
      if (answer === null) return { kind: 'settled', outcome: NO_ANSWER };
      if (!is2xx(answer)) return { kind: 'settled', outcome: failureOf('update', answer, mailbox, this.now()) };
      return { ...plan, request: withMeetingBlob(plan.request, answer.body) };
    });
  }

  private cancelled(answer: Answer, mailbox: string): Outcome {
    // Already gone is what a cancellation wants: a retry after a lost answer, or deleted in Outlook.
    if (is2xx(answer) || (answer.status === 404 && !isMailboxMissing(answer))) return { ok: true, remoteId: null };
    return failureOf('delete', answer, mailbox, this.now());
  }

  private settle(change: Change, desired: CalendarEventState, answer: Answer, mailbox: string): Settled {
    if (is2xx(answer)) return change.action === 'update' ? this.updated(change.remoteId, answer.body, desired, mailbox) : this.created(answer.body, desired, mailbox);
    if (change.action === 'create' && (answer.status === 400 || answer.status === 409) && errorCodeOf(answer.body) === 'ErrorDuplicateTransactionId') {
      return { duplicate: true, desired };
    }
    return failureOf(change.action, answer, mailbox, this.now());
  }

  /** Graph answers a PATCH with the event; an answer without one (204) keeps the details known. */
  private updated(remoteId: string | null, body: unknown, desired: CalendarEventState, mailbox: string): Outcome {
    const event = graphEventSchema.safeParse(body);
    return event.success ? { ok: true, remoteId: remoteId ?? event.data.id, details: detailsOf(event.data, desired, mailbox) } : { ok: true, remoteId };
  }

  private created(body: unknown, desired: CalendarEventState, mailbox: string): Outcome {
    const event = graphEventSchema.safeParse(body);
    if (!event.success) {
      return { ok: false, retryable: true, message: 'Graph bekræftede begivenheden uden dens id / Graph confirmed the event without its id', retryAfterMs: null };
    }
    return this.found(event.data, desired, mailbox);
  }

  /**
   * An event Graph made: as desired, or made by an earlier try with an older state (a create's
   * answer may be the event made first), in which case it exists and still needs this version.
   */
  private found(event: GraphEvent, desired: CalendarEventState, mailbox: string): Outcome {
    if (!matchesDesired(event, desired, mailbox)) return { ok: true, remoteId: event.id, existed: true };
    return { ok: true, remoteId: event.id, details: detailsOf(event, desired, mailbox) };
  }

  /**
   * Looks up, in one more batch, the events whose creates Graph refused as duplicates. Nothing is
   * thrown from here: the first batch's outcomes are settled, and a create that succeeded must be
   * recorded whatever the lookup meets.
   */
  private async reconcile(settled: Settled[], mailbox: string, signal: AbortSignal): Promise<Outcome[]> {
    const lookups = settled.flatMap((s, i) => (isDuplicate(s) ? [lookupRequest(String(i + 1), mailbox, s.desired)] : []));
    if (lookups.length === 0) return settled.filter((s): s is Outcome => !isDuplicate(s));
    let result: BatchResult;
    try {
      result = await this.batch(lookups, signal);
    } catch (error) {
      const message = `Begivenheden findes allerede, men kunne ikke slås op / The event exists but could not be looked up: ${error instanceof Error ? error.message : String(error)}`;
      return settled.map((s) => (isDuplicate(s) ? { ok: false, retryable: true, message, retryAfterMs: null } : s));
    }
    return settled.map((s, i) => (isDuplicate(s) ? this.lookedUp(s.desired, answerOf(result, String(i + 1)), mailbox) : s));
  }

  private lookedUp(desired: CalendarEventState, answer: Answer | null, mailbox: string): Outcome {
    if (answer === null) return NO_ANSWER;
    if (!is2xx(answer)) return failureOf('create', answer, mailbox, this.now());
    const list = eventList.safeParse(answer.body);
    const event = list.success && list.data.value.length > 0 ? graphEventSchema.safeParse(list.data.value[0]) : null;
    if (event?.success) return this.found(event.data, desired, mailbox);
    return {
      ok: false,
      retryable: false,
      message:
        'Graph siger, at begivenheden allerede er oprettet, men den findes ikke i kalenderen (slettet i Outlook?). Aflys mødet og book det igen / ' +
        'Graph says the event was already created, but it is not in the calendar (deleted in Outlook?). Cancel the meeting and book it again',
    };
  }
}

/** The answer to one request: its own, or the batch's when Graph refused the batch as a whole. */
function answerOf(result: BatchResult | null, id: string): Answer | null {
  if (result === null) return null;
  if (result.kind === 'refused') return result.answer;
  return result.answers.get(id) ?? null;
}
