import { z } from 'zod';
import type { Texts } from '../domain/errors';
import type { Action, Outcome } from '../outbox/change';
import type { TokenSource } from './graph-tokens';
import { TokenError } from './token-errors';

/** One answer of a JSON `$batch`, or a whole response shaped like one. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type Failure = Extract<Outcome, { ok: false }>;

const graphError = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

/** Graph's `error.code`, e.g. `ErrorInvalidRecipients`; null when the body is not a Graph error. */
export function errorCodeOf(body: unknown): string | null {
  const parsed = graphError.safeParse(body);
  return parsed.success ? parsed.data.error.code : null;
}

/** `code: message` as Graph wrote it, for the advisors to quote to IT; the status when there is no body. */
export function graphReason(answer: Pick<Answer, 'status' | 'body'>): string {
  const parsed = graphError.safeParse(answer.body);
  if (!parsed.success) return `HTTP ${answer.status}`;
  const { code, message } = parsed.data.error;
  return message ? `${code}: ${message}` : code;
}

/** A refusal for the advisors: Danish, English, and Graph's own words in brackets. */
export const refusalLine = (text: Texts, answer: Answer): string => `${text.da} / ${text.en} (${graphReason(answer)})`;

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** `Retry-After` in seconds (what Graph sends) or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | null {
  const value = headerOf(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function line(text: Texts, answer: Answer): string {
  return `${text.da} / ${text.en} (${graphReason(answer)})`;
}

/** Codes with which Graph says the mailbox itself is unknown or unreachable by REST, not the event. */
const MAILBOX_CODES = new Set(['ErrorInvalidUser', 'ErrorNonExistentMailbox', 'MailboxNotEnabledForRESTAPI', 'MailboxNotFound', 'ResourceNotFound']);

/** A 404 about the mailbox rather than the event: the organiser's address is wrong, whatever the request. */
export function isMailboxMissing(answer: Answer): boolean {
  const code = errorCodeOf(answer.body);
  return answer.status === 404 && code !== null && MAILBOX_CODES.has(code);
}

function notFound(action: Action, answer: Answer, mailbox: string): Failure {
  if (action !== 'create' && !isMailboxMissing(answer)) {
    return {
      ok: false,
      retryable: false,
      message: line(
        {
          da: `Begivenheden findes ikke længere i kalenderen for ${mailbox} (slettet i Outlook?). Aflys mødet og book det igen`,
          en: `The event no longer exists in the calendar of ${mailbox} (deleted in Outlook?). Cancel the meeting and book it again`,
        },
        answer,
      ),
    };
  }
  return {
    ok: false,
    retryable: false,
    message: line(
      {
        da: `Postkassen ${mailbox} findes ikke eller har ingen Exchange Online-kalender: ret ORGANIZER_MAILBOX (eller forløbets arrangør)`,
        en: `Mailbox ${mailbox} does not exist or has no Exchange Online calendar: correct ORGANIZER_MAILBOX (or the cohort's organiser)`,
      },
      answer,
    ),
  };
}

/**
 * A failed answer to one request as the outbox's outcome. Throttling and outages are worth another
 * try after Graph's `Retry-After`; a 401 too, since the next try fetches a new token; what the
 * request itself or the tenant's setup got wrong is not, and says what an administrator must fix.
 */
export function failureOf(action: Action, answer: Answer, mailbox: string, now: number): Failure {
  const { status } = answer;
  if (status === 429 || status >= 500) {
    return { ok: false, retryable: true, message: line({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer), retryAfterMs: retryAfterMs(answer.headers, now) };
  }
  if (status === 401) {
    return {
      ok: false,
      retryable: true,
      message: line({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer),
      retryAfterMs: null,
    };
  }
  if (status === 403) {
    return {
      ok: false,
      retryable: false,
      message: line(
        {
          da: `Appen har ikke adgang til kalenderen for ${mailbox}: giv den applikationstilladelsen Calendars.ReadWrite med administratorsamtykke, og sørg for at Exchange RBAC for Applications eller en application access policy omfatter ORGANIZER_MAILBOX (${mailbox})`,
          en: `The app may not use the calendar of ${mailbox}: grant it the Calendars.ReadWrite application permission with admin consent, and make sure Exchange RBAC for Applications or an application access policy covers ORGANIZER_MAILBOX (${mailbox})`,
        },
        answer,
      ),
    };
  }
  if (status === 404) return notFound(action, answer, mailbox);
  // A concurrent change to the same item in Exchange: it settles by itself.
  if (status === 409) return { ok: false, retryable: true, message: line({ da: 'Samtidig ændring i Exchange', en: 'Concurrent change in Exchange' }, answer), retryAfterMs: null };
  return { ok: false, retryable: false, message: line({ da: 'Graph afviste begivenheden', en: 'Graph refused the event' }, answer) };
}

/** A credential Entra ID refuses fails every change at once, with what to fix; an unreachable one is thrown. */
export async function refusedCredential(tokens: TokenSource): Promise<Outcome | null> {
  try {
    await tokens.getAccessToken();
    return null;
  } catch (error) {
    if (error instanceof TokenError && !error.retryable) return { ok: false, retryable: false, message: error.message };
    throw error;
  }
}
