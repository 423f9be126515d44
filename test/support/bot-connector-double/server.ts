import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Answer } from './answers';
import type { ConnectorApi } from './connector-api';
import type { ChannelAuthority } from './channel-auth';
import type { TlsMaterial } from '../graph-double/tls';

export const METADATA_PATH = '/v1/.well-known/openidconfiguration';
export const KEYS_PATH = '/v1/.well-known/keys';

export interface Served {
  api: ConnectorApi;
  authority: ChannelAuthority;
  /** The listener's origin, known once it listens: the keys' URL in the metadata needs it. */
  origin: () => string;
}

/** The double's one listener: the Connector API, and the Bot Framework's OpenID metadata and keys. */
export function connectorServer(served: Served, tls: TlsMaterial | undefined): Server {
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }) : createHttpServer();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void serve(req, res, served));
  return server;
}

async function serve(req: IncomingMessage, res: ServerResponse, { api, authority, origin }: Served): Promise<void> {
  try {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://double');
    if (req.method === 'GET' && url.pathname === METADATA_PATH) return write(res, { status: 200, body: authority.metadata(`${origin()}${KEYS_PATH}`) });
    if (req.method === 'GET' && url.pathname === KEYS_PATH) return write(res, { status: 200, body: authority.jwks() });
    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const outcome = api.handle({ method: req.method ?? 'GET', segments, query: url.searchParams, text, authorization: req.headers.authorization });
    // The work is done; the caller never hears so, as when a connection drops on the way back.
    if (outcome.lose) return void req.socket.destroy();
    write(res, outcome.answer);
  } catch (error) {
    // A bug in the double must fail the test that met it loudly, not hang it.
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`bot connector double: ${(error as Error).stack ?? String(error)}`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, { status, body, headers = {} }: Answer): void {
  if (body === undefined) return void res.writeHead(status, { ...headers, 'content-length': '0' }).end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
}
