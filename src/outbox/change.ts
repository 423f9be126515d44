import type { Texts } from '../domain/errors';

/**
 * What the outbox hands a sender: one Microsoft 365 object, the version to reach, and the action
 * that gets it there from what was last sent. States are the sender's own JSON; the outbox only
 * compares versions, never looks inside. `objectKey` is stable for the object's life, so a sender
 * can derive an idempotency key from it (Graph's `transactionId`) and a retried create stays one.
 */
export type Action = 'create' | 'update' | 'delete';

export interface Change {
  objectKey: string;
  kind: string;
  target: string;
  version: number;
  action: Action;
  /** The state to reach; null when the object is to be deleted or cancelled. */
  desired: unknown;
  /**
   * The state last sent, for senders that must send a difference or know what to cancel. For a
   * delete with no `remoteId` it is the state of a create sent without an answer: the object may
   * exist, and the sender must look it up by its idempotency key, and count not found as done.
   */
  sent: unknown;
  /** The service's id of the object once created (a Graph event id, a Teams activity id). */
  remoteId: string | null;
}

/**
 * What the service said about the object, kept beside it for the advisors: its identifiers and links
 * (a Graph event's `iCalUId`, `webLink`, Teams `joinUrl`), and a warning when the call succeeded but
 * the result is not what was asked for (a Teams meeting that got no join link).
 */
export interface RemoteDetails {
  fields: Record<string, string>;
  warning: Texts | null;
}

export type Outcome =
  /** `details` replaces what was kept; without it, what was kept stays. */
  | { ok: true; remoteId: string | null; details?: RemoteDetails }
  /**
   * A create the service had already carried out on an earlier try whose answer was lost: the object
   * exists, but in the state of that try, so it still needs an update to this version.
   */
  | { ok: true; remoteId: string; existed: true }
  /** Worth another try later, after `retryAfterMs` when the service said so (`Retry-After`). */
  | { ok: false; retryable: true; message: string; retryAfterMs: number | null }
  | { ok: false; retryable: false; message: string };

/**
 * Null when nothing is to be done: the object never existed and is not wanted. `unconfirmed` is the
 * state of a create that went out without an answer: the object may exist, so one no longer wanted
 * is deleted (the sender finds it by its idempotency key, having no id), and one still wanted is
 * created again, which the idempotency key keeps one object.
 */
export function actionFor(desired: unknown, sent: unknown, remoteId: string | null, unconfirmed: unknown = null): Action | null {
  const exists = sent !== null || remoteId !== null;
  if (desired === null) return exists || unconfirmed !== null ? 'delete' : null;
  return exists ? 'update' : 'create';
}
