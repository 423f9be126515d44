import { errorOf, meeting, useGraphDouble } from './graph-call';

const ORGANIZER = 'raadgiver@agency.example';
const BUSY = 'travl@agency.example';
const json = { 'Content-Type': 'application/json' };

type Item = { id: string; status: number; headers: Record<string, string>; body?: { id?: string; error?: { code: string; message: string } } };

describe('JSON $batch in the double, as "Combine multiple HTTP requests using JSON batching" documents it', () => {
  // Every request to BUSY is throttled; ORGANIZER's go through.
  const graph = useGraphDouble({ seed: 7, users: [{ upn: ORGANIZER }, { upn: BUSY }], mailboxes: { [BUSY]: { throttleRate: 1 } }, retryAfterSeconds: 3 });
  const batch = async (requests: unknown[]) => graph.call('POST', '/$batch', { requests });
  const create = (id: string, extra: Record<string, unknown> = {}, mailbox = ORGANIZER) => ({ id, method: 'POST', url: `/users/${mailbox}/events`, headers: json, body: meeting(extra) });

  it('answers each request alone inside a 200, in an order of its own, matched by id', async () => {
    const existing = (await graph.call('POST', `/users/${ORGANIZER}/events`, meeting())).json as { id: string };
    const requests = [
      create('1', { transactionId: 'b-1' }),
      create('2', { attendees: [{ emailAddress: { address: 'not an address' }, type: 'required' }] }),
      { id: '3', method: 'GET', url: `/users/${ORGANIZER}/events/AAMkADdoesnotexistAAA=` },
      { id: '4', method: 'PATCH', url: `/users/${ORGANIZER}/events/${existing.id}`, headers: json, body: { subject: 'Ny titel' } },
      create('5', {}, BUSY),
      create('6', { transactionId: 'b-6', colour: 'red' }),
    ];
    const res = await batch(requests);
    expect(res.status).toBe(200);
    const responses = (res.json as { responses: Item[] }).responses;
    expect(responses.map((r) => r.id)).not.toEqual(requests.map((r) => r.id));
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(byId.get('1')).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^AAMk/), transactionId: 'b-1' } });
    expect(byId.get('2')).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidRecipients' } } });
    expect(byId.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(byId.get('4')).toMatchObject({ status: 200, body: { id: existing.id, subject: 'Ny titel' } });
    expect(byId.get('5')).toMatchObject({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: expect.any(String) } } });
    expect(byId.get('6')).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    expect(byId.get('2')!.body!.error).toHaveProperty('innerError');
    expect(graph.double.counts()).toMatchObject({ batches: 1, batchItems: 6, maxItemsPerBatch: 6 });
  });

  it('shuffles the answers of every batch, reads as much as writes', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const order = async () => ((await batch(ids.map((id) => ({ id, method: 'GET', url: `/users/${ORGANIZER}/events?$top=1` })))).json as { responses: Item[] }).responses.map((r) => r.id);
    const first = await order();
    expect(new Set(first)).toEqual(new Set(ids));
    expect(first).not.toEqual(ids);
  });

  it('refuses a whole batch of more than 20 requests, or with repeated ids, or with dependsOn, with 400', async () => {
    const gets = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${ORGANIZER}/events` }));
    expect((await batch(gets(20))).status).toBe(200);
    const tooMany = await batch(gets(21));
    expect([tooMany.status, errorOf(tooMany).code]).toEqual([400, 'BadRequest']);
    expect(graph.double.counts().tooLargeBatches).toBe(1);
    const repeated = await batch([...gets(2), { id: '1', method: 'GET', url: `/users/${ORGANIZER}/events` }]);
    expect(repeated.status).toBe(400);
    const chained = await batch([create('1'), { ...create('2'), dependsOn: ['1'] }]);
    expect([chained.status, errorOf(chained).message]).toEqual([400, expect.stringContaining('dependsOn')]);
    expect((await graph.call('POST', '/$batch', { requests: 'none' })).status).toBe(400);
  });

  it('refuses a batch whose write has no Content-Type header, as Graph does', async () => {
    const res = await batch([{ id: '1', method: 'POST', url: `/users/${ORGANIZER}/events`, body: meeting() }]);
    expect([res.status, errorOf(res).message]).toEqual([400, 'Write request id : 1 does not contain Content-Type header or body.']);
  });

  it('fails an item whose url keeps the version segment, as Graph does (the Graph JS SDK 3.0.7 sends such urls)', async () => {
    const res = await batch([{ id: '1', method: 'GET', url: `/v1.0/users/${ORGANIZER}/events` }, { id: '2', method: 'GET', url: `users/${ORGANIZER}/events` }]);
    const byId = new Map((res.json as { responses: Item[] }).responses.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: "Resource not found for the segment 'v1.0'." } } });
    expect(byId.get('2')!.status).toBe(200);
  });

  it('refuses a batch without a token whole, with 401', async () => {
    const res = await graph.callAs(null, 'POST', '/$batch', { requests: [create('1')] });
    expect([res.status, errorOf(res).code]).toEqual([401, 'InvalidAuthenticationToken']);
  });
});
