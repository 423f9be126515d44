import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unit } from './graph-double/faults';

export const OBJECT_KEY_HEADER = 'x-outbox-object-key';
export const VERSION_HEADER = 'x-outbox-version';
export const WORKER_HEADER = 'x-outbox-worker';
export const MAX_BATCH = 20;

export interface DoubleOptions {
  /** How long each batch takes before it is answered. */
  latencyMs?: number;
  /** Share of requests answered 429 with Retry-After. */
  throttleRate?: number;
  /** Share of requests answered 503. */
  unavailableRate?: number;
  /** Share of whole `$batch` calls answered 503, none of their requests applied. */
  batchUnavailableRate?: number;
  retryAfterSeconds?: number;
  /** Arrival numbers (1-based) of batches accepted and never answered, none of their requests applied. */
  hangBatches?: number[];
  /** Faults are drawn from this seed and each request's key, version and try, so a run repeats. */
  seed?: number;
}

export interface ObjectCounts {
  /** Versions applied, in the order applied: each at most once, rising. */
  applied: number[];
  /** Every version requested, whatever the answer, in order of first sight. */
  seen: number[];
  deleted: boolean;
}

export interface HeldBatch {
  worker: string;
  targets: string[];
  requests: number;
}

export interface DoubleCounts {
  batches: number;
  requests: number;
  objects: Record<string, ObjectCounts>;
  replays: number;
  /** Updates or deletes of events never created (or already deleted, when not a replay). */
  notFound: number;
  /** Most batches ever in flight at once for one target: the outbox promises 1. */
  maxInFlightPerTarget: number;
  throttled: number;
  unavailable: number;
  batchesUnavailable: number;
  hung: number;
  tooLarge: number;
  /** Batches applied and never answered, from the worker picked by holdWorkerAfter. */
  held: HeldBatch[];
}

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

interface Stored extends ObjectCounts {
  remoteId: string | null;
  state: unknown;
}

const EVENTS_URL = /^\/users\/([^/]+)\/events(?:\/([^/]+))?$/;

const graphError = (code: string, message: string) => ({ error: { code, message } });

function answer(id: string, status: number, body?: unknown, headers: Record<string, string> = {}): BatchResponse {
  return body === undefined ? { id, status, headers } : { id, status, headers: { 'Content-Type': 'application/json', ...headers }, body };
}

/**
 * A batching service shaped like Microsoft Graph's JSON `$batch` for Outlook events, which counts
 * what it applies on its own, so a test judges the outbox by what the service saw, not by what the
 * outbox reports.
 *
 * How a request says which outbox change it is:
 * - the action is the method and URL, as in Graph: create `POST /users/{target}/events` with the
 *   objectKey as the event's `transactionId` in the body; update `PATCH` and delete `DELETE` on
 *   `/users/{target}/events/{id}`, the id this service gave at create;
 * - every request also carries the headers `x-outbox-object-key` and `x-outbox-version`;
 * - the `$batch` POST carries `x-outbox-worker`, the sending instance's name, for holding its batches.
 *
 * A create for an object already created returns the existing event in the state it has, with 200
 * instead of 201 (Graph's transactionId: it exists, reconcile), and an update or delete of a version
 * already applied changes nothing: both count as replays, never as applications. A replayed delete answers 404, as Graph does for an event that is gone.
 *
 * Counts: counts() in the test's process, `GET /_counts` (the same JSON) from any other.
 */
export class BatchServiceDouble {
  private readonly objects = new Map<string, Stored>();
  private readonly keyByRemoteId = new Map<string, string>();
  private readonly tries = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly totals = {
    batches: 0, requests: 0, replays: 0, notFound: 0, maxInFlightPerTarget: 0,
    throttled: 0, unavailable: 0, batchesUnavailable: 0, hung: 0, tooLarge: 0,
  };
  private readonly held: HeldBatch[] = [];
  private hold: { after: number; worker?: string; picked: (worker: string) => void } | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: DoubleOptions,
  ) {}

  static async start(options: DoubleOptions = {}): Promise<BatchServiceDouble> {
    const server = createServer();
    const double = new BatchServiceDouble(server, options);
    server.on('request', (req, res) => void double.route(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return double;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * From the first batch after `batches` more, holds every batch of the worker that sent it: applied,
   * never answered, as if the answers were lost when that worker dies. Resolves with its name.
   */
  holdWorkerAfter(batches: number): Promise<string> {
    return new Promise((picked) => (this.hold = { after: this.totals.batches + batches, picked }));
  }

  counts(): DoubleCounts {
    const objects: Record<string, ObjectCounts> = {};
    for (const [key, { applied, seen, deleted }] of this.objects) objects[key] = { applied: [...applied], seen: [...seen], deleted };
    return { ...this.totals, objects, held: this.held.map((h) => ({ ...h, targets: [...h.targets] })) };
  }

  close(): Promise<void> {
    // Hung and held batches would otherwise keep their connections, and close() waiting, forever.
    this.server.closeAllConnections();
    return new Promise((done, fail) => this.server.close((error) => (error ? fail(error) : done())));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'GET' && req.url === '/_counts') return this.reply(res, 200, this.counts());
    if (req.method !== 'POST' || req.url !== '/v1.0/$batch') return this.reply(res, 404, graphError('BadRequest', `no route ${req.method} ${req.url}`));
    let requests: BatchRequest[];
    try {
      requests = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { requests: BatchRequest[] }).requests;
      if (!Array.isArray(requests)) throw new Error('no requests array');
    } catch (error) {
      return this.reply(res, 400, graphError('BadRequest', `Invalid batch payload: ${(error as Error).message}`));
    }
    if (requests.length > MAX_BATCH) {
      this.totals.tooLarge++;
      return this.reply(res, 400, graphError('BadRequest', `Number of requests (${requests.length}) exceeds the limit of ${MAX_BATCH}.`));
    }
    await this.batch(String(req.headers[WORKER_HEADER] ?? ''), requests, res);
  }

  private async batch(worker: string, requests: BatchRequest[], res: ServerResponse): Promise<void> {
    const seq = ++this.totals.batches;
    const targets = [...new Set(requests.map((r) => EVENTS_URL.exec(r.url)?.[1]).filter((t) => t !== undefined))].map(decodeURIComponent);
    const leave = this.enter(targets);
    // A hung or held batch stays in flight until its client gives up or dies.
    res.once('close', leave);
    if (this.hold && this.hold.worker === undefined && seq > this.hold.after) {
      this.hold.worker = worker;
      this.hold.picked(worker);
    }
    if (this.options.hangBatches?.includes(seq)) {
      this.totals.hung++;
      return;
    }
    await new Promise((done) => setTimeout(done, this.options.latencyMs ?? 0));
    if (unit(`${this.options.seed ?? 0}:batch:${seq}`) < (this.options.batchUnavailableRate ?? 0)) {
      this.totals.batchesUnavailable++;
      leave();
      return this.reply(res, 503, graphError('ServiceUnavailable', 'The service is temporarily unavailable.'));
    }
    const responses = requests.map((request) => this.apply(request));
    if (this.hold?.worker === worker && worker !== '') {
      this.held.push({ worker, targets, requests: requests.length });
      return;
    }
    // Graph answers a batch's requests in any order; a client must match them by id.
    const order = (item: BatchResponse) => unit(`${this.options.seed ?? 0}:${seq}:${item.id}`);
    const shuffled = [...responses].sort((a, b) => order(a) - order(b));
    leave();
    this.reply(res, 200, { responses: shuffled });
  }

  /**
   * Counts a batch in flight for its targets; the returned leave() ends that, once. A batch leaves
   * as its answer is written, not when the socket reports it sent, so a client's next batch can
   * never be counted as overlapping an answer it already has.
   */
  private enter(targets: string[]): () => void {
    for (const target of targets) {
      const now = (this.inFlight.get(target) ?? 0) + 1;
      this.inFlight.set(target, now);
      this.totals.maxInFlightPerTarget = Math.max(this.totals.maxInFlightPerTarget, now);
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      targets.forEach((target) => this.inFlight.set(target, this.inFlight.get(target)! - 1));
    };
  }

  private apply(request: BatchRequest): BatchResponse {
    const { id } = request;
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const key = headers[OBJECT_KEY_HEADER];
    const version = Number(headers[VERSION_HEADER]);
    const url = EVENTS_URL.exec(request.url);
    if (!key || !Number.isInteger(version) || !url) return answer(id, 400, graphError('BadRequest', 'Expected /users/{target}/events with outbox key and version headers.'));
    this.totals.requests++;
    const object = this.objects.get(key) ?? { applied: [], seen: [], deleted: false, remoteId: null, state: null };
    this.objects.set(key, object);
    if (!object.seen.includes(version)) object.seen.push(version);
    const fault = this.fault(id, key, version);
    if (fault) return fault;

    if (request.method === 'POST') {
      if (object.remoteId !== null) {
        this.totals.replays++;
        return answer(id, 200, { ...(object.state as object), id: object.remoteId });
      }
      object.remoteId = `AAMk-${this.keyByRemoteId.size + 1}`;
      this.keyByRemoteId.set(object.remoteId, key);
      object.state = request.body;
      object.applied.push(version);
      return answer(id, 201, { ...(object.state as object), id: object.remoteId });
    }
    const remoteId = url[2] === undefined ? undefined : decodeURIComponent(url[2]);
    const found = remoteId === undefined ? undefined : this.keyByRemoteId.get(remoteId);
    if (found !== undefined && found !== key) return answer(id, 400, graphError('BadRequest', `Event ${remoteId} is not ${key}.`));
    const replay = found !== undefined && object.applied.includes(version);
    if (replay) this.totals.replays++;
    if (found === undefined || object.deleted) {
      if (!replay) this.totals.notFound++;
      return answer(id, 404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
    }
    if (request.method === 'PATCH') {
      if (!replay) {
        object.state = { ...(object.state as object), ...(request.body as object) };
        object.applied.push(version);
      }
      return answer(id, 200, { ...(object.state as object), id: remoteId });
    }
    if (request.method === 'DELETE') {
      if (!replay) {
        object.deleted = true;
        object.applied.push(version);
      }
      return answer(id, 204);
    }
    return answer(id, 405, graphError('BadRequest', `Unsupported method ${request.method}.`));
  }

  /** A 429 or 503 for this try of (key, version), drawn from the seed so a run repeats. */
  private fault(id: string, key: string, version: number): BatchResponse | null {
    const triesKey = `${key}#${version}`;
    const tried = this.tries.get(triesKey) ?? 0;
    this.tries.set(triesKey, tried + 1);
    const draw = unit(`${this.options.seed ?? 0}:${triesKey}:${tried}`);
    const throttle = this.options.throttleRate ?? 0;
    if (draw < throttle) {
      this.totals.throttled++;
      // Outlook throttles a mailbox as ApplicationThrottled, Graph at large as TooManyRequests.
      const [code, message] = draw < throttle / 2 ? ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'] : ['TooManyRequests', 'Too many requests.'];
      return answer(id, 429, graphError(code, message), { 'Retry-After': String(this.options.retryAfterSeconds ?? 1) });
    }
    if (draw < throttle + (this.options.unavailableRate ?? 0)) {
      this.totals.unavailable++;
      return answer(id, 503, graphError('ServiceUnavailable', 'The service is temporarily unavailable.'));
    }
    return null;
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
