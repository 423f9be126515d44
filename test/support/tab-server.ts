import { cardPreviews } from '../../bot/card-previews';
import type { Clock } from '../../src/app/clock';
import { LOOPBACK, type Config } from '../../src/config/config';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import type { SignIn } from '../../src/server/tab-auth/sign-in';
import type { Store } from '../../src/store/open-store';

export interface TabServer {
  server: RunningServer;
  logged: string[];
  /** One request to the API; `body` is sent as JSON. */
  call(path: string, options?: { method?: string; headers?: Record<string, string>; body?: unknown }): Promise<TabAnswer>;
}

export interface TabAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** The product's server with the tab API, in this process, on loopback and a free port. */
export async function startTabServer(config: Config, store: Store, clock: Clock, signIn: SignIn, connectedKinds: readonly string[] = []): Promise<TabServer> {
  const logged: string[] = [];
  const log = createLog('debug', (line) => logged.push(line), (line) => logged.push(line));
  const organizer = config.mode.kind === 'tenant' ? config.mode.organizerMailbox : null;
  // As main.ts wires them; a configured LINK_SECRET stands in for the one local mode keeps in the database.
  const links = config.links.secret === null ? {} : { links: { secret: config.links.secret, publicUrl: config.links.publicUrl } };
  const tab = { store: store.cohorts, db: store.db, signIn, connectedKinds, organizer, advisors: config.advisors, cardPreviews, ...links };
  const server = await startServer({ ...config, port: 0, host: LOOPBACK }, { store, clock, log, tab });
  return {
    server,
    logged,
    call: async (path, options = {}) => {
      const headers = { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
      const res = await fetch(`${server.url}${path}`, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // Not every answer is JSON; the test reads `text`.
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
  };
}
