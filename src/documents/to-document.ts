import type { Advisor, Cohort, Meeting, Participant, Presentation, Rsvp, SlotBooking } from '../domain/cohort';
import type { EarlierTime } from '../domain/programme';
import { COHORT_DOCUMENT_FORMAT, type CohortDocument, type DocumentMeeting, type DocumentParticipant, type ParticipantRef } from './document-schema';

/**
 * Leaves out fields with no value (null becomes undefined first), so an exported document reads like one a person wrote and
 * importing it and exporting again gives back the same document.
 */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const earlier = <S extends object>(h: EarlierTime<S>) => ({ version: h.version, ...h.schedule, movedAt: h.movedAt });

/** A meeting never moved has version 1 and no history; the document then says neither. */
function moves<S extends object>(m: { version: number; history: EarlierTime<S>[] }) {
  return m.version === 1 && m.history.length === 0 ? {} : { version: m.version, history: m.history.map(earlier) };
}

function meeting(m: Meeting): DocumentMeeting {
  const head = { key: m.key, kind: m.kind, form: m.form, title: m.title, themes: m.themes };
  // Spelling out kind and form again narrows their types; the keys keep their place from `head`.
  if (m.kind === 'plenary') {
    const booking = compact({ cancelled: m.cancelled || undefined, generation: m.generation === 1 ? undefined : m.generation });
    return { ...head, kind: m.kind, form: m.form, ...m.schedule, place: m.place, presentations: m.presentations, ...booking, ...moves(m) };
  }
  return { ...head, kind: m.kind, form: m.form, ...m.schedule, ...moves(m) };
}

function advisor(a: Advisor) {
  return compact({ name: a.name, title: a.title, phone: a.phone ?? undefined, email: a.email, entraObjectId: a.entraObjectId ?? undefined });
}

function participant(p: Participant): DocumentParticipant {
  if (!p.person) return { erased: true, role: p.role, contact: p.contact };
  const { name, email, phone, entraObjectId } = p.person;
  return compact({ name, email, phone: phone ?? undefined, role: p.role, contact: p.contact, entraObjectId: entraObjectId ?? undefined });
}

/** How the document names each participant: by address, or by place in the list once erased. */
function participantRefs(cohort: Cohort): Map<string, ParticipantRef> {
  return new Map(
    cohort.municipalities.flatMap((m) =>
      m.participants.map((p, j): [string, ParticipantRef] => [p.id, p.person ? p.person.email : { municipality: m.name, position: j + 1 }]),
    ),
  );
}

function rsvp(r: Rsvp, cohort: Cohort, refs: Map<string, ParticipantRef>) {
  const m = cohort.meetings.find((x) => x.id === r.meetingId)!;
  return compact({
    meeting: m.key,
    participant: refs.get(r.participantId)!,
    answer: r.answer,
    dietaryNote: r.dietaryNote ?? undefined,
    forStart: m.kind === 'plenary' && r.forStart === m.schedule.start ? undefined : r.forStart,
    answeredAt: r.answeredAt,
    source: r.source === 'import' ? undefined : r.source,
  });
}

function presentation(p: Presentation, cohort: Cohort) {
  return compact({
    meeting: cohort.meetings.find((m) => m.id === p.meetingId)!.key,
    municipality: cohort.municipalities.find((m) => m.id === p.municipalityId)!.name,
    status: p.status,
    link: p.link ?? undefined,
    updatedAt: p.updatedAt ?? undefined,
  });
}

/** Who booked, by the booker's address (participant or advisor) or, once erased, place; nobody if they have left the cohort. */
function slotBooking(b: SlotBooking, cohort: Cohort, bookers: Map<string, ParticipantRef>) {
  return compact({
    meeting: cohort.meetings.find((m) => m.id === b.meetingId)!.key,
    municipality: cohort.municipalities.find((m) => m.id === b.municipalityId)!.name,
    start: b.start,
    phone: b.phone ?? undefined,
    bookedBy: bookers.get(b.bookedBy),
    bookedAt: b.bookedAt,
    version: b.version === 1 ? undefined : b.version,
    generation: b.generation === 1 ? undefined : b.generation,
    cancelled: b.cancelled || undefined,
  });
}

export interface DocumentOptions {
  /** Where the JSON Schema is, relative to the written file; left out when not given. */
  schema?: string;
}

/** The cohort as its document: what `readCohortDocument` reads back into the same cohort, with new ids. */
export function toDocument(cohort: Cohort, options: DocumentOptions = {}): CohortDocument {
  const refs = participantRefs(cohort);
  const bookers = new Map([...refs, ...cohort.advisors.map((a): [string, ParticipantRef] => [a.id, a.email])]);
  return compact({
    $schema: options.schema,
    format: COHORT_DOCUMENT_FORMAT,
    id: cohort.id,
    name: cohort.name,
    edition: cohort.edition,
    erasedAt: cohort.erasedAt ?? undefined,
    booking: cohort.booking ?? undefined,
    settings: { ...cohort.settings, presentationReminderDays: [...cohort.settings.presentationReminderDays] },
    advisors: cohort.advisors.map(advisor),
    meetings: cohort.meetings.map(meeting),
    municipalities: cohort.municipalities.map((m) =>
      compact({
        name: m.name,
        registration: m.registration ? { preparatoryDay: m.registration.preparatoryDay, timeOfDay: m.registration.timeOfDay, registeredAt: m.registration.registeredAt } : undefined,
        participants: m.participants.map(participant),
      }),
    ),
    rsvps: cohort.rsvps.map((r) => rsvp(r, cohort, refs)),
    presentations: cohort.presentations.map((p) => presentation(p, cohort)),
    slotBookings: cohort.slotBookings.map((b) => slotBooking(b, cohort, bookers)),
  });
}
