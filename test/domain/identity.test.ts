import { findMemberships } from '../../src/domain/identity';
import { erasePersonalData } from '../../src/domain/erase';
import { parseInstant } from '../../src/domain/local-time';
import { sampleCohort } from '../support/sample-cohort';

function cohortWithGuest() {
  const cohort = sampleCohort();
  const [leader, consultant] = cohort.municipalities[0]!.participants;
  leader!.person = { ...leader!.person!, email: 'Jane.Leder@Aarhus.example.org', entraObjectId: '11111111-1111-1111-1111-111111111111' };
  return { cohort, leader: leader!, consultant: consultant! };
}

describe('who is who', () => {
  it('matches by Entra object id first, even when the e-mail differs', () => {
    const { cohort, leader } = cohortWithGuest();
    const found = findMemberships([cohort], { aadObjectId: '11111111-1111-1111-1111-111111111111', email: 'other@example.org' });
    expect(found).toEqual([{ cohortId: cohort.id, role: 'leader', personId: leader.id, municipalityId: cohort.municipalities[0]!.id }]);
  });

  it("falls back to e-mail, case-insensitively, unless the ids disagree, and uses a guest's real address rather than its #EXT# UPN", () => {
    const { cohort, leader, consultant } = cohortWithGuest();
    expect(findMemberships([cohort], { email: ' jane.leder@aarhus.EXAMPLE.org' })[0]?.personId).toBe(leader.id);
    expect(findMemberships([cohort], { aadObjectId: '99999999-0000-0000-0000-000000000000', email: 'jane.leder@aarhus.example.org' })).toEqual([]);
    expect(findMemberships([cohort], { userPrincipalName: 'konsulent_aarhuskommune.example.org#EXT#@agency.onmicrosoft.com' })).toEqual([]);
    expect(findMemberships([cohort], { userPrincipalName: 'konsulent@aarhuskommune.example.org' })).toEqual([
      expect.objectContaining({ role: 'participant', personId: consultant.id }),
    ]);
  });

  it('knows advisors, and finds a person in every cohort they are in, by id where known and by address elsewhere', () => {
    const a = sampleCohort();
    const b = sampleCohort();
    b.advisors[0] = { ...b.advisors[0]!, entraObjectId: null };
    expect(findMemberships([a, b], { aadObjectId: a.advisors[0]!.entraObjectId, email: 'rikke@agency.example.org' }).map((m) => m.cohortId)).toEqual([a.id, b.id]);
    const found = findMemberships([a, b], { email: 'rikke@agency.example.org' });
    expect(found.map((m) => [m.cohortId, m.role])).toEqual([
      [a.id, 'advisor'],
      [b.id, 'advisor'],
    ]);
  });

  it('finds nobody for an unknown identity or in an erased cohort', () => {
    const { cohort } = cohortWithGuest();
    expect(findMemberships([cohort], {})).toEqual([]);
    expect(findMemberships([cohort], { email: 'stranger@example.org' })).toEqual([]);
    const erased = erasePersonalData(cohort, parseInstant('2024-08-01T00:00:00Z'));
    expect(findMemberships([erased], { email: 'jane.leder@aarhus.example.org' })).toEqual([]);
  });
});
