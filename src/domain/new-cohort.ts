import { DEFAULT_SETTINGS, type Advisor, type Cohort } from './cohort';
import { assertCohort, meetingsFromTemplate } from './cohort-rules';
import { PROGRAMME_2023 } from './default-programme';
import { DomainError } from './errors';
import { danishDate, englishDate, type LocalDate } from './local-time';
import type { ProgrammeTemplate } from './programme';
import { meetingDays } from './programme-dates';

/** The programme editions a cohort can be made from. */
export const PROGRAMMES: readonly ProgrammeTemplate[] = [PROGRAMME_2023];

export function programmeOf(edition: string): ProgrammeTemplate | undefined {
  return PROGRAMMES.find((p) => p.edition === edition);
}

/** The advisor a new cohort starts with: who created it. */
export type Founder = Omit<Advisor, 'id'>;

export interface NewCohort {
  id: string;
  name: string;
  /** The programme with this cohort's dates. */
  programme: ProgrammeTemplate;
  founder: Founder;
}

/**
 * A cohort made from a programme, with its founder as its first advisor and no municipalities yet.
 * Every meeting must lie ahead: a cohort is created to be run, and invitations for a day gone by help nobody.
 */
export function newCohort(given: NewCohort, newId: () => string, today: LocalDate): Cohort {
  const first = meetingDays(given.programme).sort()[0];
  if (first !== undefined && first <= today) {
    throw new DomainError(
      'invalid_date',
      { da: `Alle møder skal ligge efter i dag; det første ligger ${danishDate(first)}.`, en: `Every meeting must lie after today; the first is on ${englishDate(first)}.` },
      'plenaries',
    );
  }
  return assertCohort({
    id: given.id,
    name: given.name.trim(),
    edition: given.programme.edition,
    settings: DEFAULT_SETTINGS,
    advisors: [{ id: newId(), ...given.founder }],
    meetings: meetingsFromTemplate(given.programme, newId),
    municipalities: [],
    rsvps: [],
    presentations: [],
    slotBookings: [],
    booking: null,
    erasedAt: null,
  });
}
