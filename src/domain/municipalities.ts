import { MIN_MUNICIPALITIES, type Cohort, type Municipality, type Participant, type ParticipantRole } from './cohort';
import { assertCohort, erased, findMunicipality } from './cohort-rules';
import { DomainError } from './errors';

/** What an advisor or a leader says about a person. The Entra object id is never typed in: the product finds it. */
export interface ParticipantDetails {
  name: string;
  email: string;
  phone: string | null;
  role: ParticipantRole;
  contact: boolean;
}

/** A person as a registration lists them: `id` null for someone new. */
export interface ListedParticipant extends ParticipantDetails {
  id: string | null;
}

function person(details: ParticipantDetails, entraObjectId: string | null) {
  return { name: details.name.trim(), email: details.email.trim(), phone: details.phone?.trim() || null, entraObjectId };
}

export function newParticipant(id: string, details: ParticipantDetails): Participant {
  return { id, role: details.role, contact: details.contact, person: person(details, null) };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The Entra object id was found for the old address and wins over it when people sign in, so a new
 * address drops it: otherwise the previous holder of the record would still be let in as this person.
 */
function edited(participant: Participant, details: ParticipantDetails): Participant {
  const kept = participant.person && sameAddress(participant.person.email, details.email) ? participant.person.entraObjectId : null;
  return { ...participant, role: details.role, contact: details.contact, person: person(details, kept) };
}

export function findParticipant(municipality: Municipality, participantId: string): Participant {
  const found = municipality.participants.find((p) => p.id === participantId);
  if (!found) throw new DomainError('unknown_participant', { da: 'Deltageren findes ikke i kommunen.', en: 'No such participant in the municipality.' });
  return found;
}

/** The cohort with one municipality changed, checked against every rule: unique names and addresses, a leader contact each. */
function withMunicipality(cohort: Cohort, municipalityId: string, change: (municipality: Municipality) => Municipality): Cohort {
  if (cohort.erasedAt) throw erased();
  const municipality = findMunicipality(cohort, municipalityId);
  const changed = change(municipality);
  return assertCohort({ ...cohort, municipalities: cohort.municipalities.map((m) => (m === municipality ? changed : m)) });
}

/**
 * The one rule for people who leave the cohort, however they leave (one at a time, left off a
 * registration, with their municipality): someone no longer in it is neither invited nor counted,
 * so their answers leave with them.
 */
function withoutAnswersOf(cohort: Cohort, gone: ReadonlySet<string>): Cohort {
  return gone.size === 0 ? cohort : { ...cohort, rsvps: cohort.rsvps.filter((r) => !gone.has(r.participantId)) };
}

/** Those of `before`'s people the municipality no longer has in `cohort`, with their answers gone. */
function withoutAnswersOfLeavers(cohort: Cohort, before: Municipality): Cohort {
  const now = new Set(findMunicipality(cohort, before.id).participants.map((p) => p.id));
  return withoutAnswersOf(cohort, new Set(before.participants.filter((p) => !now.has(p.id)).map((p) => p.id)));
}

export function renameMunicipality(cohort: Cohort, municipalityId: string, name: string): Cohort {
  return withMunicipality(cohort, municipalityId, (m) => ({ ...m, name: name.trim() }));
}

export function addParticipant(cohort: Cohort, municipalityId: string, participant: Participant): Cohort {
  return withMunicipality(cohort, municipalityId, (m) => ({ ...m, participants: [...m.participants, participant] }));
}

export function editParticipant(cohort: Cohort, municipalityId: string, participantId: string, details: ParticipantDetails): Cohort {
  return withMunicipality(cohort, municipalityId, (m) => {
    const before = findParticipant(m, participantId);
    return { ...m, participants: m.participants.map((p) => (p === before ? edited(p, details) : p)) };
  });
}

export function removeParticipant(cohort: Cohort, municipalityId: string, participantId: string): Cohort {
  const before = findMunicipality(cohort, municipalityId);
  const changed = withMunicipality(cohort, municipalityId, (m) => {
    const gone = findParticipant(m, participantId);
    return { ...m, participants: m.participants.filter((p) => p !== gone) };
  });
  return withoutAnswersOfLeavers(changed, before);
}

/**
 * The municipality's people as its registration lists them: those with an id kept (and changed),
 * those without added, everyone left out removed.
 */
export function replaceParticipants(cohort: Cohort, municipalityId: string, listed: readonly ListedParticipant[], newId: () => string): Cohort {
  const ids = listed.flatMap((p) => (p.id === null ? [] : [p.id]));
  if (new Set(ids).size !== ids.length) {
    throw new DomainError('duplicate_id', { da: 'Den samme deltager står to gange på listen.', en: 'The same participant is listed twice.' }, 'participants');
  }
  const before = findMunicipality(cohort, municipalityId);
  const changed = withMunicipality(cohort, municipalityId, (m) => ({
    ...m,
    participants: listed.map((p) => (p.id === null ? newParticipant(newId(), p) : edited(findParticipant(m, p.id), p))),
  }));
  return withoutAnswersOfLeavers(changed, before);
}

/**
 * A municipality leaves the cohort with its people, their answers and its presentation reports, as
 * anyone removed does. Two things stop it: a booked series keeps its minimum, and a booked slot is
 * cancelled first, as its Outlook event would otherwise stay in the calendars.
 */
export function removeMunicipality(cohort: Cohort, municipalityId: string): Cohort {
  if (cohort.erasedAt) throw erased();
  const municipality = findMunicipality(cohort, municipalityId);
  const { name } = municipality;
  if (cohort.booking && cohort.municipalities.length <= MIN_MUNICIPALITIES) {
    throw new DomainError('too_few_municipalities', {
      da: `Mødeserien er booket i Outlook, og et gruppeforløb skal have mindst ${MIN_MUNICIPALITIES} kommuner. Derfor kan ${name} ikke fjernes.`,
      en: `The meeting series is booked in Outlook, and a cohort needs at least ${MIN_MUNICIPALITIES} municipalities. So ${name} cannot be removed.`,
    });
  }
  if (cohort.slotBookings.some((b) => b.municipalityId === municipalityId && !b.cancelled)) {
    throw new DomainError('municipality_in_use', {
      da: `${name} har booket individuelle møder. Aflys bookingerne først, så de også forsvinder fra kalenderne; derefter kan kommunen fjernes.`,
      en: `${name} has booked individual meetings. Cancel the bookings first, so they leave the calendars too; then the municipality can be removed.`,
    });
  }
  const withoutIt = {
    ...cohort,
    municipalities: cohort.municipalities.filter((m) => m !== municipality),
    presentations: cohort.presentations.filter((p) => p.municipalityId !== municipalityId),
    slotBookings: cohort.slotBookings.filter((b) => b.municipalityId !== municipalityId),
  };
  return withoutAnswersOf(withoutIt, new Set(municipality.participants.map((p) => p.id)));
}
