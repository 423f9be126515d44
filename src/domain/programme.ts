import type { Texts } from './errors';
import type { Instant, LocalDate, LocalDateTime, LocalTime } from './local-time';

/**
 * The programme's meetings. A plenary gathers the whole cohort at one fixed time; an individual
 * meeting is held once per municipality in a slot picked from offered days.
 */
export type IndividualKind = 'preparatory' | 'followup';
export type MeetingKind = 'plenary' | IndividualKind;

/** Physical meetings are at the agency in Odense, with catering; virtual ones are Teams meetings. */
export type PlenaryForm = 'physical' | 'virtual';
export type IndividualForm = 'virtual' | 'phone';
export type MeetingForm = PlenaryForm | IndividualForm;

export interface FixedTime {
  start: LocalDateTime;
  durationMinutes: number;
}

/** Where an individual meeting may be booked: these days, between `from` and `to`, slots of `slotMinutes`. */
export interface SlotWindow {
  days: LocalDate[];
  from: LocalTime;
  to: LocalTime;
  slotMinutes: number;
}

/** What a meeting's time was before a move ("ny dato"), so answers and invitations can be traced to it. */
export interface EarlierTime<S> {
  version: number;
  schedule: S;
  movedAt: Instant;
}

interface MeetingCommon {
  /** Stable within a cohort; invitations and answers refer to it across moves. */
  key: string;
  title: Texts;
  themes: string[];
}

export interface PlenaryTemplate extends MeetingCommon {
  kind: 'plenary';
  form: PlenaryForm;
  schedule: FixedTime;
  /** Empty for virtual meetings: the Teams link is the place. */
  place: string;
  /** Whether each municipality gives a short presentation (kort oplæg) at this meeting. */
  presentations: boolean;
}

export interface IndividualTemplate extends MeetingCommon {
  kind: IndividualKind;
  form: IndividualForm;
  schedule: SlotWindow;
}

export type MeetingTemplate = PlenaryTemplate | IndividualTemplate;

export interface ProgrammeTemplate {
  edition: string;
  title: Texts;
  meetings: MeetingTemplate[];
}

export function isPlenary<M extends { kind: MeetingKind }>(m: M): m is Extract<M, { kind: 'plenary' }> {
  return m.kind === 'plenary';
}
