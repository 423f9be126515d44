import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Answer } from './graph-failures';

/** Graph takes at most 20 requests in one JSON batch. */
export const MAX_BATCH = 20;

export interface BatchRequest<Body = unknown> {
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the version root, e.g. `/users/{mailbox}/events`. */
  url: string;
  headers?: Record<string, string>;
  body?: Body;
}

/** Either every request's own answer by id, or one answer for them all when Graph refused the batch as such. */
export type BatchResult = { kind: 'answers'; answers: Map<string, Answer> } | { kind: 'refused'; answer: Answer };

const batchBody = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: the status then says all there is.
    return null;
  }
}

/**
 * One `POST /$batch`. The requests are independent (no `dependsOn`), so one refused item fails
 * alone; answers come back in any order and are matched by id. A refused batch is returned as one
 * answer, and so is a 5xx with `Retry-After`; any other outage (5xx, an unreadable answer, no
 * connection) is thrown, which the outbox counts as a retryable failure of every change in the batch.
 */
export async function postBatch(client: Client, requests: BatchRequest[], signal: AbortSignal): Promise<BatchResult> {
  if (requests.length > MAX_BATCH) throw new Error(`a JSON batch takes at most ${MAX_BATCH} requests, not ${requests.length}`);
  let response: Response;
  try {
    response = (await client.api('/$batch').option('signal', signal).responseType(ResponseType.RAW).post({ requests })) as Response;
  } catch (error) {
    throw new Error(`Graph kunne ikke nås / Graph could not be reached (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const text = await response.text();
  const answer: Answer = { status: response.status, headers: Object.fromEntries(response.headers), body: parseJson(text) };
  // An outage that says when to come back is answered like a throttled batch, so the wait it asks for is kept.
  if (response.status >= 500 && answer.headers['retry-after'] === undefined) throw new Error(`Graph svarede HTTP ${response.status} på $batch / Graph answered HTTP ${response.status} to $batch`);
  if (!response.ok) return { kind: 'refused', answer };
  const parsed = batchBody.safeParse(answer.body);
  if (!parsed.success) throw new Error(`Graphs svar på $batch kunne ikke læses / Graph's answer to $batch was unreadable: ${text.slice(0, 200)}`);
  const answers = new Map<string, Answer>();
  for (const item of parsed.data.responses) answers.set(item.id, { status: item.status, headers: item.headers ?? {}, body: item.body ?? null });
  return { kind: 'answers', answers };
}
