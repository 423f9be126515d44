import type { Cohort, PlenaryMeeting, Rsvp, RsvpAnswer, RsvpSource } from './cohort';
import { erased, findPlenary } from './cohort-rules';
import { DomainError } from './errors';
import type { Instant } from './local-time';
import type { PlenaryForm } from './programme';

export const DIETARY_NOTE_MAX = 500;

/** The answers a meeting offers follow its form: "Jeg kommer" or "Jeg deltager online", and "Jeg kommer ikke". */
export function answerOptions(form: PlenaryForm): readonly RsvpAnswer[] {
  return form === 'physical' ? ['in_person', 'declined'] : ['online', 'declined'];
}

/** An incoming response; Outlook's "not responded" is a response that says nothing. */
export interface IncomingRsvp {
  meetingId: string;
  participantId: string;
  answer: RsvpAnswer | 'not_responded';
  dietaryNote: string | null;
  at: Instant;
  source: RsvpSource;
}

/** `unchanged`: the same answer again from the same place (Teams repeats an invoke it got no quick answer to). */
export type RsvpOutcome = 'recorded' | 'unchanged' | 'kept_newer' | 'nothing_to_record';

function plenary(cohort: Cohort, meetingId: string): PlenaryMeeting {
  return findPlenary(cohort, meetingId, { da: 'Individuelle møder bookes; de besvares ikke med tilmelding.', en: 'Individual meetings are booked, not answered.' });
}

function assertParticipant(cohort: Cohort, participantId: string): void {
  const known = cohort.municipalities.some((m) => m.participants.some((p) => p.id === participantId && p.person));
  if (!known) throw new DomainError('unknown_participant', { da: 'Deltageren findes ikke i gruppeforløbet.', en: 'No such participant in the cohort.' });
}

function validNote(meeting: PlenaryMeeting, note: string | null): string | null {
  const trimmed = note?.trim() || null;
  if (trimmed === null) return null;
  if (meeting.form !== 'physical') {
    throw new DomainError('dietary_note_not_offered', {
      da: 'Der er ingen forplejning ved virtuelle møder.',
      en: 'Virtual meetings have no catering.',
    });
  }
  if (trimmed.length > DIETARY_NOTE_MAX) {
    throw new DomainError('text_too_long', {
      da: `Bemærkningen om kost må højst være ${DIETARY_NOTE_MAX} tegn.`,
      en: `The dietary note may be at most ${DIETARY_NOTE_MAX} characters.`,
    });
  }
  return trimmed;
}

/**
 * The newest explicit answer wins, whichever channel it came from; an older one arriving late
 * (Outlook's notifications lag) and Outlook's "not responded" leave the answer as it is.
 */
export function recordRsvp(cohort: Cohort, incoming: IncomingRsvp): { cohort: Cohort; outcome: RsvpOutcome } {
  if (cohort.erasedAt) throw erased();
  const meeting = plenary(cohort, incoming.meetingId);
  if (meeting.cancelled) {
    throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  }
  assertParticipant(cohort, incoming.participantId);
  if (incoming.answer === 'not_responded') return { cohort, outcome: 'nothing_to_record' };
  if (!answerOptions(meeting.form).includes(incoming.answer)) {
    throw new DomainError('answer_not_offered', {
      da: 'Det svar passer ikke til mødets form (fysisk eller online).',
      en: "That answer does not fit the meeting's form (in person or online).",
    });
  }
  const dietaryNote = incoming.answer === 'declined' ? null : validNote(meeting, incoming.dietaryNote);
  const same = (r: Rsvp) => r.meetingId === incoming.meetingId && r.participantId === incoming.participantId;
  const current = cohort.rsvps.find(same);
  if (current && current.answeredAt > incoming.at) return { cohort, outcome: 'kept_newer' };
  const repeated = current && current.answer === incoming.answer && current.dietaryNote === dietaryNote && current.source === incoming.source;
  if (repeated && isForCurrentDate(current, meeting)) {
    return { cohort, outcome: 'unchanged' };
  }
  const rsvp: Rsvp = {
    meetingId: meeting.id,
    participantId: incoming.participantId,
    answer: incoming.answer,
    dietaryNote,
    forStart: meeting.schedule.start,
    answeredAt: incoming.at,
    source: incoming.source,
  };
  // A new answer takes the old one's place: the answers' order means nothing, and the store then
  // writes this one row rather than every answer after it.
  const rsvps = current ? cohort.rsvps.map((r) => (r === current ? rsvp : r)) : [...cohort.rsvps, rsvp];
  return { cohort: { ...cohort, rsvps }, outcome: 'recorded' };
}

/** An answer given before the meeting moved is kept, but it answered another date. */
export function isForCurrentDate(rsvp: Rsvp, meeting: PlenaryMeeting): boolean {
  return rsvp.forStart === meeting.schedule.start;
}

export interface Attendance {
  inPerson: number;
  online: number;
  declined: number;
  /** Participants whose latest answer was for an earlier date: they must be asked again. */
  answeredForEarlierDate: number;
  notAnswered: number;
}

/** Counts only answers for the meeting's current date; everyone else is still to be heard from. */
export function attendance(cohort: Cohort, meetingId: string): Attendance {
  const meeting = plenary(cohort, meetingId);
  const counts: Attendance = { inPerson: 0, online: 0, declined: 0, answeredForEarlierDate: 0, notAnswered: 0 };
  const answers = new Map(cohort.rsvps.filter((r) => r.meetingId === meetingId).map((r) => [r.participantId, r]));
  for (const participant of cohort.municipalities.flatMap((m) => m.participants)) {
    const rsvp = answers.get(participant.id);
    if (!rsvp) counts.notAnswered += 1;
    else if (!isForCurrentDate(rsvp, meeting)) counts.answeredForEarlierDate += 1;
    else if (rsvp.answer === 'in_person') counts.inPerson += 1;
    else if (rsvp.answer === 'online') counts.online += 1;
    else counts.declined += 1;
  }
  return counts;
}
