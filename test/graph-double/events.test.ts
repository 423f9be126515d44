import { errorOf, meeting, useGraphDouble } from './graph-call';

const ORGANIZER = 'raadgiver@agency.example';
const NO_TEAMS = 'postkasse@agency.example';
const events = `/users/${ORGANIZER}/events`;

type Event = {
  id: string;
  start: { dateTime: string; timeZone: string };
  attendees: { status: { response: string }; emailAddress: { address: string } }[];
  [key: string]: unknown;
};

describe('calendar events in the double, as Outlook keeps them', () => {
  const graph = useGraphDouble({ users: [{ upn: ORGANIZER, displayName: 'Rådgivningsfunktionen' }, { upn: NO_TEAMS, teams: false }] });
  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await graph.call('POST', events, meeting(extra));
    expect(res.status).toBe(201);
    return res.json as Event;
  };

  it('creates an event with the ids and links Graph gives, answering in the zone it was given in', async () => {
    const event = await create({ transactionId: 'booking-1' });
    expect(event).toMatchObject({
      id: expect.stringMatching(/^AAMk/),
      iCalUId: expect.stringMatching(/^040000008200E00074C5B7101A82E008/),
      changeKey: expect.any(String),
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
      createdDateTime: expect.stringMatching(/Z$/),
      transactionId: 'booking-1',
      originalStartTimeZone: 'Romance Standard Time',
      start: { dateTime: '2023-05-04T09:30:00.0000000', timeZone: 'Romance Standard Time' },
      organizer: { emailAddress: { name: 'Rådgivningsfunktionen', address: ORGANIZER } },
      attendees: [expect.objectContaining({ status: { response: 'none', time: '0001-01-01T00:00:00Z' } }), expect.anything()],
      isCancelled: false,
    });
    // Reads answer in UTC, or in the zone Prefer asks for: 09:30 in Copenhagen summer time is 07:30 UTC.
    const utc = (await graph.call('GET', `${events}/${event.id}`)).json as Event;
    expect(utc.start).toEqual({ dateTime: '2023-05-04T07:30:00.0000000', timeZone: 'UTC' });
    const local = (await graph.call('GET', `${events}/${event.id}`, undefined, { prefer: 'outlook.timezone="Europe/Copenhagen"' })).json as Event;
    expect(local.start).toEqual({ dateTime: '2023-05-04T09:30:00.0000000', timeZone: 'Europe/Copenhagen' });
  });

  it('takes IANA and Windows zone names alike and keeps daylight saving straight', async () => {
    const winter = await create({ start: { dateTime: '2024-01-10T10:00:00', timeZone: 'Europe/Copenhagen' }, end: { dateTime: '2024-01-10T11:00:00', timeZone: 'Europe/Copenhagen' } });
    const read = (await graph.call('GET', `${events}/${winter.id}`)).json as Event;
    expect(read.start.dateTime).toBe('2024-01-10T09:00:00.0000000');
  });

  it('refuses an unknown time zone, a date that does not exist and an end before the start', async () => {
    const zone = await graph.call('POST', events, meeting({ start: { dateTime: '2023-05-04T09:30:00', timeZone: 'Copenhagen Time' } }));
    expect([zone.status, errorOf(zone)]).toEqual([400, expect.objectContaining({ code: 'TimeZoneNotSupportedException', message: expect.stringContaining("'Copenhagen Time'") })]);
    const date = await graph.call('POST', events, meeting({ start: { dateTime: '2023-02-30T09:00:00', timeZone: 'UTC' } }));
    expect([date.status, errorOf(date).code]).toEqual([400, 'ErrorInvalidRequest']);
    const backwards = await graph.call('POST', events, meeting({ end: { dateTime: '2023-05-04T08:00:00', timeZone: 'Romance Standard Time' } }));
    expect([backwards.status, errorOf(backwards).code]).toEqual([400, 'ErrorPropertyValidationFailure']);
  });

  it('makes a second create with the same transactionId fail, so a retried POST never makes two events', async () => {
    const first = await create({ transactionId: 'booking-2' });
    const again = await graph.call('POST', events, meeting({ transactionId: 'booking-2', subject: 'changed on the retry' }));
    expect([again.status, errorOf(again).code]).toEqual([400, 'ErrorDuplicateTransactionId']);
    const found = (await graph.call('GET', `${events}?$filter=transactionId eq 'booking-2'`)).json as { value: Event[] };
    expect(found.value.map((e) => e.id)).toEqual([first.id]);
    const changed = await graph.call('PATCH', `${events}/${first.id}`, { transactionId: 'booking-3' });
    expect(errorOf(changed)).toMatchObject({ code: 'ErrorInvalidRequest', message: expect.stringContaining('immutable') });
    expect(graph.double.counts().duplicateTransactionIds).toBe(0);
  });

  it('gives a Teams meeting a join URL, and silently none when the organizer has no Teams', async () => {
    const teams = await create({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(teams).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', onlineMeeting: { joinUrl: expect.stringContaining('teams.microsoft.com') } });
    const res = await graph.call('POST', `/users/${NO_TEAMS}/events`, meeting({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null });
  });

  it('resets the attendees\' answers when the meeting moves, and tells them all', async () => {
    const event = await create();
    graph.double.respond(ORGANIZER, event.id, 'leder@kommune-a.example', 'accepted');
    const answered = (await graph.call('GET', `${events}/${event.id}`)).json as Event;
    expect(answered.attendees[0]!.status.response).toBe('accepted');
    const sent = graph.double.notifications().length;
    const moved = await graph.call('PATCH', `${events}/${event.id}`, { start: { dateTime: '2023-06-06T09:30:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2023-06-06T14:00:00', timeZone: 'Romance Standard Time' } });
    expect(moved.status).toBe(200);
    expect((moved.json as Event).attendees.map((a) => a.status.response)).toEqual(['none', 'none']);
    expect(graph.double.notifications().slice(sent).map((n) => [n.kind, n.to])).toEqual([
      ['update', 'leder@kommune-a.example'],
      ['update', 'koordinator@kommune-b.example'],
    ]);
  });

  it('tells only the attendees who changed when a PATCH changes only the attendees, keeping the others\' answers', async () => {
    const event = await create();
    graph.double.respond(ORGANIZER, event.id, 'leder@kommune-a.example', 'tentativelyAccepted');
    const sent = graph.double.notifications().length;
    const attendees = [
      { emailAddress: { address: 'leder@kommune-a.example' }, type: 'required' },
      { emailAddress: { address: 'ny@kommune-c.example' }, type: 'required' },
    ];
    const res = await graph.call('PATCH', `${events}/${event.id}`, { attendees });
    expect((res.json as Event).attendees.map((a) => a.status.response)).toEqual(['tentativelyAccepted', 'none']);
    expect(graph.double.notifications().slice(sent).map((n) => [n.kind, n.to])).toEqual([
      ['invitation', 'ny@kommune-c.example'],
      ['cancellation', 'koordinator@kommune-b.example'],
    ]);
  });

  it('fails a create with an invalid attendee address alone, with ErrorInvalidRecipients', async () => {
    const res = await graph.call('POST', events, meeting({ attendees: [{ emailAddress: { address: 'leder(at)kommune-a' }, type: 'required' }] }));
    expect([res.status, errorOf(res).code]).toEqual([400, 'ErrorInvalidRecipients']);
  });

  it('disables the online meeting when a PATCH replaces the body without its meeting blob, as "Update event" warns', async () => {
    const event = await create({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    const joinUrl = (event.onlineMeeting as { joinUrl: string }).joinUrl;
    const kept = await graph.call('PATCH', `${events}/${event.id}`, { body: { contentType: 'html', content: `<p>Nyt tema</p><a href="${joinUrl}">Deltag</a>` } });
    expect(kept.json).toMatchObject({ isOnlineMeeting: true, onlineMeeting: { joinUrl } });
    const lost = await graph.call('PATCH', `${events}/${event.id}`, { body: { contentType: 'html', content: '<p>Nyt tema</p>' } });
    expect(lost.json).toMatchObject({ isOnlineMeeting: false, onlineMeeting: null });
  });

  it('cancels with 202 and no body: the organizer\'s copy goes to Deleted Items and the attendees get the comment', async () => {
    const event = await create();
    const sent = graph.double.notifications().length;
    const res = await graph.call('POST', `${events}/${event.id}/cancel`, { comment: 'Mødet er aflyst.' }, { 'content-type': 'application/json' });
    expect([res.status, res.text]).toEqual([202, '']);
    expect(((await graph.call('GET', `${events}/${event.id}`)).json as Event).isCancelled).toBe(true);
    const listed = (await graph.call('GET', `${events}?$top=100`)).json as { value: Event[] };
    expect(listed.value.map((e) => e.id)).not.toContain(event.id);
    expect(graph.double.notifications().slice(sent)).toEqual([
      expect.objectContaining({ kind: 'cancellation', to: 'leder@kommune-a.example', comment: 'Mødet er aflyst.' }),
      expect.objectContaining({ kind: 'cancellation', to: 'koordinator@kommune-b.example' }),
    ]);
    // A cancel repeated after a lost answer changes nothing and notifies no one again.
    expect((await graph.call('POST', `${events}/${event.id}/cancel`, {})).status).toBe(202);
    expect(graph.double.notifications()).toHaveLength(sent + 2);
    const unknown = await graph.call('POST', `${events}/${event.id}/cancel`, { reason: 'x' });
    expect([unknown.status, errorOf(unknown).code]).toEqual([400, 'RequestBodyRead']);
  });

  it('deletes with 204, after which the event is not found', async () => {
    const event = await create();
    expect((await graph.call('DELETE', `${events}/${event.id}`)).status).toBe(204);
    const gone = await graph.call('GET', `${events}/${event.id}`);
    expect([gone.status, errorOf(gone).code]).toEqual([404, 'ErrorItemNotFound']);
  });

  it('accepts the calendar path for creating and reading alike', async () => {
    const res = await graph.call('POST', `/users/${ORGANIZER}/calendar/events`, meeting());
    expect(res.status).toBe(201);
    expect((await graph.call('GET', `/users/${ORGANIZER}/calendar/events/${(res.json as Event).id}`)).status).toBe(200);
  });
});
