import type { NewId } from '../app/ids';
import type { Cohort, IndividualMeeting, Meeting, Municipality, Participant, PlenaryMeeting } from '../domain/cohort';
import { cohortProblems } from '../domain/cohort-rules';
import type { DomainError } from '../domain/errors';
import { parseInstant, parseLocalDate, parseLocalDateTime, parseLocalTime } from '../domain/local-time';
import type { FixedTime, SlotWindow } from '../domain/programme';
import { atDocumentPath, collector, duplicate, notOfferedDay, personalDataAfterErase, type Valid } from './document-problems';
import { crossReferences } from './document-references';
import type { CohortDocument, DocumentMeeting, DocumentParticipant } from './document-schema';

type FixedTimeFields = { start: string; durationMinutes: number };
type SlotWindowFields = { days: string[]; from: string; to: string; slotMinutes: number };

const fixedTime = (t: FixedTimeFields, path: string, valid: Valid): FixedTime => ({
  start: valid(parseLocalDateTime, t.start, `${path}.start`),
  durationMinutes: t.durationMinutes,
});

const slotWindow = (w: SlotWindowFields, path: string, valid: Valid): SlotWindow => ({
  days: w.days.map((day, k) => valid(parseLocalDate, day, `${path}.days.${k}`)),
  from: valid(parseLocalTime, w.from, `${path}.from`),
  to: valid(parseLocalTime, w.to, `${path}.to`),
  slotMinutes: w.slotMinutes,
});

function toMeeting(m: DocumentMeeting, path: string, valid: Valid, id: string): Meeting {
  const common = { id, key: m.key, title: m.title, themes: m.themes, version: m.version ?? 1 };
  const movedAt = (at: string, j: number) => valid(parseInstant, at, `${path}.history.${j}.movedAt`);
  if (m.kind === 'plenary') {
    const plenary: PlenaryMeeting = {
      ...common,
      kind: m.kind,
      form: m.form,
      schedule: fixedTime(m, path, valid),
      place: m.place,
      presentations: m.presentations,
      history: (m.history ?? []).map((h, j) => ({ version: h.version, schedule: fixedTime(h, `${path}.history.${j}`, valid), movedAt: movedAt(h.movedAt, j) })),
      cancelled: m.cancelled ?? false,
      generation: m.generation ?? 1,
    };
    return plenary;
  }
  const individual: IndividualMeeting = {
    ...common,
    kind: m.kind,
    form: m.form,
    schedule: slotWindow(m, path, valid),
    history: (m.history ?? []).map((h, j) => ({ version: h.version, schedule: slotWindow(h, `${path}.history.${j}`, valid), movedAt: movedAt(h.movedAt, j) })),
  };
  return individual;
}

function toParticipant(p: DocumentParticipant, id: string): Participant {
  if (p.erased) return { id, role: p.role, contact: p.contact, person: null };
  const person = { name: p.name, email: p.email, phone: p.phone ?? null, entraObjectId: p.entraObjectId ?? null };
  return { id, role: p.role, contact: p.contact, person };
}

function toMunicipality(m: CohortDocument['municipalities'][number], path: string, valid: Valid, newId: NewId): Municipality {
  const r = m.registration;
  return {
    id: newId(),
    name: m.name,
    participants: m.participants.map((p) => toParticipant(p, newId())),
    registration: r
      ? {
          preparatoryDay: valid(parseLocalDate, r.preparatoryDay, `${path}.registration.preparatoryDay`),
          timeOfDay: r.timeOfDay,
          registeredAt: valid(parseInstant, r.registeredAt, `${path}.registration.registeredAt`),
        }
      : null,
  };
}

function duplicateKeys(meetings: readonly DocumentMeeting[]): DomainError[] {
  const seen = new Set<string>();
  return meetings.flatMap((m, i) => {
    const again = seen.has(m.key);
    seen.add(m.key);
    return again ? [duplicate(`meetings.${i}.key`, { da: `Mødenøglen "${m.key}"`, en: `The meeting key "${m.key}"` })] : [];
  });
}

/** A wish made before the preparatory meeting moved names a day it offered then; that wish still stands. */
function registrationProblems(doc: CohortDocument, meetings: readonly Meeting[]): DomainError[] {
  const preparatory = meetings.find((m): m is IndividualMeeting => m.kind === 'preparatory');
  const offered = preparatory ? [preparatory.schedule, ...preparatory.history.map((h) => h.schedule)].flatMap((s) => s.days) : [];
  return doc.municipalities.flatMap((m, i) => {
    const day = m.registration?.preparatoryDay;
    return day === undefined || offered.some((d) => d === day) ? [] : [notOfferedDay(`municipalities.${i}.registration.preparatoryDay`, day, offered)];
  });
}

/**
 * An erased cohort holds no personal data. (A live cohort may hold a participant without it, so
 * any cohort the domain allows exports to a document that imports again.)
 */
function erasureProblems(doc: CohortDocument): DomainError[] {
  if (doc.erasedAt === undefined) return [];
  const people = doc.municipalities.flatMap((m, i) => m.participants.flatMap((p, j) => (p.erased ? [] : [`municipalities.${i}.participants.${j}`])));
  const notes = doc.rsvps.flatMap((r, i) => (r.dietaryNote === undefined ? [] : [`rsvps.${i}.dietaryNote`]));
  const phones = doc.slotBookings.flatMap((b, i) => (b.phone === undefined ? [] : [`slotBookings.${i}.phone`]));
  return [...people, ...notes, ...phones].map(personalDataAfterErase);
}

/** The document as a domain Cohort with new ids, and every problem found in it; stored only when there are none. */
export function fromDocument(doc: CohortDocument, newId: NewId): { cohort: Cohort; problems: DomainError[] } {
  const problems: DomainError[] = [];
  const valid = collector(problems);
  const meetings = doc.meetings.map((m, i) => toMeeting(m, `meetings.${i}`, valid, newId()));
  // The schedule rules compare dates; on a date that does not exist they would report its consequences too.
  const datesValid = problems.length === 0;
  const municipalities = doc.municipalities.map((m, i) => toMunicipality(m, `municipalities.${i}`, valid, newId));
  const cohort: Cohort = {
    id: doc.id ?? newId(),
    name: doc.name,
    edition: doc.edition,
    settings: doc.settings,
    advisors: doc.advisors.map((a) => ({ id: newId(), name: a.name, title: a.title, email: a.email, phone: a.phone ?? null, entraObjectId: a.entraObjectId ?? null })),
    meetings,
    municipalities,
    rsvps: [],
    presentations: [],
    slotBookings: [],
    booking: doc.booking === undefined ? null : { organizer: doc.booking.organizer, bookedAt: valid(parseInstant, doc.booking.bookedAt, 'booking.bookedAt') },
    erasedAt: doc.erasedAt === undefined ? null : valid(parseInstant, doc.erasedAt, 'erasedAt'),
  };
  const references = crossReferences(doc, cohort, valid, newId);
  const complete = { ...cohort, rsvps: references.rsvps, presentations: references.presentations, slotBookings: references.slotBookings };
  problems.push(
    ...duplicateKeys(doc.meetings),
    ...registrationProblems(doc, meetings),
    ...erasureProblems(doc),
    ...references.problems,
    ...cohortProblems(datesValid ? complete : { ...complete, meetings: [] }).map(atDocumentPath),
  );
  return { cohort: complete, problems };
}
