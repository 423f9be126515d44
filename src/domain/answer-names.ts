import type { RsvpAnswer } from './cohort';
import type { Texts } from './errors';

/** An answer as it is listed for the advisors: in the answers overview and the participants' spreadsheet. */
export const ANSWER_NAMES: Readonly<Record<RsvpAnswer, Texts>> = {
  in_person: { da: 'Kommer', en: 'Coming' },
  online: { da: 'Online', en: 'Online' },
  declined: { da: 'Kommer ikke', en: 'Not coming' },
};

/** An answer as the person gives it, in the first person: on the tab and on a signed link's page. */
export const ANSWER_CHOICES: Readonly<Record<RsvpAnswer, Texts>> = {
  in_person: { da: 'Jeg kommer', en: 'I will come' },
  online: { da: 'Jeg deltager online', en: 'I will join online' },
  declined: { da: 'Jeg kommer ikke', en: 'I will not come' },
};
