import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { movePlenary } from '../../src/domain/move-meeting';
import { answerOptions, attendance, recordRsvp, type IncomingRsvp } from '../../src/domain/rsvp';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const t = (iso: string) => parseInstant(iso);

function setup() {
  const cohort = sampleCohort();
  const physical = meetingByKey(cohort, 'refleksion-2');
  const virtual = meetingByKey(cohort, 'refleksion-1');
  const [leader, consultant] = cohort.municipalities[0]!.participants;
  return { cohort, physical, virtual, leader: leader!, consultant: consultant! };
}

function answer(cohort: Cohort, rsvp: Partial<IncomingRsvp> & Pick<IncomingRsvp, 'meetingId' | 'participantId'>) {
  return recordRsvp(cohort, { answer: 'in_person', dietaryNote: null, at: t('2023-08-01T10:00:00Z'), source: 'chat', ...rsvp });
}

describe('RSVP', () => {
  it('offers in person or not coming for a physical meeting, online or not coming for a virtual one', () => {
    expect(answerOptions('physical')).toEqual(['in_person', 'declined']);
    expect(answerOptions('virtual')).toEqual(['online', 'declined']);
  });

  it('refuses an answer the meeting form does not offer, and a dietary note for a virtual meeting', () => {
    const { cohort, physical, virtual, leader } = setup();
    expect(() => answer(cohort, { meetingId: physical.id, participantId: leader.id, answer: 'online' })).toThrow(
      expect.objectContaining({ code: 'answer_not_offered' }),
    );
    expect(() => answer(cohort, { meetingId: virtual.id, participantId: leader.id, answer: 'online', dietaryNote: 'vegetar' })).toThrow(
      expect.objectContaining({ code: 'dietary_note_not_offered' }),
    );
    expect(() => answer(cohort, { meetingId: physical.id, participantId: leader.id, dietaryNote: 'x'.repeat(501) })).toThrow(
      expect.objectContaining({ code: 'text_too_long' }),
    );
  });

  it('lets the newest explicit answer win, from any channel', () => {
    const { cohort, physical, leader } = setup();
    const first = answer(cohort, { meetingId: physical.id, participantId: leader.id, dietaryNote: ' vegetar ' }).cohort;
    const second = answer(first, { meetingId: physical.id, participantId: leader.id, answer: 'declined', at: t('2023-08-02T10:00:00Z'), source: 'outlook' });
    expect(second.outcome).toBe('recorded');
    expect(second.cohort.rsvps).toEqual([expect.objectContaining({ answer: 'declined', source: 'outlook', dietaryNote: null })]);
    const late = answer(second.cohort, { meetingId: physical.id, participantId: leader.id, at: t('2023-08-01T12:00:00Z'), source: 'outlook' });
    expect(late.outcome).toBe('kept_newer');
    expect(late.cohort.rsvps[0]!.answer).toBe('declined');
  });

  it("never lets Outlook's 'not responded' override an answer", () => {
    const { cohort, physical, leader } = setup();
    const given = answer(cohort, { meetingId: physical.id, participantId: leader.id }).cohort;
    const result = answer(given, { meetingId: physical.id, participantId: leader.id, answer: 'not_responded', at: t('2023-08-05T00:00:00Z'), source: 'outlook' });
    expect(result.outcome).toBe('nothing_to_record');
    expect(result.cohort.rsvps[0]!.answer).toBe('in_person');
  });

  it('keeps answers given for the old date after a move but counts only answers for the new one', () => {
    const { cohort, physical, leader, consultant } = setup();
    let c = answer(cohort, { meetingId: physical.id, participantId: leader.id }).cohort;
    c = answer(c, { meetingId: physical.id, participantId: consultant.id }).cohort;
    expect(attendance(c, physical.id)).toMatchObject({ inPerson: 2, answeredForEarlierDate: 0, notAnswered: 4 });

    c = movePlenary(c, physical.id, parseLocalDateTime('2023-08-31T09:30'), t('2023-08-03T08:00:00Z'));
    expect(c.rsvps).toHaveLength(2);
    expect(attendance(c, physical.id)).toMatchObject({ inPerson: 0, answeredForEarlierDate: 2, notAnswered: 4 });

    c = answer(c, { meetingId: physical.id, participantId: leader.id, at: t('2023-08-04T08:00:00Z') }).cohort;
    expect(attendance(c, physical.id)).toEqual({ inPerson: 1, online: 0, declined: 0, answeredForEarlierDate: 1, notAnswered: 4 });
  });

  it('refuses answers for individual meetings and from people not in the cohort', () => {
    const { cohort, leader, physical } = setup();
    expect(() => answer(cohort, { meetingId: meetingByKey(cohort, 'opfoelgning').id, participantId: leader.id })).toThrow(
      expect.objectContaining({ code: 'not_a_plenary' }),
    );
    expect(() => answer(cohort, { meetingId: physical.id, participantId: 'someone-else' })).toThrow(
      expect.objectContaining({ code: 'unknown_participant' }),
    );
  });
});
