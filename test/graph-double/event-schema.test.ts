import { checkEventBody } from '../support/graph-double/event-schema';
import { errorOf, meeting, useGraphDouble } from './graph-call';

const refusal = (body: unknown, mode: 'create' | 'update' = 'create') => {
  const checked = checkEventBody(body, mode);
  return checked.ok ? null : checked.message;
};

describe('event bodies checked against Graph\'s own event-create and event-update schemas', () => {
  it('accepts what the product sends, the way Graph\'s samples write it', () => {
    expect(refusal(meeting({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', transactionId: 'abc' }))).toBeNull();
  });

  it('refuses a property the type does not define, at any depth, naming it and its type', () => {
    expect(refusal(meeting({ colour: 'red' }))).toBe(
      "The property 'colour' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    );
    const attendee = { emailAddress: { address: 'a@b.example', mail: 'a@b.example' }, type: 'required' };
    expect(refusal(meeting({ attendees: [attendee] }))).toContain("The property 'mail' does not exist on type 'microsoft.graph.emailAddress'");
    expect(refusal(meeting({ location: { displayName: 'Odense', address: { zip: '5000' } } }))).toContain("'zip' does not exist on type 'microsoft.graph.physicalAddress'");
  });

  it('refuses a value outside an enum, and matches enum values and property names without regard to case, as Outlook does', () => {
    expect(refusal(meeting({ onlineMeetingProvider: 'teams' }))).toContain("Requested value 'teams' was not found");
    expect(refusal(meeting({ attendees: [{ emailAddress: { address: 'a@b.example' }, type: 'mandatory' }] }))).toContain("Requested value 'mandatory' was not found");
    expect(refusal(meeting({ body: { contentType: 'markdown', content: '*' } }))).toContain("'markdown'");
    const checked = checkEventBody({ Subject: 'x', body: { contentType: 'HTML', content: '' }, attendees: [{ emailAddress: { address: 'a@b.example' }, type: 'Required' }] }, 'create');
    expect(checked).toEqual({ ok: true, value: { subject: 'x', body: { contentType: 'html', content: '' }, attendees: [{ emailAddress: { address: 'a@b.example' }, type: 'required' }] } });
  });

  it('refuses values of the wrong JSON type and nulls where the schema allows none', () => {
    expect(refusal(meeting({ subject: 42 }))).toContain("Cannot convert the literal '42' to the expected type 'Edm.String'");
    expect(refusal(meeting({ isOnlineMeeting: 'yes' }))).toContain('Edm.Boolean');
    expect(refusal(meeting({ reminderMinutesBeforeStart: 1.5 }))).toContain('Edm.Int32');
    expect(refusal(meeting({ categories: 'Gruppeforløb' }))).toContain("A 'StartArray' node was expected");
    expect(refusal(meeting({ categories: null }))).toContain('does not allow null');
    expect(refusal(meeting({ location: null }))).toBeNull();
  });

  it('lets @odata.type name a derived type whose properties then apply, and nothing else', () => {
    const constraint = { displayName: 'Mødelokale 1', resolveAvailability: true };
    expect(refusal(meeting({ location: constraint }))).toContain("'resolveAvailability' does not exist on type 'microsoft.graph.location'");
    expect(refusal(meeting({ location: { '@odata.type': '#microsoft.graph.locationConstraintItem', ...constraint } }))).toBeNull();
    expect(refusal(meeting({ location: { '@odata.type': '#microsoft.graph.message', displayName: 'x' } }))).toContain("A type named '#microsoft.graph.message' could not be resolved");
  });

  it('checks a PATCH against event-update, which has no id', () => {
    expect(refusal({ start: { dateTime: '2023-05-05T09:00:00', timeZone: 'UTC' } }, 'update')).toBeNull();
    expect(refusal({ id: 'AAMk' }, 'update')).toContain("The property 'id' does not exist on type 'microsoft.graph.event'");
  });
});

describe('an unreadable body over HTTP', () => {
  const graph = useGraphDouble();

  it('is answered 400 RequestBodyRead and nothing is created', async () => {
    const mailbox = graph.double.mailboxes[0]!;
    for (const body of [meeting({ colour: 'red' }), meeting({ onlineMeetingProvider: 'zoom' })]) {
      const res = await graph.call('POST', `/users/${mailbox}/events`, body);
      expect([res.status, errorOf(res).code]).toEqual([400, 'RequestBodyRead']);
    }
    const empty = await graph.call('POST', `/users/${mailbox}/events`);
    expect([empty.status, errorOf(empty).message]).toEqual([400, 'Empty Payload. JSON content expected.']);
    expect(graph.double.counts().eventsCreated).toBe(0);
  });
});
