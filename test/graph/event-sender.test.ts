import type { Event } from '@microsoft/microsoft-graph-types';
import type { CalendarEventState } from '../../src/calendar/event-state';
import { parseLocalDateTime } from '../../src/domain/local-time';
import { CANCEL_COMMENT, createBody, transactionIdOf } from '../../src/graph/event-payload';
import { TokenError } from '../../src/graph/token-errors';
import { change, FakeGraph, fakeTokens, GRAPH, senderWith, type BatchItem, type ItemReply } from './fake-graph';
import { ORGANIZER, onlineEvent, physicalEvent } from './sample-event';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';
const signal = new AbortController().signal;
let ids = 0;

/** The event Graph answers a create or PATCH with: what was sent, as Graph renders it. */
function eventFrom(state: CalendarEventState, joinUrl: string | null = state.online ? JOIN_URL : null, id = `AAMkAD${++ids}=`): Event {
  const sent = createBody(state, ORGANIZER);
  return {
    ...sent,
    id,
    iCalUId: `040000008200E00074C5B7101A82E008${id}`,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}`,
    start: { dateTime: `${sent.start!.dateTime}.0000000`, timeZone: sent.start!.timeZone },
    end: { dateTime: `${sent.end!.dateTime}.0000000`, timeZone: sent.end!.timeZone },
    onlineMeeting: joinUrl === null ? null : { joinUrl },
    isOnlineMeeting: joinUrl !== null,
  };
}

const created = (r: BatchItem, state: CalendarEventState, joinUrl?: string | null): ItemReply => ({ id: r.id, status: 201, body: eventFrom(state, joinUrl) });
const graphError = (id: string, status: number, code: string, message = 'refused', headers: Record<string, string> = {}): ItemReply =>
  ({ id, status, headers, body: { error: { code, message } } });

describe('the Graph event sender', () => {
  let graph: FakeGraph;

  beforeEach(() => {
    graph = new FakeGraph();
  });

  it('sends a create, a move and a cancellation as one JSON batch of independent requests', async () => {
    const kickoff = physicalEvent();
    const moved = onlineEvent({ start: parseLocalDateTime('2023-06-07T09:00'), end: parseLocalDateTime('2023-06-07T13:30') });
    graph.script = (requests) => [created(requests[0]!, kickoff), { id: '2', status: 200, body: eventFrom(moved) }, { id: '3', status: 202 }];
    const outcomes = await senderWith(graph).send(ORGANIZER, [
      change('create', kickoff),
      change('update', moved, onlineEvent(), 'AAMkAD/old+id='),
      change('delete', null, physicalEvent(), 'AAMkAD-gone='),
    ], signal);

    expect(graph.calls).toHaveLength(1);
    const [call] = graph.calls;
    expect(call).toMatchObject({ url: `${GRAPH}/v1.0/$batch`, method: 'POST' });
    expect(call!.headers.get('authorization')).toBe('Bearer eyJ0eXAiOiJKV1QifQ.test.token');
    const events = `/users/${encodeURIComponent(ORGANIZER)}/events`;
    expect(call!.requests).toEqual([
      { id: '1', method: 'POST', url: events, headers: { 'Content-Type': 'application/json' }, body: createBody(kickoff, ORGANIZER) },
      { id: '2', method: 'PATCH', url: `${events}/AAMkAD%2Fold%2Bid%3D`, headers: { 'Content-Type': 'application/json' }, body: { start: expect.anything(), end: expect.anything() } },
      { id: '3', method: 'POST', url: `${events}/AAMkAD-gone%3D/cancel`, headers: { 'Content-Type': 'application/json' }, body: { Comment: CANCEL_COMMENT } },
    ]);
    expect(outcomes).toEqual([
      { ok: true, remoteId: expect.stringMatching(/^AAMkAD/), details: { fields: expect.objectContaining({ iCalUId: expect.any(String), webLink: expect.any(String) }), warning: null } },
      { ok: true, remoteId: 'AAMkAD/old+id=', details: expect.objectContaining({ fields: expect.objectContaining({ joinUrl: JOIN_URL }) }) },
      { ok: true, remoteId: null },
    ]);
  });

  it('matches answers to requests by id, whatever order they come in', async () => {
    const states = [physicalEvent({ subject: 'A' }), physicalEvent({ subject: 'B' }), physicalEvent({ subject: 'C' })];
    graph.script = (requests) => requests.map((r, i) => created(r, states[i]!)).reverse();
    const outcomes = await senderWith(graph).send(ORGANIZER, states.map((s) => change('create', s)), signal);
    const answered = graph.calls[0]!.requests.map((r) => r.id);
    expect(answered).toEqual(['1', '2', '3']);
    expect(outcomes.every((o) => o.ok && !('existed' in o))).toBe(true);
  });

  it('fails an invalid attendee alone, and retries a throttled item after its Retry-After', async () => {
    graph.script = (requests) => [
      graphError('2', 400, 'ErrorInvalidRecipients', "At least one recipient isn't valid."),
      graphError('3', 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '5' }),
      created(requests[0]!, physicalEvent()),
    ];
    const [ok, invalid, throttled] = await senderWith(graph).send(ORGANIZER, [change('create', physicalEvent()), change('create', physicalEvent()), change('create', physicalEvent())], signal);
    expect(ok).toMatchObject({ ok: true });
    expect(invalid).toMatchObject({ ok: false, retryable: false, message: expect.stringContaining("ErrorInvalidRecipients: At least one recipient isn't valid.") });
    expect(throttled).toMatchObject({ ok: false, retryable: true, retryAfterMs: 5000 });
  });

  it('retries every change of a batch Graph throttled as a whole, after its Retry-After', async () => {
    graph.script = () => ({ status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } });
    const outcomes = await senderWith(graph).send(ORGANIZER, [change('create', physicalEvent()), change('create', onlineEvent())], signal);
    expect(outcomes).toEqual([0, 1].map(() => ({ ok: false, retryable: true, retryAfterMs: 30_000, message: expect.stringContaining('TooManyRequests') })));
    // The client itself does not retry: the outbox holds the mailbox back for every worker instead.
    expect(graph.calls).toHaveLength(1);
  });

  it("keeps the wait an outage of the whole batch asks for with Retry-After", async () => {
    graph.script = () => ({ status: 503, headers: { 'Retry-After': '120' }, body: { error: { code: 'ServiceUnavailable', message: 'down' } } });
    const outcomes = await senderWith(graph).send(ORGANIZER, [change('create', physicalEvent())], signal);
    expect(outcomes).toEqual([{ ok: false, retryable: true, retryAfterMs: 120_000, message: expect.stringContaining('ServiceUnavailable') }]);
  });

  it('throws on an outage of the whole batch, which the outbox retries as a whole', async () => {
    graph.script = () => ({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'down' } } });
    await expect(senderWith(graph).send(ORGANIZER, [change('create', physicalEvent())], signal)).rejects.toThrow(/HTTP 503/);
    expect(graph.calls).toHaveLength(1);
  });

  it('asks for a new token after a 401, and tries again', async () => {
    const tokens = fakeTokens();
    graph.script = () => [graphError('1', 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.')];
    const [outcome] = await senderWith(graph, tokens).send(ORGANIZER, [change('create', physicalEvent())], signal);
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(tokens.invalidated).toBe(1);
  });

  it('sends nothing when Entra ID refuses the credential, and says what to fix', async () => {
    const tokens = fakeTokens();
    tokens.refuse = new TokenError({ da: 'Entra ID afviste klienthemmeligheden', en: 'Entra ID refused the client secret' }, false, 'invalid_client: AADSTS7000215');
    const outcomes = await senderWith(graph, tokens).send(ORGANIZER, [change('create', physicalEvent()), change('delete', null, physicalEvent(), 'x')], signal);
    expect(graph.calls).toHaveLength(0);
    expect(outcomes).toEqual([0, 1].map(() => ({ ok: false, retryable: false, message: expect.stringMatching(/^Entra ID afviste klienthemmeligheden/) })));
    tokens.refuse = new TokenError({ da: 'Login-tjenesten kunne ikke nås', en: 'Sign-in service could not be reached' }, true, 'network_error');
    await expect(senderWith(graph, tokens).send(ORGANIZER, [change('create', physicalEvent())], signal)).rejects.toThrow(/kunne ikke nås/);
  });

  it('keeps a Teams meeting that got no join link, with a warning for the advisors', async () => {
    graph.script = (requests) => [created(requests[0]!, onlineEvent(), null)];
    const [outcome] = await senderWith(graph).send(ORGANIZER, [change('create', onlineEvent())], signal);
    expect(outcome).toMatchObject({ ok: true, details: { warning: { da: expect.stringContaining('Teams-licens'), en: expect.stringContaining('ORGANIZER_MAILBOX') } } });
    expect(outcome).not.toHaveProperty('details.fields.joinUrl');
  });

  it('looks up the event an earlier try made when Graph says the transactionId is taken', async () => {
    const desired = onlineEvent();
    const older = eventFrom(onlineEvent({ subject: 'Et ældre emne' }), JOIN_URL, 'AAMkAD-older=');
    const same = eventFrom(desired, JOIN_URL, 'AAMkAD-same=');
    for (const [found, expected] of [
      [older, { ok: true, remoteId: 'AAMkAD-older=', existed: true }],
      [same, { ok: true, remoteId: 'AAMkAD-same=', details: expect.objectContaining({ fields: expect.objectContaining({ joinUrl: JOIN_URL }) }) }],
    ] as const) {
      graph = new FakeGraph();
      graph.script = (requests, call) =>
        call === 1
          ? [graphError(requests[0]!.id, 400, 'ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.")]
          : [{ id: requests[0]!.id, status: 200, body: { value: [found] } }];
      const [outcome] = await senderWith(graph).send(ORGANIZER, [change('create', desired)], signal);
      expect(outcome).toEqual(expected);
      const lookup = graph.calls[1]!.requests[0]!;
      expect(lookup.method).toBe('GET');
      expect(decodeURIComponent(lookup.url)).toContain(`$filter=transactionId eq '${transactionIdOf(desired.bookingKey)}'`);
    }
  });

  it('records a create that succeeded even when the lookup of another one fails', async () => {
    graph.script = (requests, call) => {
      if (call === 2) throw new Error('connection reset');
      return [created(requests[0]!, physicalEvent()), graphError(requests[1]!.id, 409, 'ErrorDuplicateTransactionId')];
    };
    const [made, duplicate] = await senderWith(graph).send(ORGANIZER, [change('create', physicalEvent()), change('create', onlineEvent())], signal);
    expect(made).toMatchObject({ ok: true, remoteId: expect.any(String) });
    expect(duplicate).toMatchObject({ ok: false, retryable: true, message: expect.stringContaining('connection reset') });
  });

  it('gives up on a taken transactionId whose event is nowhere to be found', async () => {
    graph.script = (requests, call) => (call === 1 ? [graphError('1', 400, 'ErrorDuplicateTransactionId')] : [{ id: requests[0]!.id, status: 200, body: { value: [] } }]);
    const [outcome] = await senderWith(graph).send(ORGANIZER, [change('create', physicalEvent())], signal);
    expect(outcome).toMatchObject({ ok: false, retryable: false, message: expect.stringContaining('Aflys mødet og book det igen') });
  });

  it('counts a cancellation of an event already gone as done, but not one in a mailbox that does not exist', async () => {
    graph.script = () => [graphError('1', 404, 'ErrorItemNotFound', 'The specified object was not found in the store.'), graphError('2', 404, 'ErrorInvalidUser', 'The requested user is invalid.')];
    const [gone, nomailbox] = await senderWith(graph).send(ORGANIZER, [change('delete', null, physicalEvent(), 'a'), change('delete', null, physicalEvent(), 'b')], signal);
    expect(gone).toEqual({ ok: true, remoteId: null });
    expect(nomailbox).toMatchObject({ ok: false, retryable: false, message: expect.stringContaining('ORGANIZER_MAILBOX') });
  });

  it('calls Graph for nothing when nothing the event shows has changed, nor for a cancellation of what never was', async () => {
    const outcomes = await senderWith(graph).send(ORGANIZER, [change('update', physicalEvent(), physicalEvent(), 'AAMkAD1='), change('delete', null, null, null)], signal);
    expect(graph.calls).toHaveLength(0);
    expect(outcomes).toEqual([{ ok: true, remoteId: 'AAMkAD1=' }, { ok: true, remoteId: null }]);
  });

  describe('a cancellation of an event whose create was sent but never answered (no id, the create’s state as sent)', () => {
    const events = `/users/${encodeURIComponent(ORGANIZER)}/events`;
    const lookupOf = (state: CalendarEventState) => `$filter=transactionId eq '${transactionIdOf(state.bookingKey)}'`;

    it('looks the event up by its transactionId and cancels it for the attendees', async () => {
      const kickoff = physicalEvent();
      const made = eventFrom(kickoff, null, 'AAMkAD-made=');
      graph.script = (requests, call) => (call === 1 ? [{ id: requests[0]!.id, status: 200, body: { value: [made] } }] : [{ id: requests[0]!.id, status: 202 }]);
      const outcomes = await senderWith(graph).send(ORGANIZER, [change('delete', null, kickoff, null)], signal);
      expect(outcomes).toEqual([{ ok: true, remoteId: null }]);
      expect(graph.calls).toHaveLength(2);
      const [lookup] = graph.calls[0]!.requests;
      expect(lookup).toMatchObject({ method: 'GET' });
      expect(decodeURIComponent(lookup!.url)).toContain(lookupOf(kickoff));
      expect(graph.calls[1]!.requests).toEqual([
        { id: '1', method: 'POST', url: `${events}/AAMkAD-made%3D/cancel`, headers: { 'Content-Type': 'application/json' }, body: { Comment: CANCEL_COMMENT } },
      ]);
    });

    it('counts it done when no event has the transactionId, with no call beyond the lookup', async () => {
      graph.script = (requests) => [{ id: requests[0]!.id, status: 200, body: { value: [] } }];
      const outcomes = await senderWith(graph).send(ORGANIZER, [change('delete', null, onlineEvent(), null)], signal);
      expect(outcomes).toEqual([{ ok: true, remoteId: null }]);
      expect(graph.calls).toHaveLength(1);
      expect(graph.calls[0]!.requests).toEqual([expect.objectContaining({ method: 'GET' })]);
      expect(decodeURIComponent(graph.calls[0]!.requests[0]!.url)).toContain(lookupOf(onlineEvent()));
    });

    it('looks up alongside other changes, sends them in the next batch, and retries a lookup Graph throttled', async () => {
      const found = eventFrom(physicalEvent(), null, 'AAMkAD-found=');
      graph.script = (requests, call) =>
        call === 1
          ? [{ id: '1', status: 200, body: { value: [found] } }, graphError('3', 429, 'ApplicationThrottled', 'over its limit', { 'Retry-After': '7' })]
          : requests.map((r) => (r.method === 'POST' && r.url.endsWith('/cancel') ? { id: r.id, status: 202 } : created(r, onlineEvent())));
      const outcomes = await senderWith(graph).send(
        ORGANIZER,
        [change('delete', null, physicalEvent(), null), change('create', onlineEvent()), change('delete', null, physicalEvent({ bookingKey: 'cohort-1/closing/1' }), null)],
        signal,
      );
      expect(graph.calls.map((c) => c.requests.map((r) => `${r.id} ${r.method}`))).toEqual([
        ['1 GET', '3 GET'],
        ['1 POST', '2 POST'],
      ]);
      expect(outcomes).toEqual([
        { ok: true, remoteId: null },
        expect.objectContaining({ ok: true, remoteId: expect.any(String) }),
        { ok: false, retryable: true, message: expect.any(String), retryAfterMs: 7_000 },
      ]);
    });

    it('throws when the lookup batch fails as a whole: nothing was changed, so everything is tried again', async () => {
      graph.script = () => ({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'down' } } });
      await expect(senderWith(graph).send(ORGANIZER, [change('delete', null, physicalEvent(), null)], signal)).rejects.toThrow();
    });
  });

  it("reads a Teams meeting's body before replacing it, and keeps its meeting block", async () => {
    const blob = `<div style="width:100%">________________________________________________________________________________<br><a href="${JOIN_URL}">Join the meeting now</a></div>`;
    const current = `<html>\r\n<body>\r\n<p>Tema: Ledelse af den organisatoriske ramme</p>\r\n${blob}\r\n</body>\r\n</html>\r\n`;
    const desired = onlineEvent({ bodyHtml: '<p>Tema: Lokal ledelse og styring</p>' });
    graph.script = (requests, call) =>
      call === 1
        ? [{ id: requests[0]!.id, status: 200, body: { id: 'AAMkAD1=', body: { contentType: 'html', content: current }, onlineMeeting: { joinUrl: JOIN_URL } } }]
        : [{ id: requests[0]!.id, status: 200, body: eventFrom(desired, JOIN_URL, 'AAMkAD1=') }];
    const [outcome] = await senderWith(graph).send(ORGANIZER, [change('update', desired, onlineEvent(), 'AAMkAD1=')], signal);
    expect(graph.calls.map((c) => c.requests.map((r) => `${r.method} ${r.url}`))).toEqual([
      [`GET /users/${encodeURIComponent(ORGANIZER)}/events/AAMkAD1%3D?$select=body,onlineMeeting`],
      [`PATCH /users/${encodeURIComponent(ORGANIZER)}/events/AAMkAD1%3D`],
    ]);
    expect(graph.calls[1]!.requests[0]!.body).toEqual({ body: { contentType: 'html', content: `<p>Tema: Lokal ledelse og styring</p>\n${blob}` } });
    expect(outcome).toMatchObject({ ok: true, remoteId: 'AAMkAD1=' });
  });

  it('fails a state that is no calendar event for good, without sending it', async () => {
    const [outcome] = await senderWith(graph).send(ORGANIZER, [change('create', { subject: 'no times' })], signal);
    expect(graph.calls).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: false, retryable: false, message: expect.stringMatching(/^Intern fejl: den ønskede tilstand .* \/ Internal error/) });
  });

  it('keeps the details it knew when a PATCH is answered without the event', async () => {
    graph.script = () => [{ id: '1', status: 204 }];
    const outcomes = await senderWith(graph).send(ORGANIZER, [change('update', physicalEvent({ subject: 'Nyt' }), physicalEvent(), 'AAMkAD1=')], signal);
    expect(outcomes).toEqual([{ ok: true, remoteId: 'AAMkAD1=' }]);
  });
});
