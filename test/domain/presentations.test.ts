import { parseInstant } from '../../src/domain/local-time';
import { presentationTasks, setPresentationStatus } from '../../src/domain/presentations';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-05-10T10:00:00Z');

describe('presentations (kort oplæg)', () => {
  it('expects one presentation per municipality at every plenary after the kick-off', () => {
    const cohort = sampleCohort();
    const tasks = presentationTasks(cohort);
    expect(tasks).toHaveLength(4 * 3);
    expect(new Set(tasks.map((t) => t.meetingId))).not.toContain(meetingByKey(cohort, 'opstart').id);
    expect(tasks.every((t) => t.status === 'not_started' && t.updatedAt === null)).toBe(true);
  });

  it('drops the tasks of a meeting where an advisor turned presentations off', () => {
    const cohort = sampleCohort();
    const off: Cohort = {
      ...cohort,
      meetings: cohort.meetings.map((m) => (m.key === 'afslutning' ? { ...(m as PlenaryMeeting), presentations: false } : m)),
    };
    expect(presentationTasks(off)).toHaveLength(3 * 3);
  });

  it('records status and link, and refuses a meeting without presentations or a link that is not https', () => {
    const cohort = sampleCohort();
    const meetingId = meetingByKey(cohort, 'refleksion-1').id;
    const municipalityId = cohort.municipalities[1]!.id;
    const updated = setPresentationStatus(cohort, { meetingId, municipalityId, status: 'ready', link: 'https://example.org/oplaeg.pptx', at });
    expect(presentationTasks(updated).find((t) => t.meetingId === meetingId && t.municipalityId === municipalityId)).toEqual({
      meetingId,
      municipalityId,
      status: 'ready',
      link: 'https://example.org/oplaeg.pptx',
      updatedAt: at,
    });
    expect(() =>
      setPresentationStatus(cohort, { meetingId: meetingByKey(cohort, 'opstart').id, municipalityId, status: 'ready', link: null, at }),
    ).toThrow(expect.objectContaining({ code: 'no_presentation_task' }));
    expect(() => setPresentationStatus(cohort, { meetingId, municipalityId, status: 'ready', link: 'javascript:alert(1)', at })).toThrow(
      expect.objectContaining({ code: 'invalid_link' }),
    );
  });
});
