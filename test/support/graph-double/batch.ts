import type { Tally } from './counts';
import { unit } from './faults';
import type { ApiRequest, GraphApi } from './graph-api';
import type { Caller } from './graph-auth';
import { badRequest, ok, requestIds, type GraphResponse, type RequestIds } from './graph-errors';

export const MAX_BATCH = 20;
/** "Outlook service limits for JSON batching": up to 4 requests of a batch run at once. */
const PARALLEL = 4;

interface Item {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchResult {
  response: GraphResponse;
  /** Items that changed a mailbox. */
  wrote: number;
}

/** The requests of a `$batch` body, or the 400 Graph gives the whole batch. */
export function parseBatch(body: unknown, tally: Tally, ids: RequestIds): Item[] | GraphResponse {
  const invalid = () => badRequest('Invalid batch payload format.', ids);
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return invalid();
  if (requests.length > MAX_BATCH) {
    tally.tooLargeBatches++;
    return badRequest(`Number of batch request steps exceeds the maximum value of ${MAX_BATCH}.`, ids);
  }
  const items: Item[] = [];
  for (const raw of requests as Record<string, unknown>[]) {
    if (raw === null || typeof raw !== 'object' || typeof raw.id !== 'string' || typeof raw.method !== 'string' || typeof raw.url !== 'string') return invalid();
    if (raw.dependsOn !== undefined) {
      // The product sends independent requests, so one refusal fails that item alone; a chain here is a mistake to surface.
      return badRequest(`Request id ${raw.id} uses dependsOn, which this double refuses: batch items must be independent.`, ids);
    }
    if (items.some((item) => item.id.toLowerCase() === (raw.id as string).toLowerCase())) return badRequest(`Batch request ids must be unique; '${raw.id}' is repeated.`, ids);
    const headers = Object.fromEntries(Object.entries((raw.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const writes = ['POST', 'PATCH', 'PUT'].includes(raw.method.toUpperCase());
    if ((raw.body !== undefined || writes) && (raw.body === undefined || !headers['content-type'])) {
      // "JSON batching": a request with a body must carry its Content-Type; Graph refuses the batch otherwise.
      return badRequest(`Write request id : ${raw.id} does not contain Content-Type header or body.`, ids);
    }
    items.push({ id: raw.id, method: raw.method, url: raw.url, headers, body: raw.body });
  }
  return items;
}

/**
 * Runs a batch's requests as Outlook does, four at a time, each alone: one failing fails only
 * itself. The answers come back in an order of their own ("individual responses might appear in a
 * different order than the requests"), matched to requests by id only.
 */
export async function runBatch(items: Item[], api: GraphApi, caller: Caller, batchIds: RequestIds, seed: number, seq: number): Promise<BatchResult> {
  const responses: ({ id: string } & GraphResponse)[] = [];
  let wrote = 0;
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      const ids = requestIds(item.headers['client-request-id'] ?? batchIds.clientRequestId);
      const request: ApiRequest = { method: item.method, url: item.url, headers: item.headers, body: item.body };
      const outcome = await api.execute(request, caller, ids, `${seq}:${item.id}`);
      if (outcome.wrote) wrote++;
      responses.push({ id: item.id, ...outcome.response });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  const order = (id: string) => unit(`${seed}:order:${seq}:${id}`);
  responses.sort((a, b) => order(a.id) - order(b.id));
  return { response: ok(200, { responses }), wrote };
}
