import { toInstant, parseInstant, parseLocalDate, parseLocalDateTime } from '../../src/domain/local-time';
import { movePlenary, moveWindow } from '../../src/domain/move-meeting';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-05-20T10:00:00Z');

describe('moving a meeting ("ny dato")', () => {
  it('keeps the meeting, bumps its version and records the earlier time', () => {
    const cohort = sampleCohort();
    const before = meetingByKey(cohort, 'refleksion-1');
    const moved = movePlenary(cohort, before.id, parseLocalDateTime('2023-06-07T09:00'), at);
    const after = meetingByKey(moved, 'refleksion-1');
    expect(after.id).toBe(before.id);
    expect(after.version).toBe(2);
    expect(after.kind === 'plenary' && after.schedule.start).toBe('2023-06-07T09:00');
    expect(after.history).toEqual([{ version: 1, schedule: before.schedule, movedAt: at }]);
    expect(moved.meetings).toHaveLength(cohort.meetings.length);
  });

  it('keeps every earlier time over several moves', () => {
    let cohort = sampleCohort();
    const id = meetingByKey(cohort, 'refleksion-1').id;
    for (const start of ['2023-06-07T09:00', '2023-06-08T09:00', '2023-06-09T10:00']) {
      cohort = movePlenary(cohort, id, parseLocalDateTime(start), at);
    }
    const meeting = meetingByKey(cohort, 'refleksion-1');
    expect(meeting.version).toBe(4);
    expect(meeting.history.map((h) => h.version)).toEqual([1, 2, 3]);
  });

  it('changes nothing when moved to the time it already has', () => {
    const cohort = sampleCohort();
    const meeting = meetingByKey(cohort, 'opstart');
    expect(movePlenary(cohort, meeting.id, parseLocalDateTime('2023-05-04T09:30'), at)).toBe(cohort);
  });

  it('refuses a move that would overlap or reorder the plenaries', () => {
    const cohort = sampleCohort();
    const id = meetingByKey(cohort, 'refleksion-1').id;
    expect(() => movePlenary(cohort, id, parseLocalDateTime('2023-05-04T12:00'), at)).toThrow(
      expect.objectContaining({ code: 'plenaries_overlap' }),
    );
    expect(() => movePlenary(cohort, id, parseLocalDateTime('2023-11-01T09:00'), at)).toThrow(
      expect.objectContaining({ code: 'meetings_out_of_order' }),
    );
  });

  it('keeps the wall-clock time across daylight saving: a meeting moved from June to November still starts at 09:00', () => {
    const cohort = sampleCohort();
    const closing = meetingByKey(cohort, 'afslutning');
    const moved = meetingByKey(movePlenary(cohort, closing.id, parseLocalDateTime('2023-11-01T09:30'), at), 'afslutning');
    expect(moved.kind === 'plenary' && toInstant(moved.schedule.start)).toBe('2023-11-01T08:30:00.000Z');
  });

  it('offers other days for an individual meeting, keeping the earlier days', () => {
    const cohort = sampleCohort();
    const prep = meetingByKey(cohort, 'forberedende');
    const moved = meetingByKey(moveWindow(cohort, prep.id, [parseLocalDate('2023-04-24'), parseLocalDate('2023-04-26')], at), 'forberedende');
    expect(moved.version).toBe(2);
    expect(moved.history[0]!.schedule).toEqual(prep.schedule);
    expect(() => moveWindow(cohort, prep.id, [parseLocalDate('2023-05-05')], at)).toThrow(expect.objectContaining({ code: 'preparatory_after_kickoff' }));
  });

  it('tells a plenary from an individual meeting', () => {
    const cohort = sampleCohort();
    expect(() => movePlenary(cohort, meetingByKey(cohort, 'forberedende').id, parseLocalDateTime('2023-04-25T10:00'), at)).toThrow(
      expect.objectContaining({ code: 'not_a_plenary' }),
    );
    expect(() => moveWindow(cohort, meetingByKey(cohort, 'opstart').id, [], at)).toThrow(expect.objectContaining({ code: 'not_an_individual_meeting' }));
    expect(() => movePlenary(cohort, 'nope', parseLocalDateTime('2023-04-25T10:00'), at)).toThrow(expect.objectContaining({ code: 'unknown_meeting' }));
  });
});
