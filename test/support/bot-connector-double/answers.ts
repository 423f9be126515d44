/** One HTTP answer of the Connector service. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (status: number, body?: unknown): Answer => ({ status, body });

/** The Connector's error body, `{ error: { code, message } }` ("Status codes from bot conversational APIs"). */
export function connectorError(status: number, code: string, message: string, headers: Record<string, string> = {}): Answer {
  return { status, body: { error: { code, message } }, headers };
}

export const throttled = (retryAfterSeconds: number): Answer =>
  connectorError(429, 'Throttled', 'Too many requests.', { 'Retry-After': String(retryAfterSeconds) });

export const conversationNotFound = (): Answer => connectorError(404, 'ConversationNotFound', 'Conversation not found.');

// Microsoft's table gives this very message for a missing activity too.
export const activityNotFound = (): Answer => connectorError(404, 'ActivityNotFoundInConversation', 'Conversation not found.');

export const memberNotFound = (status: 400 | 404): Answer => connectorError(status, 'MemberNotFoundInConversation', 'Member not found in conversation.');

export const blockedByUser = (): Answer => connectorError(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.');

export const botNotInRoster = (): Answer => connectorError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');

/** Microsoft.Bot.Schema.ErrorCodes: BadSyntax is "error parsing request". */
export const badSyntax = (message: string): Answer => connectorError(400, 'BadSyntax', message);

export const badArgument = (message: string): Answer => connectorError(400, 'BadArgument', message);

export const missingProperty = (property: string): Answer => connectorError(400, 'MissingProperty', `'${property}' is required.`);

/** Not JSON like the rest: the ASP.NET answer of the real service to a missing or refused token. */
export const unauthorized = (): Answer => ({ status: 401, body: { message: 'Authorization has been denied for this request.' } });

/** The code and message a scripted fault of each status answers with, unless the test names its own. */
export const FAULT_ERRORS: Record<FaultStatus, { code: string; message: string }> = {
  412: { code: 'PreconditionFailed', message: 'Precondition failed, please try again.' },
  429: { code: 'Throttled', message: 'Too many requests.' },
  500: { code: 'ServiceError', message: 'Unknown' },
  502: { code: 'ServiceError', message: 'Unknown' },
  503: { code: 'ServiceUnavailable', message: 'Service is unavailable.' },
  504: { code: 'GatewayTimeout', message: 'Gateway Timeout.' },
};

export type FaultStatus = 412 | 429 | 500 | 502 | 503 | 504;
