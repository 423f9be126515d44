import { cateringDeadline } from './catering';
import type { Cohort, PlenaryMeeting } from './cohort';
import { addDays, dateOf, localDateTime, parseLocalTime, toLocal, type LocalDateTime } from './local-time';
import { isForCurrentDate } from './rsvp';

/**
 * What the bot reminds people of:
 * - `presentation`: prepare the municipality's presentation, some days before the meeting;
 * - `rsvp`: answer whether you come, before the catering deadline (virtual: before the meeting);
 * - `moved`: the meeting moved, can you still come;
 * - `headcount`: the final head-count with dietary notes, to the advisors at the catering deadline;
 * - `practical`: address and start time, the day before a physical meeting.
 */
export const REMINDER_KINDS = ['presentation', 'rsvp', 'moved', 'headcount', 'practical'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export type Recipient = { role: 'participant'; participantId: string; municipalityId: string } | { role: 'advisor'; advisorId: string };

export interface Reminder {
  /** Kind, meeting, meeting version and recipient: the same reminder is never sent twice. */
  key: string;
  kind: ReminderKind;
  cohortId: string;
  meetingId: string;
  meetingVersion: number;
  recipient: Recipient;
  /** For a presentation reminder, how many days before the meeting it is; 0 otherwise. */
  daysBefore: number;
}

/** Reminders arrive in the morning of their day, not at midnight. */
const MORNING = parseLocalTime('09:00');
const NOON = parseLocalTime('12:00');

/** A window in which a reminder is worth sending: from when it is due until it no longer helps. */
interface Window {
  from: LocalDateTime;
  until: LocalDateTime;
}

const within = (now: LocalDateTime, window: Window) => window.from <= now && now < window.until;

function daysBefore(meeting: PlenaryMeeting, days: number, at = MORNING): LocalDateTime {
  return localDateTime(addDays(dateOf(meeting.schedule.start), -days), at);
}

function key(kind: string, meeting: PlenaryMeeting, recipientId: string): string {
  return `${kind}:${meeting.id}:v${meeting.version}:${recipientId}`;
}

function participants(cohort: Cohort) {
  return cohort.municipalities.flatMap((m) =>
    m.participants.filter((p) => p.person !== null).map((p) => ({ participantId: p.id, municipalityId: m.id })),
  );
}

function answerFor(cohort: Cohort, meeting: PlenaryMeeting, participantId: string) {
  const rsvp = cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === participantId);
  return rsvp && isForCurrentDate(rsvp, meeting) ? rsvp.answer : null;
}

/**
 * Of the configured lead days already reached, only the nearest counts: a server that was down on
 * day 14 sends the 3-day reminder, not both at once.
 */
function presentationReminders(cohort: Cohort, meeting: PlenaryMeeting, now: LocalDateTime): Reminder[] {
  if (!meeting.presentations) return [];
  const reached = cohort.settings.presentationReminderDays.filter((d) => within(now, { from: daysBefore(meeting, d), until: meeting.schedule.start }));
  if (reached.length === 0) return [];
  const days = Math.min(...reached);
  const ready = new Set(cohort.presentations.filter((p) => p.meetingId === meeting.id && p.status === 'ready').map((p) => p.municipalityId));
  return participants(cohort)
    .filter((p) => !ready.has(p.municipalityId))
    .map((p) => ({
      key: key(`presentation-${days}`, meeting, p.participantId),
      kind: 'presentation',
      cohortId: cohort.id,
      meetingId: meeting.id,
      meetingVersion: meeting.version,
      recipient: { role: 'participant', ...p },
      daysBefore: days,
    }));
}

function toParticipants(cohort: Cohort, meeting: PlenaryMeeting, kind: ReminderKind, who: (participantId: string) => boolean): Reminder[] {
  return participants(cohort)
    .filter((p) => who(p.participantId))
    .map((p) => ({
      key: key(kind, meeting, p.participantId),
      kind,
      cohortId: cohort.id,
      meetingId: meeting.id,
      meetingVersion: meeting.version,
      recipient: { role: 'participant', ...p },
      daysBefore: 0,
    }));
}

function rsvpReminders(cohort: Cohort, meeting: PlenaryMeeting, now: LocalDateTime): Reminder[] {
  const until = cateringDeadline(cohort, meeting) ?? meeting.schedule.start;
  const from = localDateTime(addDays(dateOf(until), -cohort.settings.rsvpReminderDays), MORNING);
  if (!within(now, { from, until })) return [];
  return toParticipants(cohort, meeting, 'rsvp', (id) => answerFor(cohort, meeting, id) === null);
}

/** Asked again after each move: the answers given for the old date no longer count. */
function movedReminders(cohort: Cohort, meeting: PlenaryMeeting, now: LocalDateTime): Reminder[] {
  const move = meeting.history.at(-1);
  if (move === undefined || !within(now, { from: toLocal(move.movedAt), until: meeting.schedule.start })) return [];
  return toParticipants(cohort, meeting, 'moved', (id) => answerFor(cohort, meeting, id) === null);
}

function headcountReminders(cohort: Cohort, meeting: PlenaryMeeting, now: LocalDateTime): Reminder[] {
  const deadline = cateringDeadline(cohort, meeting);
  if (deadline === null || !within(now, { from: deadline, until: meeting.schedule.start })) return [];
  return cohort.advisors.map((a) => ({
    key: key('headcount', meeting, a.id),
    kind: 'headcount',
    cohortId: cohort.id,
    meetingId: meeting.id,
    meetingVersion: meeting.version,
    recipient: { role: 'advisor', advisorId: a.id },
    daysBefore: 0,
  }));
}

function practicalReminders(cohort: Cohort, meeting: PlenaryMeeting, now: LocalDateTime): Reminder[] {
  if (meeting.form !== 'physical' || !within(now, { from: daysBefore(meeting, 1, NOON), until: meeting.schedule.start })) return [];
  return toParticipants(cohort, meeting, 'practical', (id) => answerFor(cohort, meeting, id) !== 'declined');
}

/**
 * Every reminder due at `now` and still worth sending. Derived from the cohort alone, so a restart
 * loses none; the caller sends each key once. Nothing is due before the series is booked (the dates
 * are not yet in anyone's calendar), for a called-off meeting, or once the personal data is erased.
 */
export function dueReminders(cohort: Cohort, now: LocalDateTime): Reminder[] {
  if (cohort.erasedAt !== null || cohort.booking === null) return [];
  return cohort.meetings.flatMap((meeting) => {
    if (meeting.kind !== 'plenary' || meeting.cancelled) return [];
    return [
      ...presentationReminders(cohort, meeting, now),
      ...rsvpReminders(cohort, meeting, now),
      ...movedReminders(cohort, meeting, now),
      ...headcountReminders(cohort, meeting, now),
      ...practicalReminders(cohort, meeting, now),
    ];
  });
}
