import type { Change, Outcome } from './change';

/**
 * A plug-in that delivers one kind of object (Graph events, Teams messages, mails). The outbox
 * decides what and when; the sender only speaks the service's protocol.
 */
export interface Sender {
  kind: string;
  /** How many changes for one target go in one call (Graph's JSON `$batch` takes 20). */
  batchSize: number;
  /** The least time between two calls to one target: Teams' per-conversation pacing. */
  pacingMs: number;
  /** One outcome per change, in the same order; throwing counts as a retryable failure of them all. */
  send(target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]>;
}
