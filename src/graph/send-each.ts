import type { z } from 'zod';
import type { Change, Outcome } from '../outbox/change';
import { refusedCredential } from './graph-failures';
import type { TokenSource } from './graph-tokens';

export interface EachOptions<S> {
  tokens: TokenSource;
  schema: z.ZodType<S>;
  /** Whether a change needs requests at all: an installed app stays, a sent mail cannot be recalled. */
  needsCall: (change: Change) => boolean;
  deliver: (state: S, change: Change) => Promise<Outcome>;
}

/**
 * For senders that take several requests per change: one change at a time, each failing alone. A
 * refused credential fails them all at once with what to fix; a connection lost half way fails only
 * its change, to be tried again, since every step of these senders repeats safely.
 */
export async function sendEach<S>(changes: Change[], signal: AbortSignal, options: EachOptions<S>): Promise<Outcome[]> {
  const refused = await refusedCredential(options.tokens);
  if (refused) return changes.map(() => refused);
  const outcomes: Outcome[] = [];
  for (const change of changes) outcomes.push(await one(change, signal, options));
  return outcomes;
}

async function one<S>(change: Change, signal: AbortSignal, options: EachOptions<S>): Promise<Outcome> {
  if (!options.needsCall(change) || change.desired === null) return { ok: true, remoteId: change.remoteId };
  const desired = options.schema.safeParse(change.desired);
  if (!desired.success) {
    return { ok: false, retryable: false, message: `Intern fejl: den ønskede tilstand for ${change.objectKey} kan ikke bruges / Internal error: the desired state of ${change.objectKey} is unusable` };
  }
  try {
    return await options.deliver(desired.data, change);
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, retryable: true, message: error instanceof Error ? error.message : String(error), retryAfterMs: null };
  }
}
