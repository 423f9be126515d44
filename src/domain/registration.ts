import type { Cohort, IndividualMeeting, TimeOfDay } from './cohort';
import { erased, findMunicipality } from './cohort-rules';
import { DomainError } from './errors';
import { danishDate, englishDate, type Instant, type LocalDate } from './local-time';

export function preparatoryMeeting(cohort: Cohort): IndividualMeeting | undefined {
  return cohort.meetings.find((m): m is IndividualMeeting => m.kind === 'preparatory');
}

/** Tilmelding: the municipality's wish for its preparatory meeting, one of the offered days. */
export function register(
  cohort: Cohort,
  municipalityId: string,
  wish: { preparatoryDay: LocalDate; timeOfDay: TimeOfDay },
  at: Instant,
): Cohort {
  if (cohort.erasedAt) throw erased();
  findMunicipality(cohort, municipalityId);
  const offered = preparatoryMeeting(cohort)?.schedule.days ?? [];
  if (!offered.includes(wish.preparatoryDay)) {
    throw new DomainError(
      'outside_window',
      {
        da: `Vælg en af de tilbudte dage: ${offered.map(danishDate).join(' eller ')}.`,
        en: `Pick one of the offered days: ${offered.map(englishDate).join(' or ')}.`,
      },
      'preparatoryDay',
    );
  }
  return {
    ...cohort,
    municipalities: cohort.municipalities.map((m) =>
      m.id === municipalityId ? { ...m, registration: { ...wish, registeredAt: at } } : m,
    ),
  };
}
