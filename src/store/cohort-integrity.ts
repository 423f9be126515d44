import type { Cohort } from '../domain/cohort';
import { DomainError, type Texts } from '../domain/errors';
import { normalKey } from './cohort-rows';

/** The index of the first item whose key an earlier item already had, or -1. */
function firstRepeat<T>(items: readonly T[], key: (item: T) => string | null): number {
  const seen = new Set<string>();
  return items.findIndex((item) => {
    const k = key(item);
    if (k === null) return false;
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
}

function participantsWithPath(cohort: Cohort) {
  return cohort.municipalities.flatMap((m, i) => m.participants.map((p, j) => ({ p, path: `municipalities.${i}.participants.${j}` })));
}

function twice(what: Texts, id: string, path: string): DomainError {
  return new DomainError(
    'duplicate_id',
    { da: `${what.da} med id "${id}" findes to gange i gruppeforløbet.`, en: `${what.en} with id "${id}" appears twice in the cohort.` },
    path,
  );
}

/**
 * Meetings, municipalities and participants are upserted by id, and an upsert quietly merges two
 * rows with one id (SQLite) or refuses the whole statement without naming a constraint
 * (PostgreSQL), so a repeated id is caught here, before anything is written.
 */
export function repeatedIdProblem(cohort: Cohort): DomainError | null {
  const meeting = firstRepeat(cohort.meetings, (m) => m.id);
  if (meeting >= 0) return twice({ da: 'Mødet', en: 'The meeting' }, cohort.meetings[meeting]!.id, `meetings.${meeting}.id`);
  const municipality = firstRepeat(cohort.municipalities, (m) => m.id);
  if (municipality >= 0) {
    return twice({ da: 'Kommunen', en: 'The municipality' }, cohort.municipalities[municipality]!.id, `municipalities.${municipality}.id`);
  }
  const participants = participantsWithPath(cohort);
  const participant = firstRepeat(participants, ({ p }) => p.id);
  if (participant >= 0) {
    const { p, path } = participants[participant]!;
    return twice({ da: 'Deltageren', en: 'The participant' }, p.id, `${path}.id`);
  }
  return null;
}

/*
 * The database says which constraint failed; these find where in the cohort it failed, so the
 * error points at the field as a domain rule would.
 */

export function repeatedMunicipalityName(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.municipalities, (m) => normalKey(m.name));
  const name = cohort.municipalities[i]?.name ?? '';
  return new DomainError(
    'duplicate_municipality',
    { da: `${name} er allerede tilmeldt.`, en: `${name} is already registered.` },
    i >= 0 ? `municipalities.${i}.name` : 'municipalities',
  );
}

export function repeatedEmail(cohort: Cohort): DomainError {
  const participants = participantsWithPath(cohort);
  const i = firstRepeat(participants, ({ p }) => (p.person ? normalKey(p.person.email) : null));
  const found = participants[i];
  const email = found?.p.person?.email ?? '';
  return new DomainError(
    'duplicate_email',
    { da: `E-mailadressen ${email} findes allerede i gruppeforløbet.`, en: `The e-mail address ${email} is already in the cohort.` },
    found ? `${found.path}.email` : 'municipalities',
  );
}

export function repeatedMeetingKey(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.meetings, (m) => m.key);
  const key = cohort.meetings[i]?.key ?? '';
  return new DomainError(
    'duplicate_id',
    { da: `Mødenøglen "${key}" bruges af to møder.`, en: `The meeting key "${key}" is used by two meetings.` },
    i >= 0 ? `meetings.${i}.key` : 'meetings',
  );
}

export function repeatedAdvisor(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.advisors, (a) => a.id);
  return twice({ da: 'Rådgiveren', en: 'The advisor' }, cohort.advisors[i]?.id ?? '', i >= 0 ? `advisors.${i}.id` : 'advisors');
}

export function repeatedRsvp(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.rsvps, (r) => `${r.meetingId}\n${r.participantId}`);
  return new DomainError(
    'duplicate_id',
    { da: 'En deltager har to svar på det samme møde.', en: 'A participant has two answers to the same meeting.' },
    i >= 0 ? `rsvps.${i}` : 'rsvps',
  );
}

export function repeatedPresentation(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.presentations, (p) => `${p.meetingId}\n${p.municipalityId}`);
  return new DomainError(
    'duplicate_id',
    { da: 'En kommune har to oplæg på det samme møde.', en: 'A municipality has two presentations at the same meeting.' },
    i >= 0 ? `presentations.${i}` : 'presentations',
  );
}

export function repeatedSlotBooking(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.slotBookings, (b) => `${b.meetingId}\n${b.municipalityId}`);
  return new DomainError(
    'duplicate_id',
    { da: 'En kommune har to bookinger af det samme møde.', en: 'A municipality has two bookings of the same meeting.' },
    i >= 0 ? `slotBookings.${i}` : 'slotBookings',
  );
}

/** Two municipalities holding one slot of one meeting: the later booking is the one refused. */
export function slotTaken(cohort: Cohort): DomainError {
  const i = firstRepeat(cohort.slotBookings, (b) => (b.cancelled ? null : `${b.meetingId}\n${b.start}`));
  return new DomainError(
    'slot_taken',
    { da: 'Tiden er lige blevet taget af en anden kommune. Vælg en anden.', en: 'The slot was just taken by another municipality. Pick another.' },
    i >= 0 ? `slotBookings.${i}.start` : 'slotBookings',
  );
}

/**
 * A slot booking names an individual meeting, never a plenary. The foreign key sees only that the
 * meeting exists, so the kind is checked here, before anything is written.
 */
export function slotBookingProblem(cohort: Cohort): DomainError | null {
  for (const [i, b] of cohort.slotBookings.entries()) {
    if (cohort.meetings.find((m) => m.id === b.meetingId)?.kind === 'plenary') {
      return new DomainError(
        'not_an_individual_meeting',
        { da: 'Kun de individuelle møder bookes som tider.', en: 'Only the individual meetings are booked as slots.' },
        `slotBookings.${i}.meetingId`,
      );
    }
  }
  return null;
}

function unknownMeeting(path: string): DomainError {
  return new DomainError('unknown_meeting', { da: 'Mødet findes ikke i gruppeforløbet.', en: 'No such meeting in the cohort.' }, path);
}

function unknownMunicipality(path: string): DomainError {
  return new DomainError('unknown_municipality', { da: 'Kommunen findes ikke i gruppeforløbet.', en: 'No such municipality in the cohort.' }, path);
}

function unknownParticipant(path: string): DomainError {
  return new DomainError('unknown_participant', { da: 'Deltageren findes ikke i gruppeforløbet.', en: 'No such participant in the cohort.' }, path);
}

/** The first answer, presentation or slot booking that refers to something the cohort does not have, if any. */
export function danglingReference(cohort: Cohort): DomainError | null {
  const meetings = new Set(cohort.meetings.map((m) => m.id));
  const municipalities = new Set(cohort.municipalities.map((m) => m.id));
  const participants = new Set(cohort.municipalities.flatMap((m) => m.participants.map((p) => p.id)));
  for (const [i, r] of cohort.rsvps.entries()) {
    if (!meetings.has(r.meetingId)) return unknownMeeting(`rsvps.${i}.meetingId`);
    if (!participants.has(r.participantId)) return unknownParticipant(`rsvps.${i}.participantId`);
  }
  for (const [i, p] of cohort.presentations.entries()) {
    if (!meetings.has(p.meetingId)) return unknownMeeting(`presentations.${i}.meetingId`);
    if (!municipalities.has(p.municipalityId)) return unknownMunicipality(`presentations.${i}.municipalityId`);
  }
  for (const [i, b] of cohort.slotBookings.entries()) {
    if (!meetings.has(b.meetingId)) return unknownMeeting(`slotBookings.${i}.meetingId`);
    if (!municipalities.has(b.municipalityId)) return unknownMunicipality(`slotBookings.${i}.municipalityId`);
  }
  return null;
}
