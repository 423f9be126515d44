import { addMunicipality, assertBookable, cohortProblems } from '../../src/domain/cohort-rules';
import { DomainError } from '../../src/domain/errors';
import { municipality, participant, sampleCohort } from '../support/sample-cohort';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('a cohort of 3 to 6 municipalities', () => {
  it('refuses to book a cohort of fewer than three municipalities, in Danish', () => {
    const error = caught(() => assertBookable(sampleCohort(['Aarhus Kommune', 'Odense Kommune'])));
    expect(error.code).toBe('too_few_municipalities');
    expect(error.text.da).toBe('Et gruppeforløb kan først bookes med mindst 3 kommuner (der er 2).');
    expect(() => assertBookable(sampleCohort())).not.toThrow();
  });

  it('registers up to six municipalities and refuses a seventh', () => {
    let cohort = sampleCohort(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Aalborg Kommune', 'Esbjerg Kommune']);
    cohort = addMunicipality(cohort, municipality('Randers Kommune'));
    expect(cohort.municipalities).toHaveLength(6);
    const error = caught(() => addMunicipality(cohort, municipality('Horsens Kommune')));
    expect(error.code).toBe('too_many_municipalities');
    expect(error.text.da).toContain('højst 6 kommuner');
  });

  it('refuses a municipality registered twice, whatever the case of its name', () => {
    const error = caught(() => addMunicipality(sampleCohort(), municipality('aarhus kommune')));
    expect(error.code).toBe('duplicate_municipality');
    expect(error.path).toBe('municipalities.3.name');
  });

  it('requires at least one leader/tovholder contact per municipality', () => {
    const withoutLeader = municipality('Horsens Kommune', [participant('Konsulent', 'k@horsens.example.org')]);
    expect(caught(() => addMunicipality(sampleCohort(), withoutLeader)).code).toBe('no_leader_contact');
  });

  it('refuses the same e-mail address twice in a cohort, across municipalities and advisors', () => {
    const cohort = sampleCohort();
    const clash = municipality('Horsens Kommune', [participant('Leder', 'LEDER@aarhuskommune.example.org', true)]);
    expect(caught(() => addMunicipality(cohort, clash)).path).toBe('municipalities.3.participants.0.email');
    const advisorClash = municipality('Horsens Kommune', [participant('Leder', 'rikke@agency.example.org', true)]);
    expect(caught(() => addMunicipality(cohort, advisorClash)).code).toBe('duplicate_email');
  });

  it('refuses two advisors with the same address', () => {
    const cohort = sampleCohort();
    const twin = { ...cohort.advisors[0]!, id: 'a-twin', email: 'RIKKE@agency.example.org' };
    expect(cohortProblems({ ...cohort, advisors: [...cohort.advisors, twin] }).map((p) => [p.code, p.path])).toEqual([
      ['duplicate_email', 'advisors.1.email'],
    ]);
  });

  it('requires an advisor', () => {
    expect(cohortProblems({ ...sampleCohort(), advisors: [] }).map((p) => p.code)).toEqual(['no_advisor']);
  });
});
