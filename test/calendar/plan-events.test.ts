import type { CalendarEventState } from '../../src/calendar/event-state';
import { plannedEvents } from '../../src/calendar/plan-events';
import { bookCohort, cancelMeeting } from '../../src/domain/booking';
import { erasePersonalData } from '../../src/domain/erase';
import { changePlenaryDetails } from '../../src/domain/meeting-details';
import { parseInstant } from '../../src/domain/local-time';
import { meetingByKey, municipality, participant, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-03-01T10:00:00Z');
const booked = (names?: string[]) => bookCohort(sampleCohort(names), 'moeder@agency.example.org', at);
const stateOf = (objects: ReturnType<typeof plannedEvents>, i: number) => objects[i]!.state as CalendarEventState;

describe('the events of a booked series', () => {
  it('plans nothing before the series is booked', () => {
    expect(plannedEvents(sampleCohort())).toEqual([]);
  });

  it('plans one event per plenary in the organiser calendar, named after cohort and meeting, numbered where titles repeat', () => {
    const cohort = booked();
    const events = plannedEvents(cohort);
    expect(events.map((e) => [e.target, (e.state as CalendarEventState).subject])).toEqual([
      ['moeder@agency.example.org', 'M-ACT 2023: Opstartsmøde'],
      ['moeder@agency.example.org', 'M-ACT 2023: Refleksionsmøde 1'],
      ['moeder@agency.example.org', 'M-ACT 2023: Refleksionsmøde 2'],
      ['moeder@agency.example.org', 'M-ACT 2023: Refleksionsmøde 3'],
      ['moeder@agency.example.org', 'M-ACT 2023: Afslutningsmøde'],
    ]);
    expect(new Set(events.map((e) => e.objectKey)).size).toBe(5);
    expect(events.every((e) => (e.state as CalendarEventState).categories[0] === 'M-ACT 2023')).toBe(true);
  });

  it('holds physical meetings at the agency in Odense and virtual ones in Teams, in Copenhagen wall-clock time', () => {
    const events = plannedEvents(booked());
    expect(stateOf(events, 0)).toMatchObject({
      start: '2023-05-04T09:30',
      end: '2023-05-04T15:30',
      online: false,
      location: { displayName: 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C', address: { street: 'Edisonsvej 18', postalCode: '5000', city: 'Odense C' } },
    });
    expect(stateOf(events, 1)).toMatchObject({ start: '2023-06-06T09:00', end: '2023-06-06T13:30', online: true, location: null });
    expect(stateOf(events, 4)).toMatchObject({ start: '2023-10-31T09:30', end: '2023-10-31T15:30' });
  });

  it('invites every participant and every advisor once, and tells them what to prepare without naming the date', () => {
    const cohort = booked();
    const state = stateOf(plannedEvents(cohort), 1);
    expect(state.attendees).toHaveLength(3 * 2 + 1);
    expect(state.attendees).toContainEqual({ name: 'Rikke Rådgiver', email: 'rikke@agency.example.org' });
    expect(state.bodyHtml).toContain('kort oplæg');
    expect(state.bodyHtml).toContain('Rikke Rådgiver, Specialkonsulent, +45 11 22 33 44, rikke@agency.example.org');
    expect(state.bodyHtml).not.toMatch(/06-06|juni|09:00/);
  });

  it('escapes what people typed before it goes into the invitation', () => {
    const cohort = bookCohort(
      { ...sampleCohort(), name: 'Øst <b>2024</b>', municipalities: [...sampleCohort().municipalities.slice(0, 2), municipality('Vejle Kommune', [participant('A & B', 'ab@vejle.example.org', true)])] },
      'moeder@agency.example.org',
      at,
    );
    const body = stateOf(plannedEvents(cohort), 0).bodyHtml;
    expect(body).toContain('Øst &lt;b&gt;2024&lt;/b&gt;');
    expect(body).not.toContain('<b>2024');
  });

  it('wants a cancelled meeting’s event gone, and plans nothing once personal data is erased', () => {
    const cohort = booked();
    const cancelled = cancelMeeting(cohort, meetingByKey(cohort, 'refleksion-2').id);
    expect(plannedEvents(cancelled).map((e) => e.state === null)).toEqual([false, false, true, false, false]);
    expect(plannedEvents(erasePersonalData(cohort, parseInstant('2024-08-01T00:00:00Z')))).toEqual([]);
  });

  it('replaces a booked meeting whose form changes by a new event and cancels the old one, since Outlook keeps a Teams meeting once made', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'opstart');
    const next = meeting.form === 'virtual' ? 'physical' : 'virtual';
    const place = (form: string) => (form === 'physical' ? 'Vejle' : '');
    const changed = changePlenaryDetails(cohort, meeting.id, { form: next, place: place(next), themes: meeting.themes });
    const mine = (c: typeof cohort) => plannedEvents(c).filter((e) => e.objectKey.includes(`:${meeting.key}:`));
    expect(mine(changed).map((e) => [e.objectKey.split(':').at(-1), e.state === null])).toEqual([['1', true], ['2', false]]);
    expect((mine(changed)[1]!.state as CalendarEventState).online).toBe(next === 'virtual');

    const themesOnly = changePlenaryDetails(changed, meeting.id, { form: next, place: place(next), themes: ['Nyt tema'] });
    expect(mine(themesOnly)).toHaveLength(2);
  });
});
