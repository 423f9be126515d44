import {
  DEFAULT_SETTINGS,
  PARTICIPANT_ROLES,
  PRESENTATION_STATUSES,
  RSVP_ANSWERS,
  RSVP_SOURCES,
  TIMES_OF_DAY,
  type Advisor,
  type Cohort,
  type Booking,
  type CohortSettings,
  type Meeting,
  type Municipality,
  type Participant,
  type Presentation,
  type Rsvp,
  type SlotBooking,
} from '../domain/cohort';
import type { Texts } from '../domain/errors';
import type { Instant, LocalDate, LocalDateTime } from '../domain/local-time';
import type { EarlierTime, FixedTime, SlotWindow } from '../domain/programme';
import type { CohortSummary } from './cohort-store';
import type {
  AdvisorsTable,
  CohortsTable,
  MeetingsTable,
  MunicipalitiesTable,
  ParticipantsTable,
  PresentationsTable,
  RegistrationsTable,
  RsvpsTable,
  SlotBookingsTable,
} from './schema';

/** One cohort as rows, each list in its saved order, keyed by table name. */
export interface CohortRows {
  cohort: Omit<CohortsTable, 'revision' | 'created_at'>;
  advisors: AdvisorsTable[];
  meetings: MeetingsTable[];
  municipalities: MunicipalitiesTable[];
  participants: ParticipantsTable[];
  registrations: RegistrationsTable[];
  rsvps: RsvpsTable[];
  presentations: PresentationsTable[];
  slot_bookings: SlotBookingsTable[];
}

/** The same normalisation the domain rules use, so the database collides exactly where they do. */
export const normalKey = (value: string): string => value.trim().toLowerCase();

const flag = (value: boolean): number => (value ? 1 : 0);

export function toRows(cohort: Cohort): CohortRows {
  const cohortId = cohort.id;
  return {
    cohort: {
      id: cohortId,
      name: cohort.name,
      edition: cohort.edition,
      settings: JSON.stringify(cohort.settings),
      booking: cohort.booking === null ? null : JSON.stringify(cohort.booking),
      erased_at: cohort.erasedAt,
    },
    advisors: cohort.advisors.map((a, position) => ({
      cohort_id: cohortId,
      id: a.id,
      position,
      name: a.name,
      title: a.title,
      email: a.email,
      phone: a.phone,
      entra_object_id: a.entraObjectId,
    })),
    meetings: cohort.meetings.map((m, position) => meetingRow(cohortId, m, position)),
    municipalities: cohort.municipalities.map((m, position) => ({
      cohort_id: cohortId,
      id: m.id,
      position,
      name: m.name,
      name_key: normalKey(m.name),
    })),
    participants: cohort.municipalities.flatMap((m) => m.participants.map((p, position) => participantRow(cohortId, m.id, p, position))),
    registrations: cohort.municipalities.flatMap((m) =>
      m.registration
        ? [
            {
              cohort_id: cohortId,
              municipality_id: m.id,
              preparatory_day: m.registration.preparatoryDay,
              time_of_day: m.registration.timeOfDay,
              registered_at: m.registration.registeredAt,
            },
          ]
        : [],
    ),
    rsvps: cohort.rsvps.map((r, position) => ({
      cohort_id: cohortId,
      meeting_id: r.meetingId,
      participant_id: r.participantId,
      position,
      answer: r.answer,
      dietary_note: r.dietaryNote,
      for_start: r.forStart,
      answered_at: r.answeredAt,
      source: r.source,
    })),
    presentations: cohort.presentations.map((p, position) => ({
      cohort_id: cohortId,
      meeting_id: p.meetingId,
      municipality_id: p.municipalityId,
      position,
      status: p.status,
      link: p.link,
      updated_at: p.updatedAt,
    })),
    slot_bookings: cohort.slotBookings.map((b, position) => ({
      cohort_id: cohortId,
      meeting_id: b.meetingId,
      municipality_id: b.municipalityId,
      position,
      start: b.start,
      phone: b.phone,
      booked_by: b.bookedBy,
      booked_at: b.bookedAt,
      version: b.version,
      generation: b.generation,
      cancelled: flag(b.cancelled),
    })),
  };
}

function meetingRow(cohortId: string, m: Meeting, position: number): MeetingsTable {
  const plenary = m.kind === 'plenary';
  return {
    cohort_id: cohortId,
    id: m.id,
    position,
    key: m.key,
    kind: m.kind,
    form: m.form,
    title: JSON.stringify(m.title),
    themes: JSON.stringify(m.themes),
    schedule: JSON.stringify(m.schedule),
    place: plenary ? m.place : null,
    presentations: plenary ? flag(m.presentations) : null,
    version: m.version,
    history: JSON.stringify(m.history),
    cancelled: plenary ? flag(m.cancelled) : null,
    generation: plenary ? m.generation : null,
  };
}

function participantRow(cohortId: string, municipalityId: string, p: Participant, position: number): ParticipantsTable {
  return {
    cohort_id: cohortId,
    id: p.id,
    municipality_id: municipalityId,
    position,
    role: p.role,
    contact: flag(p.contact),
    name: p.person?.name ?? null,
    email: p.person?.email ?? null,
    email_key: p.person ? normalKey(p.person.email) : null,
    phone: p.person?.phone ?? null,
    entra_object_id: p.person?.entraObjectId ?? null,
  };
}

/*
 * Reading back: the rows were written by toRows from typed values, so text columns are cast back to
 * their branded types here, in this one place. Enumerations are checked, so a row written by some
 * other hand fails loudly instead of flowing on as a value the domain does not know.
 */

const json = <T>(text: string): T => JSON.parse(text) as T;

function member<T extends string>(allowed: readonly T[], value: string, column: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`Stored ${column} "${value}" is none of ${allowed.join(', ')}`);
  return found;
}

const INDIVIDUAL_KINDS = ['preparatory', 'followup'] as const;
const PLENARY_FORMS = ['physical', 'virtual'] as const;
const INDIVIDUAL_FORMS = ['virtual', 'phone'] as const;

export function fromRows(rows: CohortRows): Cohort {
  return {
    id: rows.cohort.id,
    name: rows.cohort.name,
    edition: rows.cohort.edition,
    // Cohorts saved before a setting existed get its default.
    settings: { ...DEFAULT_SETTINGS, ...json<Partial<CohortSettings>>(rows.cohort.settings) },
    advisors: rows.advisors.map(advisorFrom),
    meetings: rows.meetings.map(meetingFrom),
    municipalities: rows.municipalities.map((m) => municipalityFrom(m, rows)),
    rsvps: rows.rsvps.map(rsvpFrom),
    presentations: rows.presentations.map(presentationFrom),
    slotBookings: rows.slot_bookings.map(slotBookingFrom),
    booking: rows.cohort.booking === null ? null : json<Booking>(rows.cohort.booking),
    erasedAt: rows.cohort.erased_at as Instant | null,
  };
}

function advisorFrom(row: AdvisorsTable): Advisor {
  return { id: row.id, name: row.name, title: row.title, email: row.email, phone: row.phone, entraObjectId: row.entra_object_id };
}

function meetingFrom(row: MeetingsTable): Meeting {
  const common = { id: row.id, key: row.key, title: json<Texts>(row.title), themes: json<string[]>(row.themes), version: row.version };
  if (row.kind === 'plenary') {
    return {
      ...common,
      kind: 'plenary',
      form: member(PLENARY_FORMS, row.form, 'meetings.form'),
      schedule: json<FixedTime>(row.schedule),
      place: row.place ?? '',
      presentations: row.presentations === 1,
      history: json<EarlierTime<FixedTime>[]>(row.history),
      cancelled: row.cancelled === 1,
      generation: row.generation ?? 1,
    };
  }
  return {
    ...common,
    kind: member(INDIVIDUAL_KINDS, row.kind, 'meetings.kind'),
    form: member(INDIVIDUAL_FORMS, row.form, 'meetings.form'),
    schedule: json<SlotWindow>(row.schedule),
    history: json<EarlierTime<SlotWindow>[]>(row.history),
  };
}

function municipalityFrom(row: MunicipalitiesTable, rows: CohortRows): Municipality {
  const registration = rows.registrations.find((r) => r.municipality_id === row.id);
  return {
    id: row.id,
    name: row.name,
    participants: rows.participants.filter((p) => p.municipality_id === row.id).map(participantFrom),
    registration: registration
      ? {
          preparatoryDay: registration.preparatory_day as LocalDate,
          timeOfDay: member(TIMES_OF_DAY, registration.time_of_day, 'registrations.time_of_day'),
          registeredAt: registration.registered_at as Instant,
        }
      : null,
  };
}

function participantFrom(row: ParticipantsTable): Participant {
  return {
    id: row.id,
    role: member(PARTICIPANT_ROLES, row.role, 'participants.role'),
    contact: row.contact === 1,
    person:
      row.name !== null && row.email !== null
        ? { name: row.name, email: row.email, phone: row.phone, entraObjectId: row.entra_object_id }
        : null,
  };
}

function rsvpFrom(row: RsvpsTable): Rsvp {
  return {
    meetingId: row.meeting_id,
    participantId: row.participant_id,
    answer: member(RSVP_ANSWERS, row.answer, 'rsvps.answer'),
    dietaryNote: row.dietary_note,
    forStart: row.for_start as LocalDateTime,
    answeredAt: row.answered_at as Instant,
    source: member(RSVP_SOURCES, row.source, 'rsvps.source'),
  };
}

function presentationFrom(row: PresentationsTable): Presentation {
  return {
    meetingId: row.meeting_id,
    municipalityId: row.municipality_id,
    status: member(PRESENTATION_STATUSES, row.status, 'presentations.status'),
    link: row.link,
    updatedAt: row.updated_at as Instant | null,
  };
}

function slotBookingFrom(row: SlotBookingsTable): SlotBooking {
  return {
    meetingId: row.meeting_id,
    municipalityId: row.municipality_id,
    start: row.start as LocalDateTime,
    phone: row.phone,
    bookedBy: row.booked_by,
    bookedAt: row.booked_at as Instant,
    version: row.version,
    generation: row.generation,
    cancelled: row.cancelled === 1,
  };
}

export function summaryFrom(row: {
  id: string;
  name: string;
  edition: string;
  erased_at: string | null;
  municipalities: string | number | bigint | null;
  participants: string | number | bigint | null;
}): CohortSummary {
  // PostgreSQL returns count(*) as a bigint, which pg hands over as a string.
  return {
    id: row.id,
    name: row.name,
    edition: row.edition,
    municipalities: Number(row.municipalities ?? 0),
    participants: Number(row.participants ?? 0),
    erasedAt: row.erased_at as Instant | null,
  };
}
