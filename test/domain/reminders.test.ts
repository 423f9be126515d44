import { bookCohort, cancelMeeting } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime, type LocalDateTime } from '../../src/domain/local-time';
import { changePlenaryDetails } from '../../src/domain/meeting-details';
import { movePlenary } from '../../src/domain/move-meeting';
import { setPresentationStatus } from '../../src/domain/presentations';
import { dueReminders, reminderKindsOf, remindersNow, type ReminderKind } from '../../src/domain/reminders';
import { recordRsvp } from '../../src/domain/rsvp';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = (local: string): LocalDateTime => parseLocalDateTime(local);
const booked = (cohort = sampleCohort()) => bookCohort(cohort, 'rikke@agency.example.org', parseInstant('2023-03-01T08:00:00Z'));
const kinds = (cohort: Cohort, now: string, kind: ReminderKind) => dueReminders(cohort, at(now)).filter((r) => r.kind === kind);
const everyone = (cohort: Cohort) => cohort.municipalities.flatMap((m) => m.participants);

describe('reminders', () => {
  it('sends nothing before the series is booked', () => {
    expect(dueReminders(sampleCohort(), at('2023-08-29T10:00'))).toEqual([]);
  });

  it('reminds every participant to prepare the presentation 14 and 3 days before, one lead at a time', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    expect(kinds(cohort, '2023-08-16T08:59', 'presentation').filter((r) => r.meetingId === meeting.id)).toEqual([]);
    const fourteen = kinds(cohort, '2023-08-16T09:00', 'presentation').filter((r) => r.meetingId === meeting.id);
    expect(fourteen).toHaveLength(everyone(cohort).length);
    expect(fourteen.every((r) => r.daysBefore === 14)).toBe(true);
    const three = kinds(cohort, '2023-08-28T10:00', 'presentation').filter((r) => r.meetingId === meeting.id);
    expect(three.every((r) => r.daysBefore === 3)).toBe(true);
    expect(new Set([...fourteen, ...three].map((r) => r.key)).size).toBe(fourteen.length + three.length);
  });

  it('stops reminding a municipality once its presentation is ready, and never for the kick-off', () => {
    let cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const [ready] = cohort.municipalities;
    cohort = setPresentationStatus(cohort, { meetingId: meeting.id, municipalityId: ready!.id, status: 'ready', link: null, at: parseInstant('2023-08-20T08:00:00Z') });
    const due = kinds(cohort, '2023-08-28T10:00', 'presentation').filter((r) => r.meetingId === meeting.id);
    expect(due.some((r) => r.recipient.role === 'participant' && r.recipient.municipalityId === ready!.id)).toBe(false);
    expect(due.length).toBeGreaterThan(0);
    expect(kinds(cohort, '2023-05-01T10:00', 'presentation').filter((r) => r.meetingId === meetingByKey(cohort, 'opstart').id)).toEqual([]);
  });

  it('asks those who have not answered before the catering deadline, and stops at the deadline', () => {
    let cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const [answering] = everyone(cohort);
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: answering!.id, answer: 'in_person', dietaryNote: null, at: parseInstant('2023-08-01T08:00:00Z'), source: 'chat' }).cohort;
    // Catering deadline: 5 working days before Wednesday 30 August is Wednesday 23 August, noon.
    const due = kinds(cohort, '2023-08-21T09:00', 'rsvp').filter((r) => r.meetingId === meeting.id);
    expect(due).toHaveLength(everyone(cohort).length - 1);
    expect(kinds(cohort, '2023-08-21T08:59', 'rsvp').filter((r) => r.meetingId === meeting.id)).toEqual([]);
    expect(kinds(cohort, '2023-08-23T12:00', 'rsvp').filter((r) => r.meetingId === meeting.id)).toEqual([]);
  });

  it('asks a virtual meeting two days before it', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-1');
    expect(kinds(cohort, '2023-06-04T09:00', 'rsvp').filter((r) => r.meetingId === meeting.id)).toHaveLength(everyone(cohort).length);
  });

  it('gives the advisors the final head-count at the deadline, and the participants practical information the day before', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const headcount = kinds(cohort, '2023-08-23T12:00', 'headcount').filter((r) => r.meetingId === meeting.id);
    expect(headcount.map((r) => r.recipient)).toEqual(cohort.advisors.map((a) => ({ role: 'advisor', advisorId: a.id })));
    expect(kinds(cohort, '2023-08-29T11:59', 'practical').filter((r) => r.meetingId === meeting.id)).toEqual([]);
    expect(kinds(cohort, '2023-08-29T12:00', 'practical').filter((r) => r.meetingId === meeting.id)).toHaveLength(everyone(cohort).length);
    expect(kinds(cohort, '2023-06-05T12:00', 'practical').filter((r) => r.meetingId === meetingByKey(cohort, 'refleksion-1').id)).toEqual([]);
  });

  it('asks again after a move, with a key of the new date, until the person answers for the new date', () => {
    let cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-3');
    const [person] = everyone(cohort);
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: person!.id, answer: 'in_person', dietaryNote: null, at: parseInstant('2023-08-01T08:00:00Z'), source: 'chat' }).cohort;
    cohort = movePlenary(cohort, meeting.id, parseLocalDateTime('2023-10-03T09:30'), parseInstant('2023-09-01T10:00:00Z'));
    const moved = kinds(cohort, '2023-09-01T12:05', 'moved');
    expect(moved).toHaveLength(everyone(cohort).length);
    expect(moved.every((r) => r.meetingVersion === 2 && r.key.includes(':g1d1:'))).toBe(true);
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: person!.id, answer: 'declined', dietaryNote: null, at: parseInstant('2023-09-01T11:00:00Z'), source: 'chat' }).cohort;
    expect(kinds(cohort, '2023-09-01T13:05', 'moved')).toHaveLength(everyone(cohort).length - 1);
  });

  it('does not remind anyone twice when only the place or themes of a meeting change', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-3');
    const practical = (c: Cohort) => kinds(c, '2023-09-25T12:05', 'practical').filter((r) => r.meetingId === meeting.id);
    const before = practical(cohort);
    expect(before.length).toBeGreaterThan(0);
    const edited = changePlenaryDetails(cohort, meeting.id, { form: 'physical', place: 'Nyt sted, Odense', themes: ['Nyt tema'] });
    expect(meetingByKey(edited, 'refleksion-3').version).toBe(meeting.version + 1);
    expect(practical(edited).map((r) => r.key)).toEqual(before.map((r) => r.key));
  });

  it('asks everyone again when a booked meeting changes form, which makes it a new Outlook event', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-3');
    // Before the catering deadline of the physical meeting, and in the days before the online one.
    const rsvp = (c: Cohort, now: string) => kinds(c, now, 'rsvp').filter((r) => r.meetingId === meeting.id);
    const before = rsvp(cohort, '2023-09-18T09:00');
    const online = changePlenaryDetails(cohort, meeting.id, { form: 'virtual', place: '', themes: meeting.themes });
    const after = rsvp(online, '2023-09-25T09:00');
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBe(before.length);
    expect(after.map((r) => r.key).filter((k) => before.some((b) => b.key === k))).toEqual([]);
  });

  it('names the reminders that can concern each meeting: practical and head-count only where people come, moved only once it has', () => {
    const cohort = booked();
    const physical = meetingByKey(cohort, 'refleksion-3');
    expect(reminderKindsOf(physical)).toEqual(['presentation', 'rsvp', 'practical', 'headcount']);
    const online = meetingByKey(changePlenaryDetails(cohort, physical.id, { form: 'virtual', place: '', themes: physical.themes }), 'refleksion-3');
    expect(reminderKindsOf(online)).toEqual(['presentation', 'rsvp']);
    const moved = movePlenary(cohort, physical.id, parseLocalDateTime('2023-10-03T09:30'), parseInstant('2023-09-01T10:00:00Z'));
    expect(reminderKindsOf(meetingByKey(moved, 'refleksion-3'))).toContain('moved');
    expect(reminderKindsOf(meetingByKey(cohort, 'forberedende'))).toEqual(['booking']);
  });

  it('offers "moved, can you still come" now only for a meeting that has moved', () => {
    const cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-3');
    expect(remindersNow(cohort, meeting.id, 'moved', at('2023-09-01T12:00'))).toEqual([]);
    const moved = movePlenary(cohort, meeting.id, parseLocalDateTime('2023-10-03T09:30'), parseInstant('2023-09-01T10:00:00Z'));
    expect(remindersNow(moved, meeting.id, 'moved', at('2023-09-01T12:00')).length).toBeGreaterThan(0);
  });

  it('sends nothing for a called-off meeting, after the meeting, or once the data is erased', () => {
    let cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    cohort = cancelMeeting(cohort, meeting.id);
    expect(dueReminders(cohort, at('2023-08-29T12:00')).filter((r) => r.meetingId === meeting.id)).toEqual([]);
    expect(dueReminders(booked(), at('2023-11-01T10:00'))).toEqual([]);
    expect(dueReminders({ ...booked(), erasedAt: parseInstant('2023-08-01T00:00:00Z') }, at('2023-08-29T12:00'))).toEqual([]);
  });

  it("sends an advisor's reminder now to whom it concerns, once a day, and not after the meeting", () => {
    let cohort = booked();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const [first] = everyone(cohort);
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: first!.id, answer: 'declined', dietaryNote: null, at: parseInstant('2023-07-01T08:00:00Z'), source: 'chat' }).cohort;
    const now = remindersNow(cohort, meeting.id, 'rsvp', at('2023-07-03T10:00'));
    expect(now).toHaveLength(everyone(cohort).length - 1);
    expect(now.every((r) => r.key.startsWith('rsvp-now-2023-07-03:'))).toBe(true);
    expect(remindersNow(cohort, meeting.id, 'rsvp', at('2023-07-04T10:00'))[0]!.key).not.toBe(now[0]!.key);
    expect(remindersNow(cohort, meeting.id, 'presentation', at('2023-08-20T10:00'))[0]!.daysBefore).toBe(10);
    expect(remindersNow(cohort, meeting.id, 'rsvp', at('2023-08-30T09:30'))).toEqual([]);
  });
});
