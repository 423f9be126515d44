export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 15 * 60_000, maxAttempts: 8 };

/**
 * Exponential back-off with full jitter, so instances that failed together do not retry together;
 * a service's `Retry-After` is a floor, never shortened.
 */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, retryAfterMs: number | null, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
