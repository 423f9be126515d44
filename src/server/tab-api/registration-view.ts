import type { Cohort } from '../../domain/cohort';
import { findMunicipality } from '../../domain/cohort-rules';
import { preparatoryMeeting } from '../../domain/registration';
import { municipalityView } from './cohort-view';
import type { RegistrationResponse } from './response-schemas';

/** The municipality's registration as its leader fills it in: its people, its wish, and the days to wish from. */
export function registrationView(cohort: Cohort, municipalityId: string): RegistrationResponse {
  const preparatory = preparatoryMeeting(cohort);
  return {
    cohortId: cohort.id,
    cohortName: cohort.name,
    municipality: municipalityView(findMunicipality(cohort, municipalityId)),
    preparatory: preparatory
      ? { meetingId: preparatory.id, title: preparatory.title, days: preparatory.schedule.days, from: preparatory.schedule.from, to: preparatory.schedule.to }
      : null,
  };
}
