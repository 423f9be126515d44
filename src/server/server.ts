import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../app/clock';
import type { Config } from '../config/config';
import type { RequestHandler } from 'express';
import { buildApp, type HealthSource, type LinkPages, type TabApi } from './app';
import type { Log } from './log';

export interface ServerDeps {
  store: HealthSource;
  clock: Clock;
  log: Log;
  links?: LinkPages;
  /** `POST /api/messages`, the Bot Framework endpoint. */
  bot?: RequestHandler;
  /** The tab's JSON API under /api. */
  tab?: TabApi;
  /** The built tab's folder (default: the repository's tab/dist). */
  tabDir?: string;
  /** How long requests in progress may take to finish after close() before their connections are cut. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  /** Where to reach it, with the port actually bound (tests listen on port 0). */
  url: string;
  /** Stops accepting, lets requests in progress finish, then resolves; calling it again returns the same promise. */
  close(): Promise<void>;
}

export const SHUTDOWN_GRACE_MS = 10_000;

/** Starts listening; the caller owns the store and closes it after close() resolves. */
export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const app = buildApp({ store: deps.store, mode: config.mode.kind, clock: deps.clock, log: deps.log, links: deps.links, bot: deps.bot, tab: deps.tab, tabDir: deps.tabDir });
  const server = createServer(app);
  const drain = keepAliveDrain(server);
  await listen(server, config.port, config.host);
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(server, config.host),
    close: () => (closing ??= shutDown(server, drain, deps.shutdownGraceMs ?? SHUTDOWN_GRACE_MS, deps.log)),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * server.close() waits for kept-alive connections to time out on their own; a response that says
 * `Connection: close` ends its connection as soon as it is sent, so shutdown waits only for real work.
 * A connection with no request in progress is ended at once: browsers open one ahead of need
 * (a tab left open on /tab does), and Node counts it as busy until its headers time out.
 */
function keepAliveDrain(server: Server): () => void {
  const inFlight = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let draining = false;
  const closeAfter = (res: ServerResponse): void => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (_req, res: ServerResponse) => {
    if (draining) closeAfter(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return () => {
    draining = true;
    inFlight.forEach(closeAfter);
    const busy = new Set([...inFlight].map((res) => res.socket));
    for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
  };
}

function shutDown(server: Server, drain: () => void, graceMs: number, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const cut = setTimeout(() => {
      log.warn(`Afbryder forbindelser efter ${graceMs} ms / cutting connections after ${graceMs} ms`);
      server.closeAllConnections();
    }, graceMs);
    drain();
    server.close((error) => {
      clearTimeout(cut);
      if (error) reject(error);
      else resolve();
    });
  });
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
