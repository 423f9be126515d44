import { randomUUID } from 'node:crypto';

/** One answer of Graph's: a whole HTTP response, or one item of a `$batch` response. */
export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** The ids Graph echoes in every error's innerError, per request (per batch item inside a batch). */
export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function requestIds(clientRequestId: string | undefined): RequestIds {
  return { requestId: randomUUID(), clientRequestId: clientRequestId ?? randomUUID() };
}

export function ok(status: number, body?: unknown, headers: Record<string, string> = {}): GraphResponse {
  return body === undefined ? { status, headers } : { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body };
}

/**
 * The error shape of "Microsoft Graph error responses and resource types": `{ error: { code, message,
 * innerError: { date, request-id, client-request-id } } }`, `date` in UTC without a zone suffix.
 */
export function graphError(status: number, code: string, message: string, ids: RequestIds, headers: Record<string, string> = {}): GraphResponse {
  const date = new Date().toISOString().slice(0, 19);
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: { error: { code, message, innerError: { date, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId } } },
  };
}

export const badRequest = (message: string, ids: RequestIds) => graphError(400, 'BadRequest', message, ids);

/** OData's answer to a body it cannot read: an unknown property, a wrong type, a value not in an enum. */
export const requestBodyRead = (message: string, ids: RequestIds) => graphError(400, 'RequestBodyRead', message, ids);

export const itemNotFound = (ids: RequestIds) => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.', ids);
