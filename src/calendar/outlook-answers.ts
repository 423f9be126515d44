import type { Cohort, PlenaryMeeting, Rsvp, RsvpAnswer } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import type { Instant } from '../domain/local-time';
import type { PlenaryForm } from '../domain/programme';
import { recordRsvp } from '../domain/rsvp';
import { endOf } from '../domain/schedule-rules';
import type { EventAnswers, EventResponses, OutlookResponse } from './outlook-responses';
import { eventObjectKey } from './plan-events';

/**
 * Outlook's answer in the product's terms: "accepted" is the form's yes (in person, or online for
 * a virtual meeting). Tentative is not one of the product's answers, and "none" or "not responded"
 * says nothing, so neither may override an answer given elsewhere.
 */
export function answerOf(form: PlenaryForm, response: OutlookResponse): RsvpAnswer | 'not_responded' {
  if (response === 'accepted') return form === 'physical' ? 'in_person' : 'online';
  if (response === 'declined') return 'declined';
  return 'not_responded';
}

/** A sent event read back, with the outbox object it was sent as: the object key names meeting and generation. */
export interface MeetingRead {
  meetingId: string;
  objectKey: string;
  event: EventResponses;
}

export interface MergedAnswer {
  meetingKey: string;
  meetingTitle: Texts;
  person: string;
  answer: RsvpAnswer;
  at: Instant;
}

export interface AnswersTally {
  recorded: MergedAnswer[];
  /** Outlook's answer is older than one given since, in chat, the tab or a link. */
  keptNewer: number;
  /** Read before and recorded then. */
  alreadyKnown: number;
  /** Attendees in Outlook who are neither participants nor advisors, each address once. */
  unknownAddresses: number;
  /** Answers to the meeting's earlier time: given before it moved, or read before Outlook had the move. */
  forEarlierTime: number;
  /** Events deleted in Outlook. */
  goneEvents: number;
}

const emptyTally = (): AnswersTally => ({ recorded: [], keptNewer: 0, alreadyKnown: 0, unknownAddresses: 0, forEarlierTime: 0, goneEvents: 0 });
const normal = (address: string) => address.trim().toLowerCase();

/**
 * Whether the event shows the meeting's current time. Until the outbox's PATCH reaches Outlook it
 * shows the old one, and whoever answers then answers for that.
 */
function atCurrentTime(event: EventAnswers, meeting: PlenaryMeeting): boolean {
  return event.start === meeting.schedule.start && event.end === endOf(meeting.schedule);
}

/** The meeting a read belongs to, when it still books that meeting as it is now (not cancelled, not booked again since). */
function bookedMeeting(cohort: Cohort, read: MeetingRead): PlenaryMeeting | null {
  const meeting = cohort.meetings.find((m) => m.id === read.meetingId);
  if (meeting?.kind !== 'plenary' || meeting.cancelled) return null;
  return eventObjectKey(cohort, meeting, meeting.generation) === read.objectKey ? meeting : null;
}

/**
 * Merges what Outlook says into the cohort's RSVPs by the product's rules: the newest explicit
 * answer wins, and only an answer given for the meeting's current time counts for it (Outlook
 * resets its answers on a move, but a read may come before the reset). An accept keeps the dietary
 * note given elsewhere: Outlook has none, and the catering list must not lose it.
 *
 * Pure and given the cohort as it is in the transaction, so a cohort changed since the reads were
 * made (a move, a cancellation, an erasure) is judged as it is now.
 */
export function mergeOutlookAnswers(cohort: Cohort, reads: readonly MeetingRead[]): { cohort: Cohort; tally: AnswersTally } {
  const tally = emptyTally();
  if (cohort.erasedAt) return { cohort, tally };
  const advisors = new Set(cohort.advisors.map((a) => normal(a.email)));
  const people = new Map(
    cohort.municipalities.flatMap((m) => m.participants.flatMap((p) => (p.person ? [[normal(p.person.email), { id: p.id, name: p.person.name }] as const] : []))),
  );
  const unknown = new Set<string>();
  let merged = cohort;
  for (const read of reads) {
    const meeting = bookedMeeting(merged, read);
    if (meeting === null) continue;
    if (read.event.gone) {
      tally.goneEvents += 1;
      continue;
    }
    if (read.event.cancelled) continue;
    const current = atCurrentTime(read.event, meeting);
    const movedAt = meeting.history.at(-1)?.movedAt ?? null;
    for (const attendee of read.event.attendees) {
      const address = normal(attendee.address);
      if (advisors.has(address)) continue;
      const person = people.get(address);
      if (!person) {
        unknown.add(address);
        continue;
      }
      const answer = answerOf(meeting.form, attendee.response);
      if (answer === 'not_responded' || attendee.at === null) continue;
      if (!current || (movedAt !== null && attendee.at <= movedAt)) {
        tally.forEarlierTime += 1;
        continue;
      }
      const given = merged.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === person.id);
      if (given && sameAnswer(given, answer, attendee.at, meeting)) {
        tally.alreadyKnown += 1;
        continue;
      }
      const dietaryNote = answer !== 'declined' && meeting.form === 'physical' ? (given?.dietaryNote ?? null) : null;
      const result = recordRsvp(merged, { meetingId: meeting.id, participantId: person.id, answer, dietaryNote, at: attendee.at, source: 'outlook' });
      merged = result.cohort;
      if (result.outcome === 'kept_newer') tally.keptNewer += 1;
      else if (result.outcome === 'recorded') tally.recorded.push({ meetingKey: meeting.key, meetingTitle: meeting.title, person: person.name, answer, at: attendee.at });
    }
  }
  tally.unknownAddresses = unknown.size;
  return { cohort: merged, tally };
}

/** Outlook keeps an answer until it changes: read again each round, it must not count, or save, again. */
function sameAnswer(given: Rsvp, answer: RsvpAnswer, at: Instant, meeting: PlenaryMeeting): boolean {
  return given.answer === answer && given.answeredAt === at && given.forStart === meeting.schedule.start;
}
