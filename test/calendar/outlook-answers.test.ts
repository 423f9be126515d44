import { answerOf, mergeOutlookAnswers, type MeetingRead } from '../../src/calendar/outlook-answers';
import { OUTLOOK_RESPONSES, type AttendeeStatus, type EventAnswers, type OutlookResponse } from '../../src/calendar/outlook-responses';
import { eventObjectKey } from '../../src/calendar/plan-events';
import { bookCohort, cancelMeeting, reinstateMeeting } from '../../src/domain/booking';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { movePlenary } from '../../src/domain/move-meeting';
import { recordRsvp } from '../../src/domain/rsvp';
import { endOf } from '../../src/domain/schedule-rules';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = (value: string) => parseInstant(value);
const LEADER = 'leder@aarhuskommune.example.org';
const CONSULTANT = 'konsulent@aarhuskommune.example.org';
const ADVISOR = 'rikke@agency.example.org';

const booked = (): Cohort => bookCohort(sampleCohort(), 'moeder@agency.example.org', at('2023-03-01T10:00:00Z'));
const plenary = (cohort: Cohort, key: string) => meetingByKey(cohort, key) as PlenaryMeeting;
const participantId = (cohort: Cohort, email: string) => cohort.municipalities.flatMap((m) => m.participants).find((p) => p.person?.email === email)!.id;
const attendee = (address: string, response: OutlookResponse, time: string | null = '2023-04-01T10:00:00Z'): AttendeeStatus => ({ address, response, at: time === null ? null : at(time) });

/** The meeting's event as Outlook shows it at the meeting's current time, unless told otherwise. */
function read(cohort: Cohort, key: string, attendees: AttendeeStatus[], event: Partial<EventAnswers> = {}): MeetingRead {
  const meeting = plenary(cohort, key);
  return {
    meetingId: meeting.id,
    objectKey: eventObjectKey(cohort, meeting, meeting.generation),
    event: { gone: false, cancelled: false, start: meeting.schedule.start, end: endOf(meeting.schedule), attendees, ...event },
  };
}

function given(cohort: Cohort, key: string, email: string, answer: 'in_person' | 'declined', time: string, source: 'tab' | 'chat', note: string | null = null): Cohort {
  return recordRsvp(cohort, { meetingId: plenary(cohort, key).id, participantId: participantId(cohort, email), answer, dietaryNote: note, at: at(time), source }).cohort;
}

const rsvpOf = (cohort: Cohort, key: string, email: string) =>
  cohort.rsvps.find((r) => r.meetingId === plenary(cohort, key).id && r.participantId === participantId(cohort, email));

describe("Outlook's answers in the product's terms", () => {
  it("takes accepted as the form's yes and declined as no; everything else says nothing", () => {
    const table = OUTLOOK_RESPONSES.map((r) => [r, answerOf('physical', r), answerOf('virtual', r)]);
    expect(table).toEqual([
      ['none', 'not_responded', 'not_responded'],
      ['organizer', 'not_responded', 'not_responded'],
      ['tentativelyAccepted', 'not_responded', 'not_responded'],
      ['accepted', 'in_person', 'online'],
      ['declined', 'declined', 'declined'],
      ['notResponded', 'not_responded', 'not_responded'],
    ]);
  });
});

describe('merging Outlook answers into the RSVPs', () => {
  it('records accepts and declines by form, from Outlook, at the time given in Outlook and for the current date', () => {
    const cohort = booked();
    const { cohort: merged, tally } = mergeOutlookAnswers(cohort, [
      read(cohort, 'opstart', [attendee(LEADER.toUpperCase(), 'accepted', '2023-04-01T10:00:00Z'), attendee(CONSULTANT, 'declined', '2023-04-02T08:00:00Z')]),
      read(cohort, 'refleksion-1', [attendee(LEADER, 'accepted', '2023-04-03T12:00:00Z')]),
    ]);
    expect(rsvpOf(merged, 'opstart', LEADER)).toMatchObject({ answer: 'in_person', source: 'outlook', answeredAt: '2023-04-01T10:00:00.000Z', forStart: plenary(cohort, 'opstart').schedule.start, dietaryNote: null });
    expect(rsvpOf(merged, 'opstart', CONSULTANT)).toMatchObject({ answer: 'declined', source: 'outlook' });
    expect(rsvpOf(merged, 'refleksion-1', LEADER)).toMatchObject({ answer: 'online', source: 'outlook' });
    expect(tally.recorded.map((r) => [r.meetingKey, r.answer])).toEqual([['opstart', 'in_person'], ['opstart', 'declined'], ['refleksion-1', 'online']]);
  });

  it('lets neither tentative, nor "not responded", nor an answer without a time override an answer', () => {
    const cohort = given(booked(), 'opstart', LEADER, 'in_person', '2023-03-02T10:00:00Z', 'tab');
    const later = '2023-04-01T10:00:00Z';
    for (const response of ['tentativelyAccepted', 'none', 'notResponded', 'organizer'] as const) {
      const { cohort: merged, tally } = mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, response, later), attendee(CONSULTANT, response, later)])]);
      expect(merged).toBe(cohort);
      expect(tally.recorded).toEqual([]);
    }
    const { cohort: merged } = mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, 'declined', null)])]);
    expect(merged).toBe(cohort);
  });

  it('keeps a newer answer from the tab, and replaces an older one', () => {
    const cohort = given(given(booked(), 'opstart', LEADER, 'in_person', '2023-04-05T10:00:00Z', 'tab'), 'opstart', CONSULTANT, 'in_person', '2023-03-20T10:00:00Z', 'chat');
    const { cohort: merged, tally } = mergeOutlookAnswers(cohort, [
      read(cohort, 'opstart', [attendee(LEADER, 'declined', '2023-04-01T10:00:00Z'), attendee(CONSULTANT, 'declined', '2023-04-01T10:00:00Z')]),
    ]);
    expect(rsvpOf(merged, 'opstart', LEADER)).toMatchObject({ answer: 'in_person', source: 'tab' });
    expect(rsvpOf(merged, 'opstart', CONSULTANT)).toMatchObject({ answer: 'declined', source: 'outlook' });
    expect(tally).toMatchObject({ keptNewer: 1, recorded: [expect.objectContaining({ person: 'Konsulent i Aarhus Kommune', answer: 'declined' })] });
  });

  it('changes nothing when the same answer is read again', () => {
    const cohort = booked();
    const once = mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, 'accepted')])]).cohort;
    const again = mergeOutlookAnswers(once, [read(once, 'opstart', [attendee(LEADER, 'accepted')])]);
    expect(again.cohort).toBe(once);
    expect(again.tally).toMatchObject({ recorded: [], alreadyKnown: 1 });
  });

  it('keeps the dietary note given in chat when the invitation is accepted in Outlook later', () => {
    const cohort = given(booked(), 'opstart', LEADER, 'in_person', '2023-03-20T10:00:00Z', 'chat', 'Vegetar');
    const { cohort: merged } = mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, 'accepted')])]);
    expect(rsvpOf(merged, 'opstart', LEADER)).toMatchObject({ answer: 'in_person', source: 'outlook', dietaryNote: 'Vegetar' });
  });

  it('ignores advisors and counts each address outside the cohort once', () => {
    const cohort = booked();
    const stranger = attendee('videresendt@example.org', 'accepted');
    const { cohort: merged, tally } = mergeOutlookAnswers(cohort, [
      read(cohort, 'opstart', [attendee(ADVISOR, 'accepted'), stranger]),
      read(cohort, 'refleksion-2', [{ ...stranger, address: ' Videresendt@Example.org ' }]),
    ]);
    expect(merged).toBe(cohort);
    expect(tally).toMatchObject({ recorded: [], unknownAddresses: 1 });
  });

  it('skips meetings called off, events cancelled or deleted in Outlook, and events of an earlier booking', () => {
    const cohort = booked();
    const offAndOn = reinstateMeeting(cancelMeeting(cohort, plenary(cohort, 'refleksion-2').id), plenary(cohort, 'refleksion-2').id, plenary(cohort, 'refleksion-2').schedule.start, at('2023-03-05T10:00:00Z'));
    const calledOff = cancelMeeting(offAndOn, plenary(cohort, 'refleksion-3').id);
    const yes = [attendee(LEADER, 'accepted')];
    const { cohort: merged, tally } = mergeOutlookAnswers(calledOff, [
      read(cohort, 'refleksion-2', yes),
      read(calledOff, 'refleksion-3', yes),
      read(calledOff, 'opstart', yes, { cancelled: true }),
      { ...read(calledOff, 'afslutning', []), event: { gone: true } },
    ]);
    expect(merged).toBe(calledOff);
    expect(tally).toMatchObject({ recorded: [], goneEvents: 1 });
  });

  it('counts an answer for the new date only once Outlook shows it and it was given after the move', () => {
    const cohort = booked();
    const kickoff = plenary(cohort, 'opstart');
    const before = mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, 'accepted', '2023-04-01T10:00:00Z')])]).cohort;
    const moved = movePlenary(before, kickoff.id, parseLocalDateTime('2023-05-11T09:30'), at('2023-04-10T08:00:00Z'));
    const oldTime = { start: kickoff.schedule.start, end: endOf(kickoff.schedule) };

    // Read before the PATCH reached Outlook: the answer is for the old date, whenever it was given.
    const stale = mergeOutlookAnswers(moved, [read(moved, 'opstart', [attendee(CONSULTANT, 'declined', '2023-04-10T09:00:00Z')], oldTime)]);
    // Outlook has the move, but not yet its reset; then it has reset the answers.
    const unreset = mergeOutlookAnswers(moved, [read(moved, 'opstart', [attendee(LEADER, 'accepted', '2023-04-01T10:00:00Z')])]);
    const reset = mergeOutlookAnswers(moved, [read(moved, 'opstart', [attendee(LEADER, 'none', null)])]);
    for (const result of [stale, unreset, reset]) expect(result.cohort).toBe(moved);
    expect(stale.tally.forEarlierTime + unreset.tally.forEarlierTime).toBe(2);
    expect(rsvpOf(moved, 'opstart', LEADER)).toMatchObject({ answer: 'in_person', forStart: kickoff.schedule.start });

    const again = mergeOutlookAnswers(moved, [read(moved, 'opstart', [attendee(LEADER, 'declined', '2023-04-10T08:30:00Z')])]);
    expect(rsvpOf(again.cohort, 'opstart', LEADER)).toMatchObject({ answer: 'declined', forStart: '2023-05-11T09:30', source: 'outlook' });
  });

  it('changes nothing in an erased cohort', () => {
    const cohort = { ...booked(), erasedAt: at('2023-12-01T00:00:00Z') };
    expect(mergeOutlookAnswers(cohort, [read(cohort, 'opstart', [attendee(LEADER, 'accepted')])]).cohort).toBe(cohort);
  });
});
