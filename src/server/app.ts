import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Clock } from '../app/clock';
import type { Executor } from '../store/schema';
import { sendError, type HttpErrorCode } from './http-errors';
import { linkRoutes } from './link-routes';
import { messageOf, type Log } from './log';
import { tabApi } from './tab-api/tab-api';
import { tabPages } from './tab-pages';
import type { TabApiDeps } from './tab-api/tab-api-deps';

/** What the health check needs from the store. */
export interface HealthSource {
  readonly engine: 'sqlite' | 'postgres';
  ping(): Promise<void>;
}

export interface AppDeps {
  store: HealthSource;
  mode: 'local' | 'tenant';
  /** The one source of "now" for everything the server builds. */
  clock: Clock;
  log: Log;
  /** The signed-link pages for people outside Teams; absent, /l/ is not served. */
  links?: LinkPages;
  /** The Bot Framework endpoint; absent, /api/messages is not served. */
  bot?: RequestHandler;
  /** The tab's JSON API; absent, the rest of /api is not served. */
  tab?: TabApi;
  /** The built tab's folder, served under /tab; by default the repository's tab/dist. */
  tabDir?: string;
}

export type TabApi = Omit<TabApiDeps, 'clock' | 'log'>;

export interface LinkPages {
  db: Executor;
  /** LINK_SECRET, or the one the server keeps in the database in local mode (see linkSecret). */
  secret: string;
}

export const BODY_LIMIT = '100kb';

/** A health check that hangs is worse than one that fails: load balancers time out without a reason. */
const PING_TIMEOUT_MS = 2000;

/** Routes only: listening, shutdown and the process belong to server.ts and main.ts. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: BODY_LIMIT }));
  app.get('/healthz', health(deps));
  if (deps.links) app.use(linkRoutes({ ...deps.links, clock: deps.clock, log: deps.log }));
  if (deps.bot) app.post('/api/messages', deps.bot);
  // After the bot, whose endpoint carries Bot Framework tokens, not the tab's sign-in.
  if (deps.tab) app.use('/api', tabApi({ ...deps.tab, clock: deps.clock, log: deps.log }));
  // The tab's built pages, with their own headers (see security-headers.ts); 503 until they are built.
  app.use('/tab', tabPages(deps.tabDir));
  app.use(notFound);
  app.use(errors(deps.log));
  return app;
}

function health({ store, mode, log }: AppDeps): RequestHandler {
  return async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await withTimeout(store.ping(), PING_TIMEOUT_MS);
    } catch (error) {
      log.warn(`healthz: database unreachable: ${messageOf(error)}`);
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
      return;
    }
    res.json({ status: 'ok', database: 'ok', engine: store.engine, mode });
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const notFound: RequestHandler = (_req, res) => sendError(res, 'not_found');

/** body-parser tags its errors with a `type`; these are the client's mistakes, not ours. */
const BODY_ERRORS: Readonly<Record<string, HttpErrorCode>> = {
  'entity.parse.failed': 'malformed_json',
  'entity.too.large': 'body_too_large',
  'charset.unsupported': 'unsupported_body',
  'encoding.unsupported': 'unsupported_body',
};

function property(error: unknown, key: 'type' | 'status'): unknown {
  return typeof error === 'object' && error !== null && key in error ? (error as Record<typeof key, unknown>)[key] : undefined;
}

function classify(error: unknown): HttpErrorCode {
  const type = property(error, 'type');
  if (typeof type === 'string' && BODY_ERRORS[type]) return BODY_ERRORS[type];
  const status = property(error, 'status');
  return typeof status === 'number' && status >= 400 && status < 500 ? 'bad_request' : 'internal';
}

/** Every error leaves as JSON; Express's default would answer with an HTML page and, outside production, a stack trace. */
function errors(log: Log): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const code = classify(error);
    if (code === 'internal') log.error(`${req.method} ${req.path}: ${error instanceof Error && error.stack ? error.stack : messageOf(error)}`);
    if (res.headersSent) {
      next(error);
      return;
    }
    sendError(res, code);
  };
}
