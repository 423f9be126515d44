import type { Instant, LocalDate, LocalDateTime } from './local-time';
import type { EarlierTime, FixedTime, IndividualTemplate, PlenaryTemplate, SlotWindow } from './programme';

export interface Person {
  name: string;
  email: string;
  phone: string | null;
  /** Entra ID object id, when the person is a user (member or guest) of the agency's tenant. */
  entraObjectId: string | null;
}

/**
 * What people are greeted by, in chat, in mails and on link pages: the first name only, so a greeting
 * seen by someone else (a forwarded link, a shared screen) tells as little as possible about the person.
 */
export function firstName(name: string | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}

export interface Advisor extends Person {
  id: string;
  title: string;
}

export const PARTICIPANT_ROLES = [
  'line_leader',
  'professional_leader',
  'mact_coordinator',
  'project_leader',
  'consultant',
  'partner',
  'other',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
  id: string;
  role: ParticipantRole;
  /** A leader/tovholder contact of the municipality: may register and book its individual meetings. */
  contact: boolean;
  /** Null once the cohort's personal data has been erased; the row stays so counts still add up. */
  person: Person | null;
}

export const TIMES_OF_DAY = ['morning', 'afternoon', 'any'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** A municipality's wish for its preparatory meeting, stated at registration (tilmelding). */
export interface Registration {
  preparatoryDay: LocalDate;
  timeOfDay: TimeOfDay;
  registeredAt: Instant;
}

export interface Municipality {
  id: string;
  name: string;
  participants: Participant[];
  registration: Registration | null;
}

export interface PlenaryMeeting extends PlenaryTemplate {
  id: string;
  /** Bumped on every change that invitations must follow; the event itself keeps its identity. */
  version: number;
  history: EarlierTime<FixedTime>[];
  /** Called off: its Outlook event is cancelled; answers given are kept. */
  cancelled: boolean;
  /**
   * 1 for the first booking, one more each time a cancelled meeting is booked again: a new
   * booking is a new Outlook event, never a retry of the cancelled one.
   */
  generation: number;
}

export interface IndividualMeeting extends IndividualTemplate {
  id: string;
  version: number;
  history: EarlierTime<SlotWindow>[];
}

export type Meeting = PlenaryMeeting | IndividualMeeting;

export const RSVP_ANSWERS = ['in_person', 'online', 'declined'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
export const RSVP_SOURCES = ['chat', 'tab', 'outlook', 'link', 'import'] as const;
export type RsvpSource = (typeof RSVP_SOURCES)[number];

export interface Rsvp {
  meetingId: string;
  participantId: string;
  answer: RsvpAnswer;
  /** Only for physical meetings; shown in the catering list and nowhere else. */
  dietaryNote: string | null;
  /** The meeting's start when the answer was given: an answer for an earlier date is kept, not counted. */
  forStart: LocalDateTime;
  answeredAt: Instant;
  source: RsvpSource;
}

export const PRESENTATION_STATUSES = ['not_started', 'in_preparation', 'ready'] as const;
export type PresentationStatus = (typeof PRESENTATION_STATUSES)[number];

export interface Presentation {
  meetingId: string;
  municipalityId: string;
  status: PresentationStatus;
  link: string | null;
  /** Null while nobody has reported on it yet. */
  updatedAt: Instant | null;
}

export interface CohortSettings {
  /** Working days before a physical meeting when the catering head-count is final. */
  cateringWorkingDays: number;
  /** Months after the follow-up window when personal data is erased. */
  eraseAfterMonths: number;
  /** Days before a plenary when each municipality is reminded to prepare its presentation. */
  presentationReminderDays: number[];
  /** Days before the catering deadline (or, for a virtual meeting, the meeting) when those who have not answered are asked. */
  rsvpReminderDays: number;
  /** Minutes between two bookable slots of an individual meeting, so the advisor has a break between calls. */
  slotBreakMinutes: number;
}

export const DEFAULT_SETTINGS: CohortSettings = {
  cateringWorkingDays: 5,
  eraseAfterMonths: 6,
  presentationReminderDays: [14, 3],
  rsvpReminderDays: 2,
  slotBreakMinutes: 15,
};

/**
 * A municipality's slot for an individual meeting (the preparatory meeting, the follow-up call),
 * picked by one of its leader contacts or an advisor. One per municipality and meeting: a rebook
 * moves it (a new version, the same Outlook event); a cancel keeps the record, and booking after a
 * cancel is a new generation (a new event).
 */
export interface SlotBooking {
  meetingId: string;
  municipalityId: string;
  start: LocalDateTime;
  /** The number to call for a phone meeting; null for a Teams meeting. */
  phone: string | null;
  /** The participant (leader) or advisor who booked it last. */
  bookedBy: string;
  bookedAt: Instant;
  version: number;
  generation: number;
  cancelled: boolean;
}

/** The meeting series is booked in Outlook from this mailbox; from then on calendars follow every change. */
export interface Booking {
  organizer: string;
  bookedAt: Instant;
}

export interface Cohort {
  id: string;
  name: string;
  edition: string;
  settings: CohortSettings;
  advisors: Advisor[];
  meetings: Meeting[];
  municipalities: Municipality[];
  rsvps: Rsvp[];
  presentations: Presentation[];
  slotBookings: SlotBooking[];
  booking: Booking | null;
  erasedAt: Instant | null;
}

export const MIN_MUNICIPALITIES = 3;
export const MAX_MUNICIPALITIES = 6;
