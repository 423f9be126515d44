import { DateTime } from 'luxon';
import { parseLocalDateTime } from '../../src/domain/local-time';
import { createBody, GRAPH_TIME_ZONE, patchBody, transactionIdOf } from '../../src/graph/event-payload';
import { copenhagenTimeOf } from '../../src/graph/graph-event';
import { ORGANIZER, onlineEvent, physicalEvent } from './sample-event';

describe('the create body', () => {
  it('describes a physical meeting with its place and address, and asks for answers but no new times', () => {
    expect(createBody(physicalEvent(), ORGANIZER)).toEqual({
      subject: 'M-ACT forår 2023: Opstartsmøde',
      body: { contentType: 'html', content: '<p>Tema: Ledelse af den organisatoriske ramme</p>' },
      start: { dateTime: '2023-05-04T09:30:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2023-05-04T15:30:00', timeZone: 'Romance Standard Time' },
      location: {
        displayName: 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C',
        address: { street: 'Edisonsvej 18', postalCode: '5000', city: 'Odense C' },
      },
      isOnlineMeeting: false,
      attendees: [
        { type: 'required', emailAddress: { address: 'mette.hansen@aarhus.example', name: 'Mette Hansen' } },
        { type: 'required', emailAddress: { address: 'jonas.berg@odense.example', name: 'Jonas Berg' } },
        { type: 'required', emailAddress: { address: 'rie@sbst.example', name: 'Rådgiver Rie' } },
      ],
      categories: ['M-ACT forår 2023'],
      allowNewTimeProposals: false,
      responseRequested: true,
      transactionId: transactionIdOf('cohort-1/kickoff/1'),
    });
  });

  it('makes a virtual meeting a Teams meeting with no location', () => {
    const body = createBody(onlineEvent(), ORGANIZER);
    expect(body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(body).not.toHaveProperty('location');
  });

  it('keeps a place whose address could not be read as a display name alone', () => {
    const body = createBody(physicalEvent({ location: { displayName: 'Odense', address: null } }), ORGANIZER);
    expect(body.location).toEqual({ displayName: 'Odense' });
  });

  it('invites each address once and never the organiser, whatever the letter case', () => {
    const attendees = [
      { name: 'Mette Hansen', email: 'mette.hansen@aarhus.example' },
      { name: 'Mette H.', email: ' Mette.Hansen@Aarhus.example ' },
      { name: 'Forløbspostkassen', email: ORGANIZER.toUpperCase() },
    ];
    expect(createBody(physicalEvent({ attendees }), ORGANIZER).attendees).toEqual([
      { type: 'required', emailAddress: { address: 'mette.hansen@aarhus.example', name: 'Mette Hansen' } },
    ]);
  });

  it.each([
    ['2023-05-04T09:30', '2023-05-04T07:30:00.000Z'],
    ['2023-10-31T09:30', '2023-10-31T08:30:00.000Z'],
  ])('states %s as 09:30 local time in the Windows zone of Copenhagen, summer and winter alike', (local, utc) => {
    const start = createBody(physicalEvent({ start: parseLocalDateTime(local) }), ORGANIZER).start!;
    expect(start).toEqual({ dateTime: `${local}:00`, timeZone: GRAPH_TIME_ZONE });
    // Romance Standard Time follows the EU's rules (CLDR maps it to Europe/Paris): the same instant as Copenhagen's.
    expect(DateTime.fromISO(start.dateTime!, { zone: 'Europe/Paris' }).toUTC().toISO()).toBe(utc);
    expect(copenhagenTimeOf({ dateTime: '2023-10-31T08:30:00.0000000', timeZone: 'UTC' })).toBe('2023-10-31T09:30');
    expect(copenhagenTimeOf({ dateTime: `${local}:00.0000000`, timeZone: GRAPH_TIME_ZONE })).toBe(local);
  });
});

describe('the transactionId', () => {
  it('is the same for every try of one booking, and shaped as a UUID', () => {
    const id = transactionIdOf('cohort-1/kickoff/1');
    expect(transactionIdOf('cohort-1/kickoff/1')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is new for a booking of the next generation, so a rebooked meeting is a new event', () => {
    expect(transactionIdOf('cohort-1/kickoff/2')).not.toBe(transactionIdOf('cohort-1/kickoff/1'));
    expect(transactionIdOf('cohort-2/kickoff/1')).not.toBe(transactionIdOf('cohort-1/kickoff/1'));
  });

  it('does not reveal the booking key', () => {
    expect(transactionIdOf('cohort-1/kickoff/1')).not.toContain('kickoff');
  });
});

describe('the PATCH body', () => {
  const sent = onlineEvent();

  it('moves a meeting with start and end only, never the body that holds the Teams link', () => {
    const moved = onlineEvent({ start: parseLocalDateTime('2023-06-07T09:00'), end: parseLocalDateTime('2023-06-07T13:30') });
    expect(patchBody(sent, moved, ORGANIZER)).toEqual({
      start: { dateTime: '2023-06-07T09:00:00', timeZone: GRAPH_TIME_ZONE },
      end: { dateTime: '2023-06-07T13:30:00', timeZone: GRAPH_TIME_ZONE },
    });
  });

  it('sends both ends when only the end moves', () => {
    expect(Object.keys(patchBody(sent, onlineEvent({ end: parseLocalDateTime('2023-06-06T14:00') }), ORGANIZER)!)).toEqual(['start', 'end']);
  });

  it('sends the whole attendee list when someone is added or removed, and nothing else', () => {
    const added = onlineEvent({ attendees: [...sent.attendees, { name: 'Ny Deltager', email: 'ny@vejle.example' }] });
    expect(Object.keys(patchBody(sent, added, ORGANIZER)!)).toEqual(['attendees']);
    expect(patchBody(sent, added, ORGANIZER)!.attendees).toHaveLength(4);
    const removed = onlineEvent({ attendees: sent.attendees.slice(1) });
    expect(patchBody(sent, removed, ORGANIZER)).toEqual({ attendees: createBody(removed, ORGANIZER).attendees });
  });

  it('sees no change in attendees or categories that are only reordered', () => {
    const reordered = onlineEvent({ attendees: [...sent.attendees].reverse(), categories: [...sent.categories].reverse() });
    expect(patchBody(sent, reordered, ORGANIZER)).toBeNull();
  });

  it('is null when nothing the event shows has changed', () => {
    expect(patchBody(sent, onlineEvent(), ORGANIZER)).toBeNull();
  });

  it('sends a new text, subject or category on its own', () => {
    expect(patchBody(sent, onlineEvent({ bodyHtml: '<p>Nyt tema</p>' }), ORGANIZER)).toEqual({ body: { contentType: 'html', content: '<p>Nyt tema</p>' } });
    expect(Object.keys(patchBody(sent, onlineEvent({ subject: 'Nyt emne' }), ORGANIZER)!)).toEqual(['subject']);
  });

  it('turns a Teams meeting into a physical one with its place, and clears the place of the reverse', () => {
    const physical = physicalEvent({ bookingKey: sent.bookingKey, subject: sent.subject, start: sent.start, end: sent.end });
    expect(patchBody(sent, physical, ORGANIZER)).toEqual({ location: createBody(physical, ORGANIZER).location, isOnlineMeeting: false });
    expect(patchBody(physical, sent, ORGANIZER)).toEqual({ location: { displayName: '' }, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
  });

  it('sends everything but the transactionId when what was sent is not known', () => {
    const body = patchBody(null, sent, ORGANIZER)!;
    expect(Object.keys(body).sort()).toEqual(['attendees', 'body', 'categories', 'end', 'isOnlineMeeting', 'location', 'onlineMeetingProvider', 'start', 'subject']);
  });
});
