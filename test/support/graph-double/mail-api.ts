import { randomUUID } from 'node:crypto';
import type { Tally } from './counts';
import { itemFaultAnswer } from './faults';
import type { ApiRequest, Outcome, User } from './graph-api';
import { blockedByPolicy, type Caller } from './graph-auth';
import { badRequest, graphError, itemNotFound, ok, requestBodyRead, type GraphResponse, type RequestIds } from './graph-errors';
import type { Settings } from './options';

/** One message in a mailbox, as the double keeps it. */
export interface MailMessage {
  id: string;
  /** The sending mailbox's userPrincipalName. */
  mailbox: string;
  folder: 'drafts' | 'sentitems';
  subject: string;
  contentType: 'html' | 'text';
  content: string;
  to: { address: string; name: string | null }[];
  /** singleValueExtendedProperties, by property id as given. */
  properties: Record<string, string>;
}

/** A mail that left a mailbox: what the recipient got. */
export interface DeliveredMail {
  messageId: string;
  from: string;
  to: string;
  name: string | null;
  subject: string;
  content: string;
  properties: Record<string, string>;
}

export interface MailDeps {
  users: User[];
  settings: () => Settings;
  tally: Tally;
  graphUrl: () => string;
}

type Path =
  | { kind: 'create'; user: string }
  | { kind: 'send'; user: string; message: string }
  | { kind: 'list'; user: string; folder: string };

const READ = ['Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'];
const WRITE = ['Mail.ReadWrite'];
const SEND = ['Mail.Send'];

/** `/users/{id}/messages`, `/users/{id}/messages/{id}/send`, `/users/{id}/mailFolders/{folder}/messages`; null for anything else. */
export function mailPath(url: string): Path | null {
  let segments: string[];
  try {
    segments = url.split('?')[0]!.replace(/^\//, '').split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const [users, user, ...rest] = segments;
  if (users?.toLowerCase() !== 'users' || !user) return null;
  const lower = rest.map((s) => s.toLowerCase());
  if (lower.length === 1 && lower[0] === 'messages') return { kind: 'create', user };
  if (lower.length === 3 && lower[0] === 'messages' && lower[2] === 'send') return { kind: 'send', user, message: rest[1]! };
  if (lower.length === 3 && lower[0] === 'mailfolders' && lower[2] === 'messages') return { kind: 'list', user, folder: lower[1]! };
  return null;
}

const LITERAL = "'((?:[^']|'')*)'";
const unquote = (text: string) => text.replaceAll("''", "'");
const FILTER = new RegExp(`^\\s*singleValueExtendedProperties/any\\(\\s*(\\w+)\\s*:\\s*\\1/id\\s+eq\\s+${LITERAL}\\s+and\\s+\\1/value\\s+eq\\s+${LITERAL}\\s*\\)\\s*$`, 'i');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Outlook mail as the product uses it: "Create message" (a draft in Drafts, with
 * `singleValueExtendedProperties`), "message: send" (202; the message moves to Sent Items and is
 * delivered), and "List messages" of a well-known folder with `$filter` on an extended property.
 * Permissions as Microsoft documents them: Mail.ReadWrite to create, Mail.Send to send, Mail.Read
 * (or more) to list; without them 403 ErrorAccessDenied. A recipient without a valid address is
 * refused at send with 400 ErrorInvalidRecipients.
 */
export class MailApi {
  private readonly messages = new Map<string, MailMessage>();
  private readonly delivered: DeliveredMail[] = [];

  constructor(private readonly deps: MailDeps) {}

  /** Every mail delivered, in the order sent. */
  deliveries(): DeliveredMail[] {
    return this.delivered.map((m) => ({ ...m, properties: { ...m.properties } }));
  }

  /** Every message in every mailbox, drafts included. */
  all(): MailMessage[] {
    return [...this.messages.values()].map((m) => structuredClone(m));
  }

  execute(path: Path, request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const method = request.method.toUpperCase();
    const allowed = path.kind === 'list' ? 'GET' : 'POST';
    if (method !== allowed) return answer(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    const needed = path.kind === 'list' ? READ : path.kind === 'create' ? WRITE : SEND;
    if (!caller.roles.some((role) => needed.includes(role))) return answer(graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.', ids));
    const user = this.user(path.user);
    if (!user) return answer(graphError(404, 'ErrorInvalidUser', `The requested user '${path.user}' is invalid.`, ids));
    if (user.kind === 'noMailbox') return answer(graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.', ids));
    if (user.accessPolicyDenied) return answer(blockedByPolicy(ids));
    const settings = this.deps.settings();
    const fault = itemFaultAnswer(settings, this.deps.tally, user.upn.toLowerCase(), faultKey, ids);
    if (fault) return answer(fault);
    if (path.kind === 'list') return answer(this.list(user, path.folder, request.url, ids));
    if (path.kind === 'create') return this.create(user, request.body, ids);
    return this.send(user, path.message, ids);
  }

  private user(idOrUpn: string): User | undefined {
    const wanted = idOrUpn.toLowerCase();
    return this.deps.users.find((u) => u.upn.toLowerCase() === wanted || u.id.toLowerCase() === wanted);
  }

  private create(user: User, body: unknown, ids: RequestIds): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    if (body === undefined || body === null) return answer(badRequest('Empty Payload. JSON content expected.', ids));
    const checked = checkMessage(body);
    if (typeof checked === 'string') return answer(requestBodyRead(checked, ids));
    const message: MailMessage = { id: `AAMk${randomUUID().replaceAll('-', '')}`, mailbox: user.upn, folder: 'drafts', ...checked };
    this.messages.set(message.id, message);
    this.deps.tally.draftsCreated++;
    return answer(ok(201, this.view(message, true)), true);
  }

  private send(user: User, id: string, ids: RequestIds): Outcome {
    const answer = (response: GraphResponse, wrote = false): Outcome => ({ response, wrote });
    const message = this.messages.get(id);
    if (!message || message.mailbox !== user.upn) return answer(itemNotFound(ids));
    // A message already sent is no longer a draft: Outlook finds no draft to send.
    if (message.folder !== 'drafts') return answer(itemNotFound(ids));
    if (message.to.length === 0 || message.to.some((r) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.address))) {
      return answer(graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.', ids));
    }
    message.folder = 'sentitems';
    for (const r of message.to) {
      this.delivered.push({ messageId: message.id, from: user.upn, to: r.address, name: r.name, subject: message.subject, content: message.content, properties: { ...message.properties } });
    }
    this.deps.tally.mailsSent++;
    return answer(ok(202), true);
  }

  /** A well-known folder (`drafts`, `sentitems`), `$filter` on one extended property's id and value, `$select`. */
  private list(user: User, folder: string, url: string, ids: RequestIds): GraphResponse {
    if (folder !== 'drafts' && folder !== 'sentitems') return graphError(404, 'ErrorInvalidIdMalformed', `The folder '${folder}' is not modelled by the double.`, ids);
    const params = new URLSearchParams(url.split('?')[1] ?? '');
    for (const key of params.keys()) {
      if (key.startsWith('$') && !['$filter', '$select', '$top'].includes(key)) return badRequest(`Query option '${key}' is not supported here.`, ids);
    }
    const filter = params.get('$filter');
    const match = filter === null ? null : FILTER.exec(filter);
    if (filter !== null && !match) return badRequest(`Unsupported query filter: '${filter}'.`, ids);
    const [propertyId, value] = match ? [unquote(match[2]!), unquote(match[3]!)] : [null, null];
    const found = [...this.messages.values()].filter(
      (m) =>
        m.mailbox === user.upn &&
        m.folder === folder &&
        (propertyId === null || Object.entries(m.properties).some(([id, v]) => id.toLowerCase() === propertyId.toLowerCase() && v === value)),
    );
    const select = params.get('$select')?.split(',').map((s) => s.trim().toLowerCase()) ?? null;
    const value_ = found.map((m) => {
      const view = this.view(m, false);
      return select === null ? view : Object.fromEntries(Object.entries(view).filter(([k]) => select.includes(k.toLowerCase())));
    });
    return ok(200, { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#users('${encodeURIComponent(user.upn)}')/mailFolders('${folder}')/messages`, value: value_ });
  }

  private view(m: MailMessage, context: boolean): Record<string, unknown> {
    return {
      ...(context ? { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#users('${encodeURIComponent(m.mailbox)}')/messages/$entity` } : {}),
      id: m.id,
      subject: m.subject,
      isDraft: m.folder === 'drafts',
      body: { contentType: m.contentType, content: m.content },
      toRecipients: m.to.map((r) => ({ emailAddress: { address: r.address, name: r.name ?? r.address } })),
    };
  }
}

/** The create body: every property known and well typed, as OData reads it; the message's fields or what is wrong. */
function checkMessage(body: unknown): Omit<MailMessage, 'id' | 'mailbox' | 'folder'> | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  const known = ['subject', 'body', 'torecipients', 'singlevalueextendedproperties'];
  for (const key of Object.keys(body)) {
    if (!known.includes(key.toLowerCase())) return `The property '${key}' does not exist on type 'microsoft.graph.message'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
  }
  const { subject, body: content, toRecipients, singleValueExtendedProperties } = body;
  if (typeof subject !== 'string') return "The property 'subject' must be a string.";
  if (!isObject(content) || typeof content.content !== 'string' || typeof content.contentType !== 'string') return "The property 'body' must be an itemBody with 'contentType' and 'content'.";
  const contentType = content.contentType.toLowerCase();
  if (contentType !== 'html' && contentType !== 'text') return `The value '${content.contentType}' is not valid for 'microsoft.graph.bodyType'.`;
  if (!Array.isArray(toRecipients)) return "The property 'toRecipients' must be a collection of recipients.";
  const to: MailMessage['to'] = [];
  for (const r of toRecipients as unknown[]) {
    const address = isObject(r) && isObject(r.emailAddress) ? r.emailAddress : null;
    if (address === null || typeof address.address !== 'string' || (address.name !== undefined && typeof address.name !== 'string')) {
      return "Each of 'toRecipients' must be { emailAddress: { address, name } }.";
    }
    to.push({ address: address.address, name: typeof address.name === 'string' ? address.name : null });
  }
  const properties: Record<string, string> = {};
  if (singleValueExtendedProperties !== undefined) {
    if (!Array.isArray(singleValueExtendedProperties)) return "The property 'singleValueExtendedProperties' must be a collection.";
    for (const p of singleValueExtendedProperties as unknown[]) {
      if (!isObject(p) || typeof p.id !== 'string' || typeof p.value !== 'string') return "Each of 'singleValueExtendedProperties' must be { id, value }.";
      if (!/^String \{[0-9a-f-]{36}\} Name \S+$/i.test(p.id)) return `The extended property id '${p.id}' is not valid.`;
      properties[p.id] = p.value;
    }
  }
  return { subject, contentType, content: content.content, to, properties };
}
