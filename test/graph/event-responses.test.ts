import { OutlookUnreadable } from '../../src/calendar/outlook-responses';
import { answeredAt, GraphEventResponses } from '../../src/graph/event-responses';
import { createGraphClient } from '../../src/graph/graph-client';
import { TokenError } from '../../src/graph/token-errors';
import { FakeGraph, fakeTokens, GRAPH, type BatchItem, type FakeTokens, type ItemReply } from './fake-graph';
import { ORGANIZER } from './sample-event';

const eventIdOf = (r: BatchItem) => decodeURIComponent(r.url.split('/events/')[1]!.split('?')[0]!);

/** An event as Graph answers `$select=attendees,start,end,isCancelled`: in UTC, with the ids and annotations it always adds. */
function eventBody(id: string, attendees: unknown[] = [], extra: Record<string, unknown> = {}) {
  return {
    '@odata.etag': 'W/"abc"',
    id,
    isCancelled: false,
    start: { dateTime: '2023-05-04T07:30:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2023-05-04T13:30:00.0000000', timeZone: 'UTC' },
    attendees,
    ...extra,
  };
}

const person = (address: string, response: string, time: string, type = 'required') => ({ type, status: { response, time }, emailAddress: { name: address, address } });

describe("reading attendees' answers through Graph", () => {
  let graph: FakeGraph;
  let tokens: FakeTokens;
  const reader = () => new GraphEventResponses({ client: createGraphClient({ endpoint: GRAPH, auth: tokens, transport: graph }), tokens });

  beforeEach(() => {
    graph = new FakeGraph();
    tokens = fakeTokens();
  });

  it('reads up to 20 events per batch and matches the answers by id, in whatever order they come', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `AAMkAD/${i}+=`);
    graph.script = (requests) => requests.map((r): ItemReply => ({ id: r.id, status: 200, body: eventBody(eventIdOf(r)) })).reverse();
    const read = await reader().read(ORGANIZER, ids);
    expect(graph.calls.map((c) => c.requests.length)).toEqual([20, 5]);
    const first = graph.calls[0]!.requests[0]!;
    expect(first).toEqual({ id: '1', method: 'GET', url: `/users/${encodeURIComponent(ORGANIZER)}/events/${encodeURIComponent(ids[0]!)}?$select=attendees,start,end,isCancelled` });
    expect([...read.keys()]).toEqual(ids);
    expect(read.get(ids[3]!)).toEqual({ gone: false, cancelled: false, start: '2023-05-04T09:30', end: '2023-05-04T15:30', attendees: [] });
  });

  it("reports each attendee's answer and when it was given, without rooms, and an event deleted in Outlook as gone", async () => {
    graph.script = (requests) =>
      requests.map((r): ItemReply =>
        eventIdOf(r) === 'deleted'
          ? { id: r.id, status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } } }
          : {
              id: r.id,
              status: 200,
              body: eventBody(eventIdOf(r), [
                person('lone@horsens.example.org', 'accepted', '2026-11-26T21:58:47.1234567Z'),
                person('kasper@horsens.example.org', 'none', '0001-01-01T00:00:00Z'),
                person('birgitte@horsens.example.org', 'somethingNew', '2026-11-26T22:00:00Z'),
                person('lokale-1@agency.example.org', 'accepted', '2026-11-26T22:00:00Z', 'resource'),
              ], { isCancelled: true }),
            },
      );
    const read = await reader().read(ORGANIZER, ['kept', 'deleted']);
    expect(read.get('deleted')).toEqual({ gone: true });
    expect(read.get('kept')).toMatchObject({
      cancelled: true,
      attendees: [
        { address: 'lone@horsens.example.org', response: 'accepted', at: '2026-11-26T21:58:47.123Z' },
        { address: 'kasper@horsens.example.org', response: 'none', at: null },
        { address: 'birgitte@horsens.example.org', response: 'none', at: '2026-11-26T22:00:00.000Z' },
      ],
    });
  });

  it.each([
    ['a throttled item', (r: BatchItem): ItemReply => ({ id: r.id, status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'TooManyRequests' } } }), /Graph er overbelastet/],
    ['a mailbox that does not exist', (r: BatchItem): ItemReply => ({ id: r.id, status: 404, body: { error: { code: 'ErrorInvalidUser' } } }), /ORGANIZER_MAILBOX/],
    ['a mailbox the app may not read', (r: BatchItem): ItemReply => ({ id: r.id, status: 403, body: { error: { code: 'ErrorAccessDenied' } } }), /Calendars\.ReadWrite/],
  ])('fails the whole read on %s', async (_case, reply, reason) => {
    graph.script = (requests) => requests.map((r, i) => (i === 1 ? reply(r) : { id: r.id, status: 200, body: eventBody(eventIdOf(r)) }));
    const failure = reader().read(ORGANIZER, ['a', 'b', 'c']);
    await expect(failure).rejects.toBeInstanceOf(OutlookUnreadable);
    await expect(failure).rejects.toMatchObject({ mailbox: ORGANIZER, message: expect.stringMatching(reason) });
  });

  it('fails the whole read on an outage, and fetches a new token after a 401', async () => {
    graph.script = () => ({ status: 503, body: { error: { code: 'ServiceUnavailable' } } });
    await expect(reader().read(ORGANIZER, ['a'])).rejects.toThrow(/HTTP 503/);
    graph.script = (requests) => requests.map((r) => ({ id: r.id, status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } }));
    await expect(reader().read(ORGANIZER, ['a'])).rejects.toBeInstanceOf(OutlookUnreadable);
    expect(tokens.invalidated).toBe(1);
  });

  it("says what is wrong with the app's credential, and asks Graph nothing", async () => {
    tokens.refuse = new TokenError({ da: 'Entra ID afviste klienthemmeligheden', en: 'Entra ID refused the client secret' }, false, 'AADSTS7000215');
    await expect(reader().read(ORGANIZER, ['a'])).rejects.toMatchObject({ message: expect.stringMatching(/^Entra ID afviste klienthemmeligheden/) });
    expect(graph.calls).toHaveLength(0);
  });

  it('reads nothing when there is nothing to read', async () => {
    expect((await reader().read(ORGANIZER, [])).size).toBe(0);
    expect(graph.calls).toHaveLength(0);
  });
});

describe("Outlook's answer times", () => {
  it('keeps milliseconds of its seven fraction digits, takes offsets, and reads year 1 as never', () => {
    expect(answeredAt('2023-04-01T10:00:00.9999999Z')).toBe('2023-04-01T10:00:00.999Z');
    expect(answeredAt('2023-04-01T12:00:00+02:00')).toBe('2023-04-01T10:00:00.000Z');
    expect(answeredAt('0001-01-01T00:00:00Z')).toBeNull();
    expect(answeredAt('not a time')).toBeNull();
    expect(answeredAt(null)).toBeNull();
  });
});
