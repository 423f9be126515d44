import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as it is. */
  body?: unknown;
  /** Gives up after this long, as a client with a timeout does. */
  timeoutMs?: number;
}

/**
 * One HTTPS request trusting the double's certificate, for a test in the process that started the
 * double (Node cannot add a CA to its own store after start, so fetch would refuse it). Rejects
 * when the connection is reset or the timeout passes, as a real client's call fails.
 */
export function rawRequest(url: string, ca: string, options: RawRequest = {}): Promise<RawResponse> {
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(payload !== undefined && typeof options.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...options.headers };
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          // Not every answer is JSON; `text` keeps it for the test to read.
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.once('error', reject);
    if (options.timeoutMs !== undefined) req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.end(payload);
  });
}
