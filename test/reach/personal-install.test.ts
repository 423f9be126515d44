import { parseCohortArgs } from '../../src/cli/cohort-args';
import { INSTALL_TARGET, PERSONAL_INSTALL_KIND, plannedInstalls } from '../../src/reach/personal-install';
import { sampleCohort } from '../support/sample-cohort';

describe('plannedInstalls', () => {
  it('plans one installation per participant, on the one pacing target, and none for an erased person', () => {
    const cohort = sampleCohort(['Aarhus Kommune']);
    const [first, second] = cohort.municipalities[0]!.participants;
    first!.person = { ...first!.person!, entraObjectId: ' 0f0f0f0f-0000-4000-8000-000000000001 ', email: ' a@aarhus.dk ' };
    second!.person = null;
    const planned = plannedInstalls(cohort);
    expect(planned).toHaveLength(cohort.municipalities[0]!.participants.length);
    expect(planned.every((o) => o.kind === PERSONAL_INSTALL_KIND && o.target === INSTALL_TARGET && o.cohortId === cohort.id)).toBe(true);
    expect(planned[0]).toMatchObject({
      objectKey: `install:${cohort.id}:${first!.id}`,
      state: { participantId: first!.id, entraObjectId: '0f0f0f0f-0000-4000-8000-000000000001', email: 'a@aarhus.dk' },
    });
    expect(planned[1]).toMatchObject({ objectKey: `install:${cohort.id}:${second!.id}`, state: null });
  });
});

describe('cohort reach arguments', () => {
  it('takes an id and an optional --install', () => {
    expect(parseCohortArgs(['reach', 'demo'])).toEqual({ name: 'reach', id: 'demo', install: false });
    expect(parseCohortArgs(['reach', 'demo', '--install'])).toEqual({ name: 'reach', id: 'demo', install: true });
    expect(parseCohortArgs(['reach'])).toMatchObject({ name: 'usage' });
    expect(parseCohortArgs(['reach', 'demo', '--install=yes'])).toMatchObject({ name: 'usage' });
  });
});
