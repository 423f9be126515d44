import { GraphDouble, rawRequest } from '../support/graph-double';
import { errorOf, meeting, useGraphDouble } from './graph-call';

const ORGANIZER = 'raadgiver@agency.example';
const events = `/users/${ORGANIZER}/events`;
const json = { 'Content-Type': 'application/json' };

type Item = { id: string; status: number; headers: Record<string, string>; body?: { error?: { code: string; message: string } } };

describe('faults of the double: what can happen to a call and to a request', () => {
  const graph = useGraphDouble({ users: [{ upn: ORGANIZER }], retryAfterSeconds: 2 });
  const failure = (promise: Promise<unknown>) => promise.then(() => 'answered', (error: Error) => error.message);
  const created = () => graph.double.counts().eventsCreated;

  afterEach(() => graph.double.configure({ callFaultRates: {}, nextCalls: [], throttleRate: 0, unavailableRate: 0, latencyMs: 0 }));

  it('loses the answer after the write: the event exists, a retry is refused as a duplicate and the lookup finds one', async () => {
    const before = graph.double.counts();
    graph.double.configure({ nextCalls: ['lost'] });
    expect(await failure(graph.call('POST', events, meeting({ transactionId: 'lost-1' })))).toMatch(/socket hang up|ECONNRESET/);
    const after = graph.double.counts();
    expect([after.eventsCreated - before.eventsCreated, after.answersLost - before.answersLost, after.callsLost - before.callsLost]).toEqual([1, 1, 1]);
    const retry = await graph.call('POST', events, meeting({ transactionId: 'lost-1' }));
    expect(errorOf(retry).code).toBe('ErrorDuplicateTransactionId');
    const found = (await graph.call('GET', `${events}?$filter=transactionId eq 'lost-1'`)).json as { value: unknown[] };
    expect(found.value).toHaveLength(1);
    expect(graph.double.counts().liveDuplicates).toEqual({});
  });

  it('resets a connection before anything is applied', async () => {
    const before = created();
    graph.double.configure({ nextCalls: ['reset'] });
    expect(await failure(graph.call('POST', events, meeting()))).toMatch(/socket hang up|ECONNRESET/);
    expect(created()).toBe(before);
    expect(graph.double.counts().callsReset).toBe(1);
  });

  it('hangs a call, applying nothing, until the client gives up', async () => {
    const before = created();
    graph.double.configure({ nextCalls: ['hang'] });
    const res = rawRequest(`${graph.double.graphUrl}/v1.0/$batch`, graph.double.ca, {
      method: 'POST',
      headers: { authorization: `Bearer ${await graph.double.token()}` },
      body: { requests: [{ id: '1', method: 'POST', url: events, headers: json, body: meeting() }] },
      timeoutMs: 200,
    });
    expect(await failure(res)).toBe('no answer within 200 ms');
    expect(created()).toBe(before);
    expect(graph.double.counts().callsHung).toBe(1);
  });

  it('answers a whole call 503 with Retry-After having applied nothing, or 504 having applied it all', async () => {
    const before = created();
    graph.double.configure({ nextCalls: ['unavailable', 'timeout'] });
    const unavailable = await graph.call('POST', events, meeting());
    expect([unavailable.status, unavailable.headers['retry-after'], created()]).toEqual([503, '2', before]);
    const timeout = await graph.call('POST', events, meeting());
    expect([timeout.status, errorOf(timeout).code, created()]).toEqual([504, 'GatewayTimeout', before + 1]);
  });

  it('throttles or fails single requests at the configured rates, with Retry-After', async () => {
    graph.double.configure({ throttleRate: 1 });
    const throttled = await graph.call('GET', events);
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '2']);
    graph.double.configure({ throttleRate: 0, unavailableRate: 1 });
    expect((await graph.call('GET', events)).status).toBe(503);
  });

  it('runs a batch four requests at a time, and throttles a second batch that overlaps it in the same mailbox', async () => {
    graph.double.configure({ latencyMs: 40 });
    const batch = (prefix: string, n: number) =>
      graph.call('POST', '/$batch', { requests: Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, method: 'GET', url: `${events}?$top=1` })) });
    const alone = await batch('a', 8);
    expect((alone.json as { responses: Item[] }).responses.every((r) => r.status === 200)).toBe(true);
    expect(graph.double.counts().perMailbox[ORGANIZER.toLowerCase()]).toMatchObject({ maxInFlight: 4, maxCallsInFlight: 1 });
    const [one, two] = await Promise.all([batch('b', 4), batch('c', 4)]);
    const statuses = [one, two].flatMap((res) => (res.json as { responses: Item[] }).responses);
    const throttled = statuses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.body!.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
    expect(graph.double.counts()).toMatchObject({ maxCallsInFlightPerMailbox: 2, concurrencyThrottled: throttled.length });
  });

  it('takes its faults and reports its counts over HTTPS too, for a process of another kind', async () => {
    const config = await rawRequest(`${graph.double.graphUrl}/_double/config`, graph.double.ca, { method: 'POST', body: { latencyMs: 5, callFaultRates: { unavailable: 0.25 } } });
    expect(config.json).toMatchObject({ latencyMs: 5, callFaultRates: { unavailable: 0.25 }, mailboxConcurrency: 4 });
    expect(graph.double.settings()).toMatchObject({ latencyMs: 5, callFaultRates: { unavailable: 0.25 } });
    for (const body of [{ throttleRate: 2 }, { callFaultRates: { hang: 0.6, reset: 0.6 } }, { colour: 'red' }]) {
      const refused = await rawRequest(`${graph.double.graphUrl}/_double/config`, graph.double.ca, { method: 'POST', body });
      expect(refused.status).toBe(400);
    }
    const counts = await rawRequest(`${graph.double.graphUrl}/_double/counts`, graph.double.ca);
    expect(counts.json).toMatchObject({ eventsCreated: created(), tokenRequests: expect.any(Number) });
    const list = await rawRequest(`${graph.double.graphUrl}/_double/events`, graph.double.ca);
    expect((list.json as unknown[]).length).toBe(graph.double.events().length);
  });
});

describe('a seeded double', () => {
  it('draws the same faults for the same seed, so a run repeats', async () => {
    const run = async () => {
      const double = await GraphDouble.start({ seed: 42, throttleRate: 0.3, unavailableRate: 0.2, users: [{ upn: ORGANIZER }] });
      try {
        const token = await double.token();
        const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: events }));
        const res = await rawRequest(`${double.graphUrl}/v1.0/$batch`, double.ca, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: { requests } });
        return (res.json as { responses: Item[] }).responses.map((r) => `${r.id}:${r.status}`);
      } finally {
        await double.close();
      }
    };
    const [first, second] = [await run(), await run()];
    expect(first).toEqual(second);
    expect(new Set(first.map((s) => s.split(':')[1]))).toEqual(new Set(['200', '429', '503']));
  });
});
