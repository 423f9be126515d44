import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { OutlookUnreadable } from '../../src/calendar/outlook-responses';
import type { TimeRange } from '../../src/calendar/time-ranges';
import { parseLocalDateTime } from '../../src/domain/local-time';
import { createGraphClient } from '../../src/graph/graph-client';
import { GraphScheduleReader } from '../../src/graph/schedule-reader';
import { TokenError } from '../../src/graph/token-errors';
import { fakeTokens, GRAPH, type FakeTokens, type Reply } from './fake-graph';

const VIA = 'forloeb@agency.example.org';

interface Asked {
  url: string;
  prefer: string | null;
  body: { schedules: string[]; startTime: { dateTime: string; timeZone: string }; endTime: { dateTime: string; timeZone: string }; availabilityViewInterval: number };
}

/** getSchedule in process, at the end of the real client's chain: records each call and answers as scripted. */
class ScheduleGraph implements Middleware {
  readonly calls: Asked[] = [];
  script: (asked: Asked, call: number) => Reply = (asked) => ({ status: 200, body: { value: asked.body.schedules.map((scheduleId) => ({ scheduleId, scheduleItems: [] })) } });

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    const asked: Asked = { url, prefer: headers.get('prefer'), body: JSON.parse(String(context.options?.body)) as Asked['body'] };
    this.calls.push(asked);
    const reply = this.script(asked, this.calls.length);
    context.response = new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json', ...reply.headers } });
  }
}

const at = (value: string) => parseLocalDateTime(value);
const range = (start: string, end: string): TimeRange => ({ start: at(start), end: at(end) });
const item = (status: string, start: string, end: string, timeZone = 'Romance Standard Time') => ({ status, start: { dateTime: `${start}:00.0000000`, timeZone }, end: { dateTime: `${end}:00.0000000`, timeZone } });
const MARCH = range('2027-03-01T00:00', '2027-03-02T00:00');

describe("reading advisors' free/busy time through Graph's getSchedule", () => {
  let graph: ScheduleGraph;
  let tokens: FakeTokens;
  let waits: number[];
  const reader = () =>
    new GraphScheduleReader({
      client: createGraphClient({ endpoint: GRAPH, auth: tokens, transport: graph }),
      tokens,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

  beforeEach(() => {
    graph = new ScheduleGraph();
    tokens = fakeTokens();
    waits = [];
  });

  it('asks through the given calendar, in Copenhagen time both ways, at most 20 schedules a call', async () => {
    const advisors = Array.from({ length: 25 }, (_, i) => `raadgiver${i}@agency.example.org`);
    const read = await reader().read(VIA, advisors, [MARCH]);
    expect(graph.calls.map((c) => c.body.schedules.length)).toEqual([20, 5]);
    expect(graph.calls[0]).toEqual({
      url: `${GRAPH}/v1.0/users/${encodeURIComponent(VIA)}/calendar/getSchedule`,
      prefer: 'outlook.timezone="Romance Standard Time"',
      body: {
        schedules: advisors.slice(0, 20),
        startTime: { dateTime: '2027-03-01T00:00:00', timeZone: 'Romance Standard Time' },
        endTime: { dateTime: '2027-03-02T00:00:00', timeZone: 'Romance Standard Time' },
        availabilityViewInterval: 60,
      },
    });
    expect([...read.keys()]).toEqual(advisors);
    expect(read.get(advisors[24]!)).toEqual({ ok: true, busy: [] });
  });

  it('cuts a long period into calls of at most 61 days and joins a block cut at their edge', async () => {
    graph.script = (asked) => ({
      status: 200,
      body: { value: [{ scheduleId: asked.body.schedules[0], scheduleItems: [item('oof', '2027-05-28T08:00', '2027-06-03T17:00')] }] },
    });
    const read = await reader().read(VIA, ['Rikke@Agency.example.org'], [range('2027-04-01T00:00', '2027-06-10T00:00')]);
    expect(graph.calls.map((c) => [c.body.startTime.dateTime, c.body.endTime.dateTime])).toEqual([
      ['2027-04-01T00:00:00', '2027-06-01T00:00:00'],
      ['2027-06-01T00:00:00', '2027-06-10T00:00:00'],
    ]);
    // Keyed in lower case; each call keeps only its own period of the week away, and the two halves join.
    expect(read.get('rikke@agency.example.org')).toEqual({ ok: true, busy: [{ start: '2027-05-28T08:00', end: '2027-06-03T17:00' }] });
  });

  it('counts busy, out of office, tentative, working elsewhere and unknown as busy, free as free, in any zone and case', async () => {
    graph.script = () => ({
      status: 200,
      body: {
        value: [
          {
            scheduleId: 'rikke@agency.example.org',
            scheduleItems: [
              item('busy', '2027-03-01T09:00', '2027-03-01T10:00'),
              item('Free', '2027-03-01T10:00', '2027-03-01T11:00'),
              item('Tentative', '2027-03-01T11:00', '2027-03-01T11:30'),
              item('workingElsewhere', '2027-03-01T12:00', '2027-03-01T13:00'),
              item('unknown', '2027-03-01T14:00', '2027-03-01T14:15'),
              // 15:00 UTC is 16:00 in Copenhagen in winter.
              item('oof', '2027-03-01T15:00', '2027-03-01T16:00', 'UTC'),
            ],
          },
        ],
      },
    });
    const read = await reader().read(VIA, ['rikke@agency.example.org'], [MARCH]);
    expect(read.get('rikke@agency.example.org')).toEqual({
      ok: true,
      busy: [
        { start: '2027-03-01T09:00', end: '2027-03-01T10:00' },
        { start: '2027-03-01T11:00', end: '2027-03-01T11:30' },
        { start: '2027-03-01T12:00', end: '2027-03-01T13:00' },
        { start: '2027-03-01T14:00', end: '2027-03-01T14:15' },
        { start: '2027-03-01T16:00', end: '2027-03-01T17:00' },
      ],
    });
  });

  it("keeps a schedule's own error, and a schedule Graph left out, as reasons while the others are read", async () => {
    graph.script = () => ({
      status: 200,
      body: {
        value: [
          { scheduleId: 'ukendt@agency.example.org', error: { message: 'Unable to resolve e-mail address ukendt@agency.example.org to an Active Directory object.', responseCode: '5009' } },
          { scheduleId: 'rikke@agency.example.org', scheduleItems: [item('busy', '2027-03-01T09:00', '2027-03-01T10:00')] },
        ],
      },
    });
    const read = await reader().read(VIA, ['rikke@agency.example.org', 'ukendt@agency.example.org', 'mads@agency.example.org'], [MARCH]);
    expect(read.get('rikke@agency.example.org')).toEqual({ ok: true, busy: [{ start: '2027-03-01T09:00', end: '2027-03-01T10:00' }] });
    expect(read.get('ukendt@agency.example.org')).toEqual({ ok: false, reason: expect.stringMatching(/^Outlook kunne ikke give ledig\/optaget-tid for ukendt@agency\.example\.org .*\(5009: Unable to resolve/) });
    expect(read.get('mads@agency.example.org')).toEqual({ ok: false, reason: expect.stringContaining('Graph svarede ikke for mads@agency.example.org') });
  });

  it("fails a mailbox whose item times it cannot place, rather than miss a clash", async () => {
    graph.script = () => ({ status: 200, body: { value: [{ scheduleId: 'rikke@agency.example.org', scheduleItems: [item('busy', '2027-03-01T09:00', '2027-03-01T10:00', 'Mars Standard Time')] }] } });
    const read = await reader().read(VIA, ['rikke@agency.example.org'], [MARCH]);
    expect(read.get('rikke@agency.example.org')).toEqual({ ok: false, reason: expect.stringContaining('kunne ikke læses') });
  });

  it('waits out throttling as Retry-After says, then reads', async () => {
    graph.script = (asked, call) =>
      call === 1 ? { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } } : { status: 200, body: { value: [{ scheduleId: asked.body.schedules[0], scheduleItems: [] }] } };
    const read = await reader().read(VIA, ['rikke@agency.example.org'], [MARCH]);
    expect(waits).toEqual([7_000]);
    expect(read.get('rikke@agency.example.org')).toEqual({ ok: true, busy: [] });
  });

  it('gives up the round, naming the throttling, when Graph asks for a longer wait than a round allows or keeps refusing', async () => {
    graph.script = () => ({ status: 429, headers: { 'Retry-After': '120' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } });
    await expect(reader().read(VIA, ['rikke@agency.example.org'], [MARCH])).rejects.toThrow(/Graph er overbelastet eller utilgængelig .*TooManyRequests/);
    expect(waits).toEqual([]);
    graph.script = () => ({ status: 503, body: { error: { code: 'ServiceUnavailable' } } });
    const failure = await reader().read(VIA, ['rikke@agency.example.org'], [MARCH]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutlookUnreadable);
    // Without Retry-After: one, two, four seconds, then the fourth answer stands.
    expect(waits).toEqual([1_000, 2_000, 4_000]);
  });

  it('fetches a new token after a 401 and tries once more', async () => {
    graph.script = (asked, call) => (call === 1 ? { status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } } : { status: 200, body: { value: [{ scheduleId: asked.body.schedules[0] }] } });
    const read = await reader().read(VIA, ['rikke@agency.example.org'], [MARCH]);
    expect([tokens.invalidated, graph.calls.length]).toEqual([1, 2]);
    expect(read.get('rikke@agency.example.org')).toEqual({ ok: true, busy: [] });
  });

  it.each([
    [403, 'ErrorAccessDenied', /Calendars\.ReadBasic\.All.*forloeb@agency\.example\.org/],
    [404, 'ErrorInvalidUser', /Postkassen forloeb@agency\.example\.org findes ikke.*ORGANIZER_MAILBOX/],
    [400, 'ErrorTimeIntervalTooBig', /^Graph afviste opslaget af ledig\/optaget-tid \/ Graph refused the free\/busy lookup \(ErrorTimeIntervalTooBig/],
  ])('fails the whole read on a %d %s, saying what to fix', async (status, code, reason) => {
    graph.script = () => ({ status, body: { error: { code, message: 'refused' } } });
    await expect(reader().read(VIA, ['rikke@agency.example.org'], [MARCH])).rejects.toThrow(reason);
  });

  it("says what is wrong with the app's credential, and asks Graph nothing", async () => {
    tokens.refuse = new TokenError({ da: 'Entra ID afviste klienthemmeligheden', en: 'Entra ID refused the client secret' }, false, 'AADSTS7000215');
    await expect(reader().read(VIA, ['rikke@agency.example.org'], [MARCH])).rejects.toThrow(/Entra ID afviste klienthemmeligheden/);
    expect(graph.calls).toEqual([]);
  });

  it('asks nothing for no advisors or no period', async () => {
    expect(await reader().read(VIA, [], [MARCH])).toEqual(new Map());
    expect(await reader().read(VIA, ['rikke@agency.example.org'], [])).toEqual(new Map([['rikke@agency.example.org', { ok: true, busy: [] }]]));
    expect(graph.calls).toEqual([]);
  });
});
