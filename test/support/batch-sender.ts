import { z } from 'zod';
import type { Change, Outcome } from '../../src/outbox/change';
import type { Sender } from '../../src/outbox/sender';
import { MAX_BATCH, OBJECT_KEY_HEADER, VERSION_HEADER, WORKER_HEADER } from './batch-service-double';

/** The kind the double's objects are recorded under; not `graph.*`, which the real Graph sender will own. */
export const DOUBLE_KIND = 'double.event';

export interface BatchSenderOptions {
  /** Where the double listens, e.g. http://127.0.0.1:1234. */
  baseUrl: string;
  /** This instance's name, sent with each batch so the double can tell instances apart. */
  worker: string;
}

const graphError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const batchAnswer = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() })),
});
type ItemAnswer = z.infer<typeof batchAnswer>['responses'][number];

function request(id: string, target: string, change: Change) {
  const events = `/users/${encodeURIComponent(target)}/events`;
  const headers = { [OBJECT_KEY_HEADER]: change.objectKey, [VERSION_HEADER]: String(change.version) };
  // No id on a delete: a create went out unanswered and may or may not have made the event. The
  // double has no lookup by transactionId, so this asks for the collection and takes its 404 as done.
  const event = change.remoteId === null ? events : `${events}/${encodeURIComponent(change.remoteId)}`;
  switch (change.action) {
    case 'create':
      // transactionId makes a create sent twice (a lost answer, a dead worker) one event; Graph then
      // returns the event first created, whatever state this try carries.
      return { id, method: 'POST', url: events, headers: { ...headers, 'Content-Type': 'application/json' }, body: { ...(change.desired as object), transactionId: change.objectKey } };
    case 'update':
      return { id, method: 'PATCH', url: event, headers: { ...headers, 'Content-Type': 'application/json' }, body: change.desired };
    case 'delete':
      return { id, method: 'DELETE', url: event, headers };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: the status then says all there is.
    return null;
  }
}

function messageOf(body: unknown, status: number): string {
  const parsed = graphError.safeParse(body);
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : `HTTP ${status}`;
}

/** Retry-After is seconds from Graph; an HTTP date is allowed too. Null when absent or unreadable. */
function retryAfterMs(headers: Record<string, string> | undefined): number | null {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function sameState(event: unknown, desired: unknown): boolean {
  const fields = Object.entries(event as Record<string, unknown>).filter(([name]) => name !== 'id' && name !== 'transactionId');
  return JSON.stringify(Object.fromEntries(fields)) === JSON.stringify(desired);
}

function outcomeOf(change: Change, item: ItemAnswer | undefined): Outcome {
  if (item === undefined) return { ok: false, retryable: true, message: 'no answer for this request in the batch', retryAfterMs: null };
  const { status, body } = item;
  if (status >= 200 && status < 300) {
    const id = z.object({ id: z.string() }).safeParse(body);
    // 200, not 201, to a create: the service made this object on an earlier try. Only when that try
    // carried another state does the object still need an update.
    if (change.action === 'create' && status === 200 && id.success && !sameState(body, change.desired)) {
      return { ok: true, remoteId: id.data.id, existed: true };
    }
    return { ok: true, remoteId: id.success ? id.data.id : change.remoteId };
  }
  // A delete that finds nothing has what it wanted: the event is gone (a retry after a lost answer).
  if (status === 404 && change.action === 'delete') return { ok: true, remoteId: null };
  if (status === 429 || status >= 500) return { ok: false, retryable: true, message: messageOf(body, status), retryAfterMs: retryAfterMs(item.headers) };
  return { ok: false, retryable: false, message: messageOf(body, status) };
}

/** Sends a target's changes as one JSON `$batch` to the batch service double. */
export class BatchSender implements Sender {
  readonly kind = DOUBLE_KIND;
  readonly batchSize = MAX_BATCH;
  readonly pacingMs = 0;

  constructor(private readonly options: BatchSenderOptions) {}

  async send(target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    const requests = changes.map((change, i) => request(String(i + 1), target, change));
    const res = await fetch(`${this.options.baseUrl}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WORKER_HEADER]: this.options.worker },
      body: JSON.stringify({ requests }),
      signal,
    });
    const body = parseJson(await res.text());
    if (!res.ok) {
      const message = `$batch answered ${messageOf(body, res.status)}`;
      if (res.status === 429) return changes.map(() => ({ ok: false, retryable: true, message, retryAfterMs: retryAfterMs(Object.fromEntries(res.headers)) }));
      // Thrown, the worker counts it as a retryable failure of every change in the batch.
      if (res.status >= 500) throw new Error(message);
      return changes.map(() => ({ ok: false, retryable: false, message }));
    }
    const byId = new Map(batchAnswer.parse(body).responses.map((item) => [item.id, item]));
    return changes.map((change, i) => outcomeOf(change, byId.get(String(i + 1))));
  }
}
