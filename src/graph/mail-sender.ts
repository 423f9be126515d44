import { sendEach } from './send-each';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Change, Outcome } from '../outbox/change';
import type { Sender } from '../outbox/sender';
import { MAIL_KIND, type MailState } from '../reach/rsvp-mail';
import { errorCodeOf, isMailboxMissing, refusalLine, retryAfterMs, type Answer } from './graph-failures';
import type { TokenSource } from './graph-tokens';
import { callGraph } from './install-requests';

/**
 * The named MAPI property every mail of the product carries its `mailKey` in (a string property in
 * the PS_PUBLIC_STRINGS set), so that a mail whose send went unanswered can be found again.
 */
export const MAIL_KEY_PROPERTY = 'String {66f5a359-4659-4830-9070-00049ec6ac6e} Name GruppeforloebMailKey';

export interface GraphMailSenderOptions {
  client: Client;
  tokens: TokenSource;
  now?: () => number;
}

type Failure = Extract<Outcome, { ok: false }>;

export const mailStateSchema: z.ZodType<MailState> = z.object({
  mailKey: z.string().min(1),
  to: z.object({ name: z.string(), email: z.string().min(3) }),
  subject: z.string().min(1),
  bodyHtml: z.string().min(1),
});

const messageList = z.object({ value: z.array(z.object({ id: z.string().min(1) }).passthrough()) });
const createdMessage = z.object({ id: z.string().min(1) }).passthrough();

const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;
const mailboxPath = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Messages of one well-known folder (`sentitems`, `drafts`) carrying the mail's key. */
export function messagesByKeyUrl(mailbox: string, folder: 'sentitems' | 'drafts', mailKey: string): string {
  const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${literal(MAIL_KEY_PROPERTY)} and ep/value eq ${literal(mailKey)})`;
  return `${mailboxPath(mailbox)}/mailFolders/${folder}/messages?$filter=${encodeURIComponent(filter)}&$select=id`;
}

/** The draft to create: HTML body, one recipient, the key as an extended property. */
export function draftBody(state: MailState): Record<string, unknown> {
  return {
    subject: state.subject,
    body: { contentType: 'HTML', content: state.bodyHtml },
    toRecipients: [{ emailAddress: { address: state.to.email, name: state.to.name } }],
    singleValueExtendedProperties: [{ id: MAIL_KEY_PROPERTY, value: state.mailKey }],
  };
}


const unreadable = (what: string): Failure => ({
  ok: false,
  retryable: true,
  message: `Graphs svar kunne ikke læses (${what}) / Graph's answer was unreadable (${what})`,
  retryAfterMs: null,
});

/**
 * A failed answer as the outbox's outcome: throttling, outages and a refused token are tried again
 * (after `Retry-After`); a missing permission, an unknown mailbox or a refused recipient are not,
 * and say what to fix.
 */
export function mailFailureOf(answer: Answer, mailbox: string, now: number): Failure {
  const { status } = answer;
  if (status === 429 || status >= 500) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer), retryAfterMs: retryAfterMs(answer.headers, now) };
  }
  if (status === 401) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer), retryAfterMs: null };
  }
  if (status === 403) {
    return {
      ok: false,
      retryable: false,
      message: refusalLine(
        {
          da: `Appen må ikke sende mail fra ${mailbox}: giv den applikationstilladelserne Mail.Send og Mail.ReadWrite med administratorsamtykke, og sørg for at Exchange RBAC for Applications eller en application access policy omfatter postkassen ${mailbox} (ORGANIZER_MAILBOX)`,
          en: `The app may not send mail from ${mailbox}: grant it the Mail.Send and Mail.ReadWrite application permissions with admin consent, and make sure Exchange RBAC for Applications or an application access policy covers the mailbox ${mailbox} (ORGANIZER_MAILBOX)`,
        },
        answer,
      ),
    };
  }
  if (isMailboxMissing(answer)) {
    return {
      ok: false,
      retryable: false,
      message: refusalLine({ da: `Postkassen ${mailbox} findes ikke eller har ingen Exchange Online-postkasse: ret ORGANIZER_MAILBOX`, en: `Mailbox ${mailbox} does not exist or has no Exchange Online mailbox: correct ORGANIZER_MAILBOX` }, answer),
    };
  }
  if (errorCodeOf(answer.body) === 'ErrorInvalidRecipients') {
    return { ok: false, retryable: false, message: refusalLine({ da: 'Modtagerens e-mailadresse er ugyldig: ret deltagerens adresse', en: "The recipient's address is invalid: correct the participant's address" }, answer) };
  }
  return { ok: false, retryable: false, message: refusalLine({ da: 'Graph afviste mailen', en: 'Graph refused the mail' }, answer) };
}

/**
 * Sends mails (`graph.mail`) from the organiser's mailbox, the change's target. Graph's `sendMail`
 * has no idempotency key, so a mail is a draft first, stamped with its key, then sent; before
 * that, Sent Items and Drafts are searched for the key: found sent, it is done; found as a draft
 * (an earlier try lost the send's answer, or died before it), that draft is sent. A retry after
 * any lost answer therefore delivers the mail once.
 *
 * A sent mail cannot be recalled: an update or a delete is done without a request.
 */
export class GraphMailSender implements Sender {
  readonly kind = MAIL_KIND;
  /** Four calls each at most; one mailbox, one call at a time. */
  readonly batchSize = 5;
  readonly pacingMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: GraphMailSenderOptions) {
    this.now = options.now ?? Date.now;
  }

  send(target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    return sendEach(changes, signal, {
      tokens: this.options.tokens,
      schema: mailStateSchema,
      needsCall: (change) => change.action === 'create',
      deliver: (state) => this.deliver(target, state, signal),
    });
  }

  private async deliver(mailbox: string, state: MailState, signal: AbortSignal): Promise<Outcome> {
    const sent = await this.find(mailbox, 'sentitems', state.mailKey, signal);
    if (!sent.ok) return sent;
    if (sent.id !== null) return { ok: true, remoteId: sent.id };
    const draft = await this.find(mailbox, 'drafts', state.mailKey, signal);
    if (!draft.ok) return draft;
    let id = draft.id;
    if (id === null) {
      const created = await this.call('POST', `${mailboxPath(mailbox)}/messages`, signal, draftBody(state));
      if (!is2xx(created)) return mailFailureOf(created, mailbox, this.now());
      const message = createdMessage.safeParse(created.body);
      if (!message.success) return unreadable('message');
      id = message.data.id;
    }
    const sendAnswer = await this.call('POST', `${mailboxPath(mailbox)}/messages/${encodeURIComponent(id)}/send`, signal);
    if (!is2xx(sendAnswer)) return mailFailureOf(sendAnswer, mailbox, this.now());
    return { ok: true, remoteId: id };
  }

  private async find(mailbox: string, folder: 'sentitems' | 'drafts', mailKey: string, signal: AbortSignal): Promise<{ ok: true; id: string | null } | Failure> {
    const answer = await this.call('GET', messagesByKeyUrl(mailbox, folder, mailKey), signal);
    if (!is2xx(answer)) return mailFailureOf(answer, mailbox, this.now());
    const list = messageList.safeParse(answer.body);
    if (!list.success) return unreadable(folder);
    return { ok: true, id: list.data.value[0]?.id ?? null };
  }

  private async call(method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
    const answer = await callGraph(this.options.client, method, url, signal, body);
    if (answer.status === 401) this.options.tokens.invalidate();
    return answer;
  }
}
