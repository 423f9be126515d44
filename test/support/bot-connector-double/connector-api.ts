import {
  activityNotFound,
  badArgument,
  badSyntax,
  blockedByUser,
  botNotInRoster,
  connectorError,
  conversationNotFound,
  memberNotFound,
  missingProperty,
  ok,
  throttled,
  unauthorized,
  type Answer,
} from './answers';
import type { Conversation, Directory } from './directory';
import type { ScriptedFaults } from './faults';
import type { MessageIds } from './ids';
import type { RateLimits } from './options';
import type { Budget, RateLimiter } from './rate-limiter';
import type { Records } from './records';
import { roster, teamsChannelAccount } from './roster';

export interface ConnectorRequest {
  method: string;
  /** The path, percent-decoded segment by segment. */
  segments: string[];
  query: URLSearchParams;
  text: string;
  authorization: string | undefined;
}

/** The answer, and whether the connection is destroyed instead of sending it. */
export interface Outcome {
  answer: Answer;
  lose: boolean;
}

export interface ConnectorDeps {
  tenantId: string;
  directory: Directory;
  records: Records;
  limiter: RateLimiter;
  limits: RateLimits;
  faults: ScriptedFaults;
  messageIds: MessageIds;
  requireBearer: ((token: string) => boolean) | undefined;
  now: () => number;
}

type Json = Record<string, unknown>;
type Route = { conversationId?: string; run: (body: Json) => Answer; hasBody: boolean };

/** The Bot Connector REST API (v3) as Teams serves it to a bot. */
export class ConnectorApi {
  constructor(private readonly deps: ConnectorDeps) {}

  handle(request: ConnectorRequest): Outcome {
    const { counts } = this.deps.records;
    if (!this.authorized(request.authorization)) {
      counts.unauthorized++;
      return { answer: unauthorized(), lose: false };
    }
    const route = this.route(request);
    if (!route) return { answer: connectorError(404, 'NotFound', `No route for ${request.method} /${request.segments.join('/')}`), lose: false };
    const scripted = this.deps.faults.take(route.conversationId);
    if (scripted?.kind === 'answer') {
      counts.scriptedFaults++;
      if (scripted.answer.status === 429) counts.throttled++;
      return { answer: scripted.answer, lose: false };
    }
    const answer = this.run(route, request.text);
    if (answer.status === 429) counts.throttled++;
    if (answer.status === 403) counts.refused++;
    if (scripted?.kind === 'lose') counts.lostAnswers++;
    return { answer, lose: scripted?.kind === 'lose' };
  }

  private authorized(header: string | undefined): boolean {
    const { requireBearer } = this.deps;
    if (!requireBearer) return true;
    const match = /^Bearer (.+)$/.exec(header ?? '');
    return match !== null && requireBearer(match[1]!);
  }

  private run(route: Route, text: string): Answer {
    if (!route.hasBody) return route.run({});
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Whatever the parser disliked, the service answers the same way.
      return badSyntax('Error parsing request: the body is not JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return badSyntax('Error parsing request: the body is not a JSON object.');
    return route.run(body as Json);
  }

  private route({ method, segments, query }: ConnectorRequest): Route | null {
    const [v3, conversations, conversationId, collection, itemId, ...rest] = segments;
    if (v3 !== 'v3' || conversations !== 'conversations' || rest.length > 0) return null;
    if (conversationId === undefined) return method === 'POST' ? { run: (body) => this.createConversation(body), hasBody: true } : null;
    const at = { conversationId };
    if (collection === 'activities' && itemId === undefined && method === 'POST') return { ...at, run: (b) => this.send(conversationId, b, undefined), hasBody: true };
    if (collection === 'activities' && itemId !== undefined) {
      if (method === 'POST') return { ...at, run: (b) => this.send(conversationId, b, itemId), hasBody: true };
      if (method === 'PUT') return { ...at, run: (b) => this.update(conversationId, itemId, b), hasBody: true };
      if (method === 'DELETE') return { ...at, run: () => this.delete(conversationId, itemId), hasBody: false };
    }
    if (method !== 'GET') return null;
    if (collection === 'members' && itemId !== undefined) return { ...at, run: () => this.member(conversationId, itemId), hasBody: false };
    if (collection === 'pagedmembers' && itemId === undefined) return { ...at, run: () => this.pagedMembers(conversationId, query), hasBody: false };
    return null;
  }

  private send(conversationId: string, activity: Json, replyToId: string | undefined): Answer {
    const conversation = this.deps.directory.conversation(conversationId);
    if (!conversation) return conversationNotFound();
    const refusal = this.refusal(conversation);
    if (refusal) return refusal;
    if (typeof activity.type !== 'string') return missingProperty('type');
    const tooMany = this.admit(this.writes(conversationId));
    if (tooMany) return tooMany;
    const now = this.deps.now();
    const id = this.deps.messageIds.next(now);
    this.deps.records.addSent(id, conversationId, activity, replyToId, new Date(now));
    return ok(201, { id });
  }

  private update(conversationId: string, activityId: string, activity: Json): Answer {
    const conversation = this.deps.directory.conversation(conversationId);
    if (!conversation) return conversationNotFound();
    const refusal = this.refusal(conversation);
    if (refusal) return refusal;
    const target = this.deps.records.find(conversationId, activityId);
    if (!target) return activityNotFound();
    if (typeof activity.type !== 'string') return missingProperty('type');
    const tooMany = this.admit(this.writes(conversationId));
    if (tooMany) return tooMany;
    this.deps.records.addUpdate(target, activity, new Date(this.deps.now()));
    return ok(200, { id: activityId });
  }

  private delete(conversationId: string, activityId: string): Answer {
    const conversation = this.deps.directory.conversation(conversationId);
    if (!conversation) return conversationNotFound();
    const refusal = this.refusal(conversation);
    if (refusal) return refusal;
    const target = this.deps.records.find(conversationId, activityId);
    if (!target) return activityNotFound();
    const tooMany = this.admit(this.writes(conversationId));
    if (tooMany) return tooMany;
    this.deps.records.delete(target);
    return ok(200);
  }

  /**
   * A 1:1 chat with one user, who may be named by `29:` id or by Entra object id in `members[0].id`
   * (msteams-docs #14079: the object id works there, not in `aadObjectId`). The same user gets the
   * same chat again.
   */
  private createConversation(body: Json): Answer {
    const members = body.members;
    if (!Array.isArray(members) || members.length === 0) return missingProperty('members');
    if (body.isGroup === true || members.length > 1) return badArgument('A group conversation cannot be created; only a 1:1 chat with one member.');
    const tenantId = typeof body.tenantId === 'string' ? body.tenantId : tenantOf(body.channelData);
    if (tenantId === undefined) return missingProperty('tenantId');
    const memberId = (members[0] as { id?: unknown } | null)?.id;
    if (typeof memberId !== 'string') return missingProperty('members[0].id');
    const user = this.deps.directory.findUser(memberId);
    if (!user || (user.id !== memberId && user.aadObjectId !== memberId)) return memberNotFound(400);
    if (tenantId !== this.deps.tenantId) return badSyntax('Invalid user identity in provided tenant');
    if (this.deps.directory.isBlocked(user.id)) return blockedByUser();
    if (this.deps.directory.existingPersonalConversation(user.id)?.botRemoved) return botNotInRoster();
    const tooMany = this.admit({ key: `create|${user.id}`, windows: this.deps.limits.createConversation });
    if (tooMany) return tooMany;
    this.deps.records.counts.createdConversations++;
    return ok(201, { id: this.deps.directory.personalConversation(user.id) });
  }

  private member(conversationId: string, memberId: string): Answer {
    const conversation = this.deps.directory.conversation(conversationId);
    if (!conversation) return conversationNotFound();
    if (conversation.botRemoved) return botNotInRoster();
    const user = this.deps.directory.findUser(memberId);
    if (!user || !conversation.memberIds.includes(user.id)) return memberNotFound(404);
    const tooMany = this.admit(this.reads(conversationId));
    if (tooMany) return tooMany;
    this.deps.records.counts.memberReads++;
    return ok(200, teamsChannelAccount(user, this.deps.tenantId));
  }

  private pagedMembers(conversationId: string, query: URLSearchParams): Answer {
    const conversation = this.deps.directory.conversation(conversationId);
    if (!conversation) return conversationNotFound();
    if (conversation.botRemoved) return botNotInRoster();
    const page = roster(this.deps.directory.members(conversation), this.deps.tenantId, query.get('pageSize'), query.get('continuationToken'));
    if (page === null) return badArgument('The continuation token is not valid.');
    const tooMany = this.admit(this.reads(conversationId));
    if (tooMany) return tooMany;
    this.deps.records.counts.memberReads++;
    return ok(200, page);
  }

  private refusal(conversation: Conversation): Answer | null {
    if (conversation.botRemoved) return botNotInRoster();
    return this.deps.directory.blockedIn(conversation) ? blockedByUser() : null;
  }

  private writes(conversationId: string): Budget {
    return { key: `writes|${conversationId}`, windows: this.deps.limits.perConversation };
  }

  private reads(conversationId: string): Budget {
    return { key: `reads|${conversationId}`, windows: this.deps.limits.memberReads };
  }

  /** Null when the call may go ahead (and is counted); else the 429 to answer. */
  private admit(budget: Budget): Answer | null {
    const wait = this.deps.limiter.admit([budget, { key: 'bot', windows: this.deps.limits.perBot }], this.deps.now());
    return wait === 0 ? null : throttled(Math.max(1, Math.ceil(wait / 1000)));
  }
}

function tenantOf(channelData: unknown): string | undefined {
  const id = (channelData as { tenant?: { id?: unknown } } | null | undefined)?.tenant?.id;
  return typeof id === 'string' ? id : undefined;
}
