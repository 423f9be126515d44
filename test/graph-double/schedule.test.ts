import { rawRequest } from '../support/graph-double';
import { errorOf, meeting, useGraphDouble, type GraphFixture } from './graph-call';

const ORGANIZER = 'forloeb@agency.example';
const ADVISOR = 'rikke@agency.example';
const OTHER = 'mads@agency.example';
const NO_MAILBOX = 'onprem@agency.example';
const getSchedule = `/users/${ORGANIZER}/calendar/getSchedule`;
const copenhagen = { prefer: 'outlook.timezone="Romance Standard Time"' };

type Item = { status: string; isPrivate: boolean; subject?: string; start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } };
type Information = { scheduleId: string; availabilityView?: string; scheduleItems?: Item[]; workingHours?: unknown; error?: { message: string; responseCode: string } };

const BASIC_APP = '33333333-0000-4000-8000-000000000002';
const MAIL_APP = '33333333-0000-4000-8000-000000000003';

const period = (start: string, end: string, timeZone = 'Romance Standard Time') => ({ startTime: { dateTime: start, timeZone }, endTime: { dateTime: end, timeZone } });

describe("getSchedule in the double: advisors' free/busy time as Outlook reports it", () => {
  const graph = useGraphDouble({
    users: [{ upn: ORGANIZER }, { upn: ADVISOR }, { upn: OTHER }, { upn: NO_MAILBOX, kind: 'noMailbox' }],
    apps: [
      { clientId: '33333333-0000-4000-8000-000000000001', secret: 'writer', roles: ['Calendars.ReadWrite'] },
      { clientId: BASIC_APP, secret: 'basic', roles: ['Calendars.ReadBasic.All'] },
      { clientId: MAIL_APP, secret: 'mail', roles: ['Mail.Send'] },
    ],
    retryAfterSeconds: 3,
  });
  const lookUp = async (body: Record<string, unknown>, headers: Record<string, string> = copenhagen) => {
    const res = await graph.call('POST', getSchedule, body, headers);
    return { status: res.status, json: res.json as { value: Information[] } };
  };
  const scheduleOf = (value: Information[], id: string) => value.find((v) => v.scheduleId === id)!;

  afterEach(() => graph.double.configure({ mailboxes: {}, throttleRate: 0 }));

  it("answers from a mailbox's events by showAs, in the zone Prefer asks for, with the view of the period", async () => {
    const busy = await graph.call('POST', `/users/${ADVISOR}/events`, meeting({ start: { dateTime: '2027-03-02T09:00:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2027-03-02T10:00:00', timeZone: 'Romance Standard Time' } }));
    expect(busy.status).toBe(201);
    await graph.call('POST', `/users/${ADVISOR}/events`, meeting({ showAs: 'Tentative', sensitivity: 'private', start: { dateTime: '2027-03-02T11:00:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2027-03-02T11:30:00', timeZone: 'Romance Standard Time' } }));
    await graph.call('POST', `/users/${ADVISOR}/events`, meeting({ showAs: 'free', start: { dateTime: '2027-03-02T12:00:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2027-03-02T13:00:00', timeZone: 'Romance Standard Time' } }));
    const oof = graph.double.busy(ADVISOR, { start: '2027-03-02T14:00', end: '2027-03-02T16:00', status: 'oof' });

    const { status, json } = await lookUp({ schedules: [ADVISOR], ...period('2027-03-02T08:00:00', '2027-03-02T17:00:00'), availabilityViewInterval: 60 });
    expect(status).toBe(200);
    const info = scheduleOf(json.value, ADVISOR);
    // An hour a character from 08:00: busy at 9, tentative at 11, free at 12 (0), out of office 14–16.
    expect(info.availabilityView).toBe('020100330');
    expect(info.scheduleItems).toEqual([
      expect.objectContaining({ status: 'busy', isPrivate: false, subject: expect.any(String), start: { dateTime: '2027-03-02T09:00:00.0000000', timeZone: 'Romance Standard Time' }, end: { dateTime: '2027-03-02T10:00:00.0000000', timeZone: 'Romance Standard Time' } }),
      { status: 'tentative', isPrivate: true, start: expect.anything(), end: expect.anything() },
      expect.objectContaining({ status: 'free' }),
      expect.objectContaining({ status: 'oof', start: { dateTime: '2027-03-02T14:00:00.0000000', timeZone: 'Romance Standard Time' } }),
    ]);
    expect(info.workingHours).toEqual(expect.objectContaining({ daysOfWeek: expect.arrayContaining(['monday']) }));

    // Without Prefer, in UTC: 09:00 in Copenhagen winter time is 08:00.
    const utc = await lookUp({ Schedules: [ADVISOR], ...period('2027-03-02T08:00:00', '2027-03-02T17:00:00') }, {});
    expect(scheduleOf(utc.json.value, ADVISOR).scheduleItems![0]!.start).toEqual({ dateTime: '2027-03-02T08:00:00.0000000', timeZone: 'UTC' });
    graph.double.unblock(oof);
  });

  it('leaves out a cancelled event and a block taken out again', async () => {
    const created = (await graph.call('POST', `/users/${OTHER}/events`, meeting({ start: { dateTime: '2027-04-06T09:00:00', timeZone: 'Europe/Copenhagen' }, end: { dateTime: '2027-04-06T10:00:00', timeZone: 'Europe/Copenhagen' } }))).json as { id: string };
    const block = graph.double.busy(OTHER, { start: '2027-04-06T13:00', end: '2027-04-06T14:00' });
    const items = async () => scheduleOf((await lookUp({ schedules: [OTHER], ...period('2027-04-06T00:00:00', '2027-04-07T00:00:00') })).json.value, OTHER).scheduleItems!.map((i) => i.start.dateTime);
    expect(await items()).toEqual(['2027-04-06T09:00:00.0000000', '2027-04-06T13:00:00.0000000']);
    expect((await graph.call('POST', `/users/${OTHER}/events/${created.id}/cancel`, {})).status).toBe(202);
    graph.double.unblock(block);
    expect(await items()).toEqual([]);
  });

  it('answers an address it cannot resolve with an error of its own, the others as usual, and echoes addresses as asked', async () => {
    const { status, json } = await lookUp({ schedules: ['Rikke@Agency.example', 'ukendt@agency.example', NO_MAILBOX], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') });
    expect(status).toBe(200);
    expect(json.value.map((v) => v.scheduleId)).toEqual(['Rikke@Agency.example', 'ukendt@agency.example', NO_MAILBOX]);
    expect(json.value[0]).toMatchObject({ scheduleItems: [] });
    expect(json.value[1]).toEqual({ scheduleId: 'ukendt@agency.example', error: { message: 'Unable to resolve e-mail address ukendt@agency.example to an Active Directory object.', responseCode: '5009' } });
    expect(json.value[2]!.error).toBeDefined();
  });

  it('refuses more than 20 schedules and a period over 62 days, with the codes Graph gives', async () => {
    const many = await graph.call('POST', getSchedule, { schedules: Array.from({ length: 21 }, (_, i) => `r${i}@agency.example`), ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') });
    expect([many.status, errorOf(many)]).toEqual([400, expect.objectContaining({ code: 'ErrorMailboxDataArrayTooBig', message: 'There are too many target users in the EmailAddress array. The allowed size = 20; the actual size = 21.' })]);
    expect((await graph.call('POST', getSchedule, { schedules: Array(20).fill(ADVISOR), ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') })).status).toBe(200);

    // 62 days of wall-clock time across the October change are 62 days and an hour: 63 started days.
    const long = await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-09-01T00:00:00', '2027-11-02T00:00:00') });
    expect([long.status, errorOf(long)]).toEqual([400, expect.objectContaining({ code: 'ErrorTimeIntervalTooBig', message: expect.stringContaining('The allowed limit = 62 days; the actual limit = 63 days.') })]);
    expect((await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-09-01T00:00:00', '2027-11-01T00:00:00') })).status).toBe(200);
  });

  it('refuses an end not after the start, an unknown zone and parameters getSchedule does not have', async () => {
    const backwards = await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-03-02T00:00:00', '2027-03-01T00:00:00') });
    expect([backwards.status, errorOf(backwards).code]).toEqual([400, 'ErrorInvalidTimeInterval']);
    const zone = await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00', 'Copenhagen Time') });
    expect([zone.status, errorOf(zone).code]).toEqual([400, 'TimeZoneNotSupportedException']);
    const unknown = await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00'), maxResults: 5 });
    expect([unknown.status, errorOf(unknown).code]).toEqual([400, 'RequestBodyRead']);
    const interval = await graph.call('POST', getSchedule, { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00'), availabilityViewInterval: 2 });
    expect(interval.status).toBe(400);
  });

  it('answers for the mailbox in the URL as for any request to it: unknown, without a mailbox, throttled with Retry-After', async () => {
    const body = { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') };
    const ghost = await graph.call('POST', '/users/ghost@agency.example/calendar/getSchedule', body);
    expect([ghost.status, errorOf(ghost).code]).toEqual([404, 'ErrorInvalidUser']);
    const onPremises = await graph.call('POST', `/users/${NO_MAILBOX}/calendar/getSchedule`, body);
    expect([onPremises.status, errorOf(onPremises).code]).toEqual([404, 'MailboxNotEnabledForRESTAPI']);
    graph.double.configure({ mailboxes: { [ORGANIZER]: { throttleRate: 1 } } });
    const throttled = await graph.call('POST', getSchedule, body);
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '3']);
    expect(graph.double.scheduleLookups().at(-1)).toEqual({ via: ORGANIZER, status: 429, at: expect.any(Number) });
  });

  it('takes a call fault like any other request, and getSchedule inside a $batch', async () => {
    graph.double.configure({ nextCalls: ['unavailable'] });
    const body = { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') };
    expect((await graph.call('POST', getSchedule, body)).status).toBe(503);
    const batch = await graph.call('POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: getSchedule, headers: { 'Content-Type': 'application/json' }, body }] });
    expect((batch.json as { responses: { status: number }[] }).responses[0]!.status).toBe(200);
  });

  it('refuses an app without a calendar permission, and lets Calendars.ReadBasic.All look up', async () => {
    const body = { schedules: [ADVISOR], ...period('2027-03-01T00:00:00', '2027-03-02T00:00:00') };
    const none = await graph.callAs(await tokenOf(graph, MAIL_APP, 'mail'), 'POST', getSchedule, body);
    expect([none.status, errorOf(none).code]).toEqual([403, 'ErrorAccessDenied']);
    const basic = await graph.callAs(await tokenOf(graph, BASIC_APP, 'basic'), 'POST', getSchedule, body);
    expect(basic.status).toBe(200);
  });
});

async function tokenOf(graph: GraphFixture, clientId: string, secret: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: graph.double.scope });
  const res = await rawRequest(`${graph.double.authority}/oauth2/v2.0/token`, graph.double.ca, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return (res.json as { access_token: string }).access_token;
}
