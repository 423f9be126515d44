import type { NewId } from '../app/ids';
import type { Cohort, IndividualMeeting, Meeting, PlenaryMeeting, Presentation, Rsvp, SlotBooking } from '../domain/cohort';
import type { DomainError } from '../domain/errors';
import { parseInstant, parseLocalDateTime } from '../domain/local-time';
import { answerOptions } from '../domain/rsvp';
import {
  answerNotOffered,
  dietaryNoteNotOffered,
  duplicate,
  noPresentations,
  notIndividual,
  notPlenary,
  slotTaken,
  unknownMeeting,
  unknownMunicipality,
  unknownParticipant,
  type Valid,
} from './document-problems';
import type { CohortDocument, ParticipantRef } from './document-schema';

const normal = (s: string) => s.trim().toLowerCase();
const positionKey = (municipality: string, position: number) => `${normal(municipality)}#${position}`;
const describeRef = (ref: ParticipantRef) => (typeof ref === 'string' ? ref : `nr. ${ref.position} i ${ref.municipality}`);

/**
 * A document has no database ids: people are named by e-mail (or, once erased, by their place in
 * their municipality's list), meetings by key, municipalities by name. Both documents and cohort
 * list them in the same order, so the n-th entry of one is the n-th of the other.
 */
function lookups(doc: CohortDocument, cohort: Cohort) {
  const participants = new Map<string, string>();
  doc.municipalities.forEach((m, i) =>
    m.participants.forEach((p, j) => {
      const id = cohort.municipalities[i]!.participants[j]!.id;
      participants.set(positionKey(m.name, j + 1), id);
      // A repeated address is reported by the cohort rules; the first one keeps the name.
      if (!p.erased && !participants.has(normal(p.email))) participants.set(normal(p.email), id);
    }),
  );
  const participant = (ref: ParticipantRef) => participants.get(typeof ref === 'string' ? normal(ref) : positionKey(ref.municipality, ref.position));
  return {
    meeting: (key: string): Meeting | undefined => cohort.meetings.find((m) => m.key === key),
    municipality: (name: string) => cohort.municipalities.find((m) => normal(m.name) === normal(name)),
    participant,
    /** A slot is booked by a leader or an advisor; e-mail addresses are unique across both. */
    booker: (ref: ParticipantRef) => participant(ref) ?? (typeof ref === 'string' ? cohort.advisors.find((a) => normal(a.email) === normal(ref))?.id : undefined),
  };
}

type Lookups = ReturnType<typeof lookups>;

/** Each (meeting, participant) or (meeting, municipality) pair may appear once. */
function onlyOnce() {
  const seen = new Set<string>();
  return (...parts: string[]) => {
    const key = parts.join('\n');
    const again = seen.has(key);
    seen.add(key);
    return again;
  };
}

function plenary(find: Lookups, key: string, path: string, problems: DomainError[]): PlenaryMeeting | undefined {
  const meeting = find.meeting(key);
  if (meeting?.kind === 'plenary') return meeting;
  problems.push(meeting ? notPlenary(path, key) : unknownMeeting(path, key));
  return undefined;
}

function toRsvps(doc: CohortDocument, find: Lookups, valid: Valid, problems: DomainError[]): Rsvp[] {
  const seen = onlyOnce();
  return doc.rsvps.flatMap((r, i) => {
    const path = `rsvps.${i}`;
    const meeting = plenary(find, r.meeting, `${path}.meeting`, problems);
    const participantId = find.participant(r.participant);
    if (!participantId) problems.push(unknownParticipant(`${path}.participant`, describeRef(r.participant)));
    if (!meeting || !participantId) return [];
    const offered = answerOptions(meeting.form);
    if (!offered.includes(r.answer)) problems.push(answerNotOffered(`${path}.answer`, r.answer, meeting.form === 'physical', offered));
    if (r.dietaryNote !== undefined && (meeting.form !== 'physical' || r.answer === 'declined')) problems.push(dietaryNoteNotOffered(`${path}.dietaryNote`));
    if (seen(meeting.key, participantId)) problems.push(duplicate(path, { da: 'Et svar fra samme deltager på samme møde', en: 'An answer from the same participant to the same meeting' }));
    return [
      {
        meetingId: meeting.id,
        participantId,
        answer: r.answer,
        dietaryNote: r.dietaryNote ?? null,
        forStart: r.forStart === undefined ? meeting.schedule.start : valid(parseLocalDateTime, r.forStart, `${path}.forStart`),
        answeredAt: valid(parseInstant, r.answeredAt, `${path}.answeredAt`),
        source: r.source ?? 'import',
      },
    ];
  });
}

function toPresentations(doc: CohortDocument, find: Lookups, valid: Valid, problems: DomainError[]): Presentation[] {
  const seen = onlyOnce();
  return doc.presentations.flatMap((p, i) => {
    const path = `presentations.${i}`;
    const meeting = plenary(find, p.meeting, `${path}.meeting`, problems);
    if (meeting && !meeting.presentations) problems.push(noPresentations(`${path}.meeting`, p.meeting));
    const municipality = find.municipality(p.municipality);
    if (!municipality) problems.push(unknownMunicipality(`${path}.municipality`, p.municipality));
    if (!meeting || !municipality) return [];
    if (seen(meeting.key, municipality.id)) problems.push(duplicate(path, { da: 'Et oplæg fra samme kommune på samme møde', en: 'A presentation by the same municipality at the same meeting' }));
    return [
      {
        meetingId: meeting.id,
        municipalityId: municipality.id,
        status: p.status,
        link: p.link ?? null,
        updatedAt: p.updatedAt === undefined ? null : valid(parseInstant, p.updatedAt, `${path}.updatedAt`),
      },
    ];
  });
}

function individual(find: Lookups, key: string, path: string, problems: DomainError[]): IndividualMeeting | undefined {
  const meeting = find.meeting(key);
  if (meeting && meeting.kind !== 'plenary') return meeting;
  problems.push(meeting ? notIndividual(path, key) : unknownMeeting(path, key));
  return undefined;
}

/**
 * A booking whose booker has left the cohort names nobody in the document; it gets an id that names
 * nobody in the cohort either, so it exports the same way again.
 */
function toSlotBookings(doc: CohortDocument, find: Lookups, valid: Valid, newId: NewId, problems: DomainError[]): SlotBooking[] {
  const seen = onlyOnce();
  const held = onlyOnce();
  return doc.slotBookings.flatMap((b, i) => {
    const path = `slotBookings.${i}`;
    const meeting = individual(find, b.meeting, `${path}.meeting`, problems);
    const municipality = find.municipality(b.municipality);
    if (!municipality) problems.push(unknownMunicipality(`${path}.municipality`, b.municipality));
    const bookedBy = b.bookedBy === undefined ? newId() : find.booker(b.bookedBy);
    if (b.bookedBy !== undefined && !bookedBy) problems.push(unknownParticipant(`${path}.bookedBy`, describeRef(b.bookedBy)));
    if (!meeting || !municipality || !bookedBy) return [];
    if (seen(meeting.key, municipality.id)) problems.push(duplicate(path, { da: 'En tid for samme kommune til samme møde', en: 'A slot of the same municipality for the same meeting' }));
    else if (!b.cancelled && held(meeting.key, b.start)) problems.push(slotTaken(`${path}.start`, b.start));
    return [
      {
        meetingId: meeting.id,
        municipalityId: municipality.id,
        start: valid(parseLocalDateTime, b.start, `${path}.start`),
        phone: b.phone ?? null,
        bookedBy,
        bookedAt: valid(parseInstant, b.bookedAt, `${path}.bookedAt`),
        version: b.version ?? 1,
        generation: b.generation ?? 1,
        cancelled: b.cancelled ?? false,
      },
    ];
  });
}

/** The document's answers, presentations and slot bookings as the domain's, with every dangling or misfitting reference reported. */
export function crossReferences(doc: CohortDocument, cohort: Cohort, valid: Valid, newId: NewId) {
  const problems: DomainError[] = [];
  const find = lookups(doc, cohort);
  const rsvps = toRsvps(doc, find, valid, problems);
  const presentations = toPresentations(doc, find, valid, problems);
  const slotBookings = toSlotBookings(doc, find, valid, newId, problems);
  return { rsvps, presentations, slotBookings, problems };
}
