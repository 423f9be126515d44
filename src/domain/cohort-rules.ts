import {
  MAX_MUNICIPALITIES,
  MIN_MUNICIPALITIES,
  type Cohort,
  type Meeting,
  type Municipality,
  type Person,
  type PlenaryMeeting,
} from './cohort';
import { DomainError, type Texts } from './errors';
import type { ProgrammeTemplate } from './programme';
import { scheduleProblems } from './schedule-rules';

export function meetingsFromTemplate(template: ProgrammeTemplate, newId: () => string): Meeting[] {
  return template.meetings.map(
    (m): Meeting => (m.kind === 'plenary' ? { ...m, id: newId(), version: 1, history: [], cancelled: false, generation: 1 } : { ...m, id: newId(), version: 1, history: [] }),
  );
}

function tooMany(path?: string): DomainError {
  return new DomainError(
    'too_many_municipalities',
    {
      da: `Et gruppeforløb har højst ${MAX_MUNICIPALITIES} kommuner; der er ikke plads til flere.`,
      en: `A cohort has at most ${MAX_MUNICIPALITIES} municipalities; there is no room for another.`,
    },
    path,
  );
}

const emailKey = (p: Person) => p.email.trim().toLowerCase();

/** Every rule a stored cohort must keep, each problem with the path of the offending field. */
export function cohortProblems(cohort: Cohort): DomainError[] {
  const problems: DomainError[] = [...scheduleProblems(cohort.meetings)];
  if (cohort.advisors.length === 0) {
    problems.push(new DomainError('no_advisor', { da: 'Et gruppeforløb skal have mindst én rådgiver.', en: 'A cohort needs at least one advisor.' }, 'advisors'));
  }
  if (cohort.municipalities.length > MAX_MUNICIPALITIES) problems.push(tooMany('municipalities'));

  const names = new Set<string>();
  const emails = new Set<string>();
  const claim = (person: Person, path: string) => {
    const key = emailKey(person);
    if (emails.has(key)) {
      problems.push(
        new DomainError(
          'duplicate_email',
          { da: `E-mailadressen ${person.email} findes allerede i gruppeforløbet.`, en: `The e-mail address ${person.email} is already in the cohort.` },
          path,
        ),
      );
    }
    emails.add(key);
  };
  cohort.advisors.forEach((a, i) => claim(a, `advisors.${i}.email`));
  cohort.municipalities.forEach((m, i) => {
    const name = m.name.trim().toLowerCase();
    if (names.has(name)) {
      problems.push(
        new DomainError('duplicate_municipality', { da: `${m.name} er allerede tilmeldt.`, en: `${m.name} is already registered.` }, `municipalities.${i}.name`),
      );
    }
    names.add(name);
    if (!cohort.erasedAt && !m.participants.some((p) => p.contact)) {
      problems.push(
        new DomainError(
          'no_leader_contact',
          { da: `${m.name} skal have mindst én leder/tovholder som kontaktperson.`, en: `${m.name} needs at least one leader/tovholder contact.` },
          `municipalities.${i}.participants`,
        ),
      );
    }
    m.participants.forEach((p, j) => p.person && claim(p.person, `municipalities.${i}.participants.${j}.email`));
  });
  return problems;
}

export function assertCohort(cohort: Cohort): Cohort {
  const [problem] = cohortProblems(cohort);
  if (problem) throw problem;
  return cohort;
}

export function addMunicipality(cohort: Cohort, municipality: Municipality): Cohort {
  if (cohort.erasedAt) throw erased();
  if (cohort.municipalities.length >= MAX_MUNICIPALITIES) throw tooMany();
  return assertCohort({ ...cohort, municipalities: [...cohort.municipalities, municipality] });
}

/** Booking the meeting series needs a full cohort; before that the invitations would go to too few. */
export function assertBookable(cohort: Cohort): void {
  if (cohort.erasedAt) throw erased();
  if (cohort.municipalities.length < MIN_MUNICIPALITIES) {
    throw new DomainError('too_few_municipalities', {
      da: `Et gruppeforløb kan først bookes med mindst ${MIN_MUNICIPALITIES} kommuner (der er ${cohort.municipalities.length}).`,
      en: `A cohort can be booked only with at least ${MIN_MUNICIPALITIES} municipalities (it has ${cohort.municipalities.length}).`,
    });
  }
}

export function erased(): DomainError {
  return new DomainError('cohort_erased', {
    da: 'Gruppeforløbets persondata er slettet; det kan ikke længere ændres.',
    en: "The cohort's personal data has been erased; it can no longer be changed.",
  });
}

export function findMeeting(cohort: Cohort, meetingId: string): Meeting {
  const meeting = cohort.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new DomainError('unknown_meeting', { da: 'Mødet findes ikke i gruppeforløbet.', en: 'No such meeting in the cohort.' });
  return meeting;
}

/** The plenary with this id; `refusal` says, in the caller's words, why another kind will not do. */
export function findPlenary(cohort: Cohort, meetingId: string, refusal: Texts): PlenaryMeeting {
  const meeting = findMeeting(cohort, meetingId);
  if (meeting.kind !== 'plenary') throw new DomainError('not_a_plenary', refusal);
  return meeting;
}

/** The cohort with one meeting replaced, checked against every rule. */
export function replaceMeeting(cohort: Cohort, meeting: Meeting): Cohort {
  return assertCohort({ ...cohort, meetings: cohort.meetings.map((m) => (m.id === meeting.id ? meeting : m)) });
}

export function findMunicipality(cohort: Cohort, municipalityId: string): Municipality {
  const found = cohort.municipalities.find((m) => m.id === municipalityId);
  if (!found) throw new DomainError('unknown_municipality', { da: 'Kommunen findes ikke i gruppeforløbet.', en: 'No such municipality in the cohort.' });
  return found;
}
