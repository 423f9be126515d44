import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Change } from '../../src/outbox/change';
import { createGraphClient } from '../../src/graph/graph-client';
import { GraphEventSender } from '../../src/graph/event-sender';
import type { TokenSource } from '../../src/graph/graph-tokens';
import { TokenError } from '../../src/graph/token-errors';

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  dependsOn?: string[];
}

export interface Call {
  url: string;
  method: string;
  headers: Headers;
  requests: BatchItem[];
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ItemReply extends Reply {
  id: string;
}

/** Answers each batch: the items' answers (put in any order by the caller), or a reply for the batch as a whole. */
export type Script = (requests: BatchItem[], call: number) => ItemReply[] | Reply;

/**
 * Graph in process, at the end of the real client's middleware chain: it sees the very requests
 * the SDK would send (URL, headers with the bearer token, JSON body) and answers as scripted.
 */
export class FakeGraph implements Middleware {
  readonly calls: Call[] = [];
  script: Script = (requests) => requests.map((r) => ({ id: r.id, status: 500 }));

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    const requests = (JSON.parse(String(context.options?.body)) as { requests: BatchItem[] }).requests;
    this.calls.push({ url, method: context.options?.method ?? 'GET', headers, requests });
    const reply = this.script(requests, this.calls.length);
    const body = Array.isArray(reply) ? { responses: reply } : reply.body;
    const status = Array.isArray(reply) ? 200 : reply.status;
    const replyHeaders = Array.isArray(reply) ? {} : reply.headers ?? {};
    context.response = new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...replyHeaders },
    });
  }
}

export interface FakeTokens extends TokenSource {
  invalidated: number;
  refuse: TokenError | null;
}

export function fakeTokens(): FakeTokens {
  const tokens: FakeTokens = {
    invalidated: 0,
    refuse: null,
    getAccessToken: async () => {
      if (tokens.refuse) throw tokens.refuse;
      return 'eyJ0eXAiOiJKV1QifQ.test.token';
    },
    invalidate: () => {
      tokens.invalidated++;
    },
  };
  return tokens;
}

export const GRAPH = 'https://graph.test.example';

export function senderWith(graph: FakeGraph, tokens: FakeTokens = fakeTokens(), now = () => Date.parse('2023-05-04T07:00:00Z')): GraphEventSender {
  return new GraphEventSender({ client: createGraphClient({ endpoint: GRAPH, auth: tokens, transport: graph }), tokens, now });
}

let seq = 0;

export function change(action: Change['action'], desired: unknown, sent: unknown = null, remoteId: string | null = null): Change {
  return { objectKey: `event:cohort-1:meeting-${++seq}:1`, kind: 'graph.event', target: 'unused', version: 1, action, desired, sent, remoteId };
}
