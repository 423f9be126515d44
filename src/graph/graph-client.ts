import {
  AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, TelemetryHandler,
  type AuthenticationProvider, type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';

/**
 * The last link of the chain: fetch, with the cause of a failed connection (ECONNRESET, a TLS
 * refusal, a timeout) in the message, where plain fetch says only "fetch failed".
 */
class FetchHandler implements Middleware {
  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetch(context.request, context.options);
    } catch (error) {
      throw new Error(describeFetchError(error), { cause: error });
    }
  }
}

/** Duck-typed: errors from Node's own fetch need not be instances of this realm's Error. */
function describeFetchError(error: unknown): string {
  const { message, cause } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { message?: unknown; cause?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const found = (typeof cause === 'object' && cause !== null ? cause : {}) as { code?: unknown; message?: unknown };
  const detail = typeof found.code === 'string' ? found.code : typeof found.message === 'string' ? found.message : null;
  return detail && !text.includes(detail) ? `${text}: ${detail}` : text;
}

export interface GraphClientOptions {
  /** `GRAPH_ENDPOINT`, e.g. https://graph.microsoft.com or a sovereign cloud's or test double's host. */
  endpoint: string;
  auth: AuthenticationProvider;
  /** Replaces the network for tests that answer in process. */
  transport?: Middleware;
}

/**
 * A Graph client for any Graph host. The SDK sends the token only to Microsoft's own Graph hosts
 * unless the host is named in `customHosts` — the configured one is, so a sovereign cloud or a
 * private test host gets it too, on `@odata.nextLink` pages as well.
 *
 * The chain is the SDK's default without its RetryHandler: the outbox owns retries. It honours
 * `Retry-After` across processes (the mailbox is held back for every worker, not one call), keeps
 * the lease and send timeout in step with the calls, and counts attempts towards giving up; a retry
 * inside the client would spend the lease sleeping and hide throttling from all of that. Redirects
 * are still followed (the SDK drops the token when one leaves the host).
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const middleware: Middleware[] = [
    new AuthenticationHandler(options.auth),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    options.transport ?? new FetchHandler(),
  ];
  return Client.initWithMiddleware({
    baseUrl: options.endpoint,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(options.endpoint).hostname]),
    middleware,
  });
}
