import type { Event } from '@microsoft/microsoft-graph-types';
import type { CalendarEventState } from '../calendar/event-state';
import type { Texts } from '../domain/errors';
import type { Change, Outcome } from '../outbox/change';
import type { BatchRequest } from './batch';
import { CANCEL_COMMENT, createBody, eventStateSchema, patchBody, transactionIdOf } from './event-payload';
import { LOOKUP_SELECT } from './graph-event';

/**
 * A change becomes a request in the batch — one that makes the event as desired (a create or a
 * PATCH), or a cancellation — or is settled without one (nothing to send, or nothing sendable).
 * A cancellation of an event whose create went out unanswered first finds it (`find`): by the
 * `transactionId` that create carried, in a batch of lookups before the others.
 */
export type Plan =
  | { kind: 'send'; request: BatchRequest<Event> & { body: Event }; desired: CalendarEventState }
  | { kind: 'cancel'; request: BatchRequest }
  | { kind: 'find'; request: BatchRequest }
  | { kind: 'settled'; outcome: Outcome };

/** A plan with nothing left to find: what goes in the batch of changes. */
export type ReadyPlan = Exclude<Plan, { kind: 'find' }>;

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function eventsUrl(mailbox: string): string {
  return `/users/${encodeURIComponent(mailbox)}/events`;
}

export function eventUrl(mailbox: string, remoteId: string): string {
  return `${eventsUrl(mailbox)}/${encodeURIComponent(remoteId)}`;
}

const DESIRED: Texts = { da: 'den ønskede tilstand', en: 'the desired state' };
const REMOTE_ID: Texts = { da: 'begivenhedens id', en: 'the event id' };
const SENT: Texts = { da: 'den sendte tilstand', en: 'the sent state' };

/** A state or id the outbox holds that does not fit the action is a bug upstream: no try will fix it. */
function unusable(change: Change, what: Texts): Plan {
  return {
    kind: 'settled',
    outcome: {
      ok: false,
      retryable: false,
      message: `Intern fejl: ${what.da} for ${change.objectKey} mangler eller kan ikke bruges til ${change.action} / Internal error: ${what.en} of ${change.objectKey} is missing or unusable for ${change.action}`,
    },
  };
}

/**
 * The request that brings one event from what was sent to what is desired: a create with its
 * `transactionId`, a PATCH of only what differs, or a cancellation that tells the attendees.
 */
export function planOf(id: string, mailbox: string, change: Change): Plan {
  const desired = change.desired === null ? null : eventStateSchema.safeParse(change.desired);
  if (desired !== null && !desired.success) return unusable(change, DESIRED);
  const state = desired?.data ?? null;
  switch (change.action) {
    case 'create':
      if (state === null) return unusable(change, DESIRED);
      return { kind: 'send', desired: state, request: { id, method: 'POST', url: eventsUrl(mailbox), headers: JSON_HEADERS, body: createBody(state, mailbox) } };
    case 'update': {
      if (state === null) return unusable(change, DESIRED);
      if (change.remoteId === null) return unusable(change, REMOTE_ID);
      // A sent state that does not read (or none, after a lost create) is replaced as a whole.
      const sent = eventStateSchema.safeParse(change.sent);
      const body = patchBody(sent.success ? sent.data : null, state, mailbox);
      if (body === null) return { kind: 'settled', outcome: { ok: true, remoteId: change.remoteId } };
      return { kind: 'send', desired: state, request: { id, method: 'PATCH', url: eventUrl(mailbox, change.remoteId), headers: JSON_HEADERS, body } };
    }
    case 'delete': {
      if (change.remoteId !== null) return cancelPlan(id, mailbox, change.remoteId);
      // No id: a create went out with `sent` and its answer was lost, so the event may exist. With
      // nothing sent, it never was.
      const sent = change.sent === null ? null : eventStateSchema.safeParse(change.sent);
      if (sent === null) return { kind: 'settled', outcome: { ok: true, remoteId: null } };
      if (!sent.success) return unusable(change, SENT);
      return { kind: 'find', request: lookupRequest(id, mailbox, sent.data) };
    }
  }
}

/** Cancels the event for its attendees, telling them why. */
export function cancelPlan(id: string, mailbox: string, remoteId: string): ReadyPlan {
  return {
    kind: 'cancel',
    request: { id, method: 'POST', url: `${eventUrl(mailbox, remoteId)}/cancel`, headers: JSON_HEADERS, body: { Comment: CANCEL_COMMENT } },
  };
}

/** Finds the event an earlier try made, by the `transactionId` it was made with. */
export function lookupRequest(id: string, mailbox: string, state: CalendarEventState): BatchRequest {
  const filter = encodeURIComponent(`transactionId eq '${transactionIdOf(state.bookingKey)}'`);
  return { id, method: 'GET', url: `${eventsUrl(mailbox)}?$filter=${filter}&$select=${LOOKUP_SELECT}` };
}
