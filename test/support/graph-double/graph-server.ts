import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBatch, runBatch, type BatchResult } from './batch';
import type { InFlight, Tally } from './counts';
import { callFault } from './faults';
import { mailboxOf, type GraphApi } from './graph-api';
import { authenticate, isCaller, type Caller, type TokenExpectations } from './graph-auth';
import { badRequest, graphError, requestIds, type GraphResponse, type RequestIds } from './graph-errors';
import { faultConfigSchema, type FaultConfig, type Settings } from './options';

export interface Control {
  counts(): unknown;
  events(): unknown;
  configure(config: FaultConfig): Settings;
}

export interface GraphServerDeps {
  api: GraphApi;
  token: () => TokenExpectations;
  settings: () => Settings;
  tally: Tally;
  inFlight: InFlight;
  control: Control;
}

/**
 * Graph's front door: the bearer token on every call, `$batch` or a single request under /v1.0,
 * and what can go wrong with a whole call (see CallFault). `/_double/*` lets another process read
 * the counts and change the faults.
 */
export class GraphServer {
  private calls = 0;

  constructor(private readonly deps: GraphServerDeps) {}

  async handle(req: IncomingMessage, text: string, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url.startsWith('/_double/')) return this.control(req.method ?? 'GET', url, text, res);
    const ids = requestIds(header(req, 'client-request-id'));
    const version = /^\/([^/?]+)(\/.*)?$/.exec(url);
    if (!version || version[1] !== 'v1.0' || !version[2]) return send(res, badRequest(`Invalid version: ${version?.[1] ?? ''}`, ids), ids);
    const path = version[2];
    const { tally } = this.deps;
    tally.graphCalls++;
    const seq = ++this.calls;
    const caller = authenticate(req.headers.authorization, this.deps.token(), ids);
    if (!isCaller(caller)) return send(res, caller, ids);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Graph's words for a body that is not JSON; nothing more to learn from the parser's.
      return send(res, badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', ids), ids);
    }
    const isBatch = path === '/$batch' && req.method === 'POST';
    const items = isBatch ? parseBatch(body, tally, ids) : null;
    if (items !== null && !Array.isArray(items)) return send(res, items, ids);
    if (items) {
      tally.batches++;
      tally.batchItems += items.length;
      tally.maxItemsPerBatch = Math.max(tally.maxItemsPerBatch, items.length);
    }
    const mailboxes = (items ?? [{ url: path }]).map((item) => mailboxOf(item.url)).filter((m): m is string => m !== null);
    const leave = this.deps.inFlight.enterCall(mailboxes);
    // A hung call stays in flight until its client gives up, as a slow mailbox would.
    res.once('close', leave);
    const settings = this.deps.settings();
    const fault = callFault(settings, seq, `${req.method ?? 'GET'} ${path}`);
    if (fault === 'reset') {
      tally.callsReset++;
      req.socket.destroy();
      return;
    }
    if (fault === 'hang') {
      tally.callsHung++;
      return;
    }
    if (fault === 'unavailable') {
      tally.callsUnavailable++;
      leave();
      return send(res, graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', ids, { 'Retry-After': String(settings.retryAfterSeconds) }), ids);
    }
    const { response, wrote } = items ? await runBatch(items, this.deps.api, caller, ids, settings.seed, seq) : await this.single(req, path, body, caller, ids, seq);
    leave();
    if (fault === 'lost') {
      tally.callsLost++;
      tally.answersLost += wrote;
      req.socket.destroy();
      return;
    }
    if (fault === 'timeout') {
      tally.callsTimedOut++;
      tally.answersLost += wrote;
      return send(res, graphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response from the service.', ids), ids);
    }
    send(res, response, ids);
  }

  private async single(req: IncomingMessage, path: string, body: unknown, caller: Caller, ids: RequestIds, seq: number): Promise<BatchResult> {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const outcome = await this.deps.api.execute({ method: req.method ?? 'GET', url: path, headers, body }, caller, ids, `${seq}:direct`);
    return { response: outcome.response, wrote: outcome.wrote ? 1 : 0 };
  }

  private control(method: string, url: string, text: string, res: ServerResponse): void {
    const reply = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (method === 'GET' && url === '/_double/counts') return reply(200, this.deps.control.counts());
    if (method === 'GET' && url === '/_double/events') return reply(200, this.deps.control.events());
    if (method === 'POST' && url === '/_double/config') {
      let parsed: ReturnType<typeof faultConfigSchema.safeParse>;
      try {
        parsed = faultConfigSchema.safeParse(JSON.parse(text));
      } catch (error) {
        return reply(400, { error: `not JSON: ${(error as Error).message}` });
      }
      if (!parsed.success) return reply(400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return reply(200, this.deps.control.configure(parsed.data));
    }
    reply(404, { error: `no ${method} ${url} on the double's control routes` });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, response: GraphResponse, ids: RequestIds): void {
  const headers = { ...response.headers, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  res.writeHead(response.status, headers);
  res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
}
