import { eraseDueOn, erasePersonalData } from '../../src/domain/erase';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { recordRsvp, attendance } from '../../src/domain/rsvp';
import { presentationTasks, setPresentationStatus } from '../../src/domain/presentations';
import { bookCohort, cancelMeeting } from '../../src/domain/booking';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

describe('erasing personal data', () => {
  it('is due a configurable number of months after the follow-up window, six by default', () => {
    const cohort = sampleCohort();
    expect(eraseDueOn({ ...cohort, meetings: [] })).toBeNull();
    expect(eraseDueOn(cohort)).toBe('2024-07-11');
    expect(eraseDueOn({ ...cohort, settings: { ...cohort.settings, eraseAfterMonths: 1 } })).toBe('2024-02-11');
  });

  it('removes names, addresses and dietary notes and keeps the structure and the counts', () => {
    const at = parseInstant('2023-08-01T10:00:00Z');
    let cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const participant = cohort.municipalities[0]!.participants[0]!;
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: participant.id, answer: 'in_person', dietaryNote: 'Halal', at, source: 'chat' }).cohort;
    cohort = setPresentationStatus(cohort, {
      meetingId: meeting.id,
      municipalityId: cohort.municipalities[0]!.id,
      status: 'ready',
      link: 'https://example.org/oplaeg-jens-hansen.pptx',
      at,
    });
    const before = attendance(cohort, meeting.id);

    const erased = erasePersonalData(cohort, parseInstant('2024-07-12T00:00:00Z'));
    const text = JSON.stringify(erased.municipalities) + JSON.stringify(erased.rsvps) + JSON.stringify(erased.presentations);
    expect(text).not.toMatch(/example\.org|Halal|Leder i/);
    expect(erased.presentations).toEqual([expect.objectContaining({ status: 'ready', link: null })]);
    expect(erased.erasedAt).toBe('2024-07-12T00:00:00.000Z');
    expect(erased.municipalities.map((m) => [m.name, m.participants.length])).toEqual(cohort.municipalities.map((m) => [m.name, 2]));
    expect(erased.meetings).toEqual(cohort.meetings);
    expect(attendance(erased, meeting.id)).toEqual(before);
    expect(presentationTasks(erased)).toHaveLength(presentationTasks(cohort).length);
  });

  it("erases the number given for a phone call and keeps who booked the slot", () => {
    const cohort = sampleCohort();
    const leader = cohort.municipalities[0]!.participants[0]!;
    const booking = {
      meetingId: meetingByKey(cohort, 'opfoelgning').id,
      municipalityId: cohort.municipalities[0]!.id,
      start: parseLocalDateTime('2024-01-10T10:15'),
      phone: '+45 87 65 43 21',
      bookedBy: leader.id,
      bookedAt: parseInstant('2023-11-02T08:30:00Z'),
      version: 1,
      generation: 1,
      cancelled: false,
    };
    const erased = erasePersonalData({ ...cohort, slotBookings: [booking] }, parseInstant('2024-07-12T00:00:00Z'));
    expect(erased.slotBookings).toEqual([{ ...booking, phone: null }]);
  });

  it('refuses to erase early while booked meetings lie ahead, until they are called off', () => {
    const cohort = bookCohort(sampleCohort(), 'moeder@agency.example.org', parseInstant('2023-03-01T10:00:00Z'));
    const early = parseInstant('2023-09-01T10:00:00Z');
    expect(() => erasePersonalData(cohort, early)).toThrow(expect.objectContaining({ code: 'future_meetings_booked' }));
    const calledOff = ['refleksion-3', 'afslutning'].reduce((c, key) => cancelMeeting(c, meetingByKey(c, key).id), cohort);
    expect(erasePersonalData(calledOff, early).erasedAt).toBe(early);
    const followup = meetingByKey(calledOff, 'opfoelgning');
    const slot = { meetingId: followup.id, municipalityId: calledOff.municipalities[0]!.id, start: parseLocalDateTime('2024-01-09T09:00'), phone: '+45 12 34 56 78', bookedBy: 'x', bookedAt: early, version: 1, generation: 1, cancelled: false };
    expect(() => erasePersonalData({ ...calledOff, slotBookings: [slot] }, early)).toThrow(expect.objectContaining({ code: 'future_meetings_booked', message: expect.stringContaining('opfoelgning') }));
    expect(erasePersonalData({ ...calledOff, slotBookings: [{ ...slot, cancelled: true }] }, early).erasedAt).toBe(early);
  });

  it('refuses changes to an erased cohort', () => {
    const at = parseInstant('2024-07-12T00:00:00Z');
    const erased = erasePersonalData(sampleCohort(), at);
    const meeting = meetingByKey(erased, 'refleksion-2');
    expect(() =>
      recordRsvp(erased, { meetingId: meeting.id, participantId: erased.municipalities[0]!.participants[0]!.id, answer: 'in_person', dietaryNote: null, at, source: 'tab' }),
    ).toThrow(expect.objectContaining({ code: 'cohort_erased' }));
  });
});
