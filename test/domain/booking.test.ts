import { bookCohort, cancelMeeting, reinstateMeeting } from '../../src/domain/booking';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { recordRsvp } from '../../src/domain/rsvp';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-03-01T10:00:00Z');

describe('booking the series', () => {
  it('books a cohort of three or more once, from the organiser mailbox', () => {
    const booked = bookCohort(sampleCohort(), ' moeder@agency.example.org ', at);
    expect(booked.booking).toEqual({ organizer: 'moeder@agency.example.org', bookedAt: at });
    expect(bookCohort(booked, 'other@agency.example.org', parseInstant('2023-03-02T10:00:00Z'))).toBe(booked);
  });

  it('refuses too few municipalities and an organiser that is not a mailbox', () => {
    expect(() => bookCohort(sampleCohort(['Aarhus Kommune', 'Odense Kommune']), 'moeder@agency.example.org', at)).toThrow(
      expect.objectContaining({ code: 'too_few_municipalities' }),
    );
    expect(() => bookCohort(sampleCohort(), 'mødelokalet', at)).toThrow(expect.objectContaining({ code: 'invalid_mailbox' }));
  });

  it('cancels a plenary and books it again as a new generation, at a new date if given', () => {
    const cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const cancelled = cancelMeeting(cohort, meeting.id);
    expect(meetingByKey(cancelled, 'refleksion-2')).toMatchObject({ cancelled: true, generation: 1, version: 2 });
    expect(cancelMeeting(cancelled, meeting.id)).toBe(cancelled);

    const again = reinstateMeeting(cancelled, meeting.id, parseLocalDateTime('2023-09-05T09:30'), at);
    expect(meetingByKey(again, 'refleksion-2')).toMatchObject({ id: meeting.id, cancelled: false, generation: 2, version: 4 });
    expect(meetingByKey(again, 'refleksion-2').history).toHaveLength(1);
    expect(() => reinstateMeeting(again, meeting.id, parseLocalDateTime('2023-09-05T09:30'), at)).toThrow(
      expect.objectContaining({ code: 'meeting_not_cancelled' }),
    );
  });

  it('takes no answers for a cancelled meeting', () => {
    const cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    const cancelled = cancelMeeting(cohort, meeting.id);
    const participantId = cohort.municipalities[0]!.participants[0]!.id;
    expect(() => recordRsvp(cancelled, { meetingId: meeting.id, participantId, answer: 'in_person', dietaryNote: null, at, source: 'chat' })).toThrow(
      expect.objectContaining({ code: 'meeting_cancelled' }),
    );
  });
});
