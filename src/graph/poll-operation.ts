import { z } from 'zod';
import { retryAfterMs, type Answer } from './graph-failures';

/** Where a `teamsAsyncOperation` ended up within one send. */
export type Settled = { kind: 'succeeded' } | { kind: 'failed'; reason: string } | { kind: 'unsettled' };

export interface PollOptions {
  /**
   * The wait before each read, in order. Their sum bounds one send: Microsoft asks for more than
   * 30 seconds between checks, longer than a send may take, so what is not done by then is left to
   * the outbox's next tries, which wait longer.
   */
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** About fifteen seconds in all: half the worker's send timeout, with room for the calls around it. */
export const POLL_DELAYS_MS = [1_000, 2_000, 4_000, 8_000] as const;

const operation = z
  .object({
    status: z.string(),
    error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  })
  .passthrough();

const retryable = (status: number) => status === 401 || status === 429 || status >= 500;

/**
 * Reads an operation until it has succeeded or failed, with growing waits; a `Retry-After` is a
 * floor for the next wait, and one longer than the time left ends the polling instead. Throttling,
 * outages and a refused token are read past; any other refusal, or running out of waits, leaves it
 * unsettled, for the caller to check again later.
 */
export async function pollOperation(read: () => Promise<Answer>, options: PollOptions): Promise<Settled> {
  let left = options.delaysMs.reduce((sum, ms) => sum + ms, 0);
  let floor = 0;
  for (const delay of options.delaysMs) {
    const wait = Math.max(delay, floor);
    if (wait > left) return { kind: 'unsettled' };
    left -= wait;
    await options.sleep(wait);
    const answer = await read();
    floor = retryAfterMs(answer.headers, options.now()) ?? 0;
    if (answer.status < 200 || answer.status >= 300) {
      if (retryable(answer.status)) continue;
      return { kind: 'unsettled' };
    }
    const parsed = operation.safeParse(answer.body);
    if (!parsed.success) continue;
    if (parsed.data.status === 'succeeded') return { kind: 'succeeded' };
    if (parsed.data.status === 'failed') {
      const error = parsed.data.error;
      return { kind: 'failed', reason: [error?.code, error?.message].filter(Boolean).join(': ') || 'failed' };
    }
  }
  return { kind: 'unsettled' };
}
