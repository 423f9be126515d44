import { parseInstant, parseLocalDate } from '../../src/domain/local-time';
import { register } from '../../src/domain/registration';
import { sampleCohort } from '../support/sample-cohort';

const at = parseInstant('2023-03-01T10:00:00Z');

describe('registration (tilmelding)', () => {
  it("records the municipality's wish for one of the offered preparatory days", () => {
    const cohort = sampleCohort();
    const id = cohort.municipalities[2]!.id;
    const registered = register(cohort, id, { preparatoryDay: parseLocalDate('2023-04-26'), timeOfDay: 'afternoon' }, at);
    expect(registered.municipalities[2]!.registration).toEqual({ preparatoryDay: '2023-04-26', timeOfDay: 'afternoon', registeredAt: at });
  });

  it('refuses a day that is not offered, naming the offered days in Danish', () => {
    const cohort = sampleCohort();
    expect(() => register(cohort, cohort.municipalities[0]!.id, { preparatoryDay: parseLocalDate('2023-04-27'), timeOfDay: 'any' }, at)).toThrow(
      expect.objectContaining({ code: 'outside_window', text: expect.objectContaining({ da: 'Vælg en af de tilbudte dage: tirsdag 25. april 2023 eller onsdag 26. april 2023.' }) }),
    );
    expect(() => register(cohort, 'nope', { preparatoryDay: parseLocalDate('2023-04-25'), timeOfDay: 'any' }, at)).toThrow(
      expect.objectContaining({ code: 'unknown_municipality' }),
    );
  });
});
