import { cateringDeadline, cateringList, isWorkingDay, workingDaysBefore } from '../../src/domain/catering';
import { parseInstant, parseLocalDate, parseLocalDateTime } from '../../src/domain/local-time';
import type { PlenaryMeeting } from '../../src/domain/cohort';
import { movePlenary } from '../../src/domain/move-meeting';
import { recordRsvp } from '../../src/domain/rsvp';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const plenary = (cohort: ReturnType<typeof sampleCohort>, key: string) => meetingByKey(cohort, key) as PlenaryMeeting;

describe('catering', () => {
  it('sets the deadline five working days before a physical meeting, at noon', () => {
    const cohort = sampleCohort();
    expect(cateringDeadline(cohort, plenary(cohort, 'refleksion-2'))).toBe('2023-08-23T12:00');
    expect(cateringDeadline(cohort, plenary(cohort, 'afslutning'))).toBe('2023-10-24T12:00');
  });

  it('counts back over weekends and Danish public holidays (Easter, Store bededag until 2023, Ascension Day)', () => {
    expect(isWorkingDay(parseLocalDate('2023-05-05'))).toBe(false);
    expect(isWorkingDay(parseLocalDate('2024-04-26'))).toBe(true);
    expect(workingDaysBefore(parseLocalDate('2023-04-14'), 5)).toBe('2023-04-04');
    expect(workingDaysBefore(parseLocalDate('2023-05-22'), 5)).toBe('2023-05-12');
  });

  it('has no deadline for a virtual meeting', () => {
    const cohort = sampleCohort();
    expect(cateringDeadline(cohort, plenary(cohort, 'refleksion-1'))).toBeNull();
  });

  it('lists the head-count and dietary notes for the current date only', () => {
    let cohort = sampleCohort();
    const meeting = plenary(cohort, 'refleksion-2');
    const [a, b] = cohort.municipalities[0]!.participants;
    const at = parseInstant('2023-08-01T10:00:00Z');
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: a!.id, answer: 'in_person', dietaryNote: 'Vegetar', at, source: 'chat' }).cohort;
    cohort = recordRsvp(cohort, { meetingId: meeting.id, participantId: b!.id, answer: 'declined', dietaryNote: null, at, source: 'tab' }).cohort;
    expect(cateringList(cohort, plenary(cohort, 'refleksion-2'))).toEqual({
      deadline: '2023-08-23T12:00',
      participants: 1,
      advisors: 1,
      dietaryNotes: [{ name: a!.person!.name, municipality: 'Aarhus Kommune', note: 'Vegetar' }],
    });
    cohort = movePlenary(cohort, meeting.id, parseLocalDateTime('2023-08-31T09:30'), at);
    expect(cateringList(cohort, plenary(cohort, 'refleksion-2'))).toMatchObject({ deadline: '2023-08-24T12:00', participants: 0, dietaryNotes: [] });
  });
});
