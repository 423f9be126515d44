/** What the Bot Connector said when a call failed, read from botbuilder's RestError or a network error. */
export interface ConnectorFailure {
  status: number | null;
  code: string | null;
  message: string;
  retryAfterMs: number | null;
}

interface HeadersLike {
  get(name: string): string | undefined | null;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** `Retry-After` in seconds or as an HTTP date, as RFC 9110 allows. */
function retryAfterMs(headers: HeadersLike | null, now: number): number | null {
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function errorCode(response: Record<string, unknown> | null, error: Record<string, unknown>): string | null {
  const body = record(response?.parsedBody) ?? (() => {
    try {
      return record(JSON.parse(String(response?.bodyAsText ?? '')));
    } catch {
      return null;
    }
  })();
  const code = record(body?.error)?.code ?? error.code;
  return typeof code === 'string' ? code : null;
}

export function connectorFailureOf(error: unknown, now = Date.now()): ConnectorFailure {
  const e = record(error) ?? {};
  const response = record(e.response);
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof response?.status === 'number' ? response.status : null;
  const headers = response && typeof record(response.headers)?.get === 'function' ? (response.headers as HeadersLike) : null;
  return {
    status,
    code: errorCode(response, e),
    message: error instanceof Error ? error.message : String(error),
    retryAfterMs: retryAfterMs(headers, now),
  };
}

/**
 * Teams' transient answers, as its table of Bot Connector errors says to retry them: throttled,
 * precondition failed while a conversation settles, gateway trouble; and a token refused (401),
 * which the next try fetches again. A 500 is not retried, as the table says.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([401, 408, 412, 429, 502, 503, 504]);

/** The user blocked the bot, left, or uninstalled it: the conversation is gone for good. */
export const GONE_CODES: ReadonlySet<string> = new Set(['ConversationBlockedByUser', 'BotNotInConversationRoster', 'ConversationNotFound', 'BotDisabledByAdmin']);
