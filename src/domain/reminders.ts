import { cateringDeadline } from './catering';
import type { Cohort, IndividualMeeting, Meeting, PlenaryMeeting } from './cohort';
import { addDays, dateOf, daysBetween, localDateTime, parseLocalTime, toLocal, type LocalDateTime } from './local-time';
import { isForCurrentDate } from './rsvp';

/**
 * What the bot reminds people of:
 * - `presentation`: prepare the municipality's presentation, some days before the meeting;
 * - `rsvp`: answer whether you come, before the catering deadline (virtual: before the meeting);
 * - `moved`: the meeting moved, can you still come;
 * - `headcount`: the final head-count with dietary notes, to the advisors at the catering deadline;
 * - `practical`: address and start time, the day before a physical meeting;
 * - `booking`: pick your municipality's slot for an individual meeting, to its leaders, until booked.
 */
export const REMINDER_KINDS = ['presentation', 'rsvp', 'moved', 'headcount', 'practical', 'booking'] as const;
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

/**
 * Once per date and event of the meeting: a move (a new entry in its history) or a new event (booked
 * again, or a new form) asks again, while an edit of place or themes, which bumps the version too,
 * does not remind anyone a second time (the updated invitation tells them).
 */
function key(label: string, meeting: Meeting, recipientId: string): string {
  const event = meeting.kind === 'plenary' ? `g${meeting.generation}` : '';
  return `${label}:${meeting.id}:${event}d${meeting.history.length}:${recipientId}`;
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

/** The leader contacts of every municipality that has not booked the individual meeting. */
function unbookedLeaders(cohort: Cohort, meeting: IndividualMeeting): Recipient[] {
  return cohort.municipalities
    .filter((m) => !cohort.slotBookings.some((b) => b.meetingId === meeting.id && b.municipalityId === m.id && !b.cancelled))
    .flatMap((m) => m.participants.filter((p) => p.contact && p.person !== null).map((p): Recipient => ({ role: 'participant', participantId: p.id, municipalityId: m.id })));
}

/** Who a reminder of each kind is for, whenever it goes out. */
function recipients(cohort: Cohort, meeting: PlenaryMeeting | IndividualMeeting, kind: ReminderKind): Recipient[] {
  if (meeting.kind !== 'plenary') return kind === 'booking' ? unbookedLeaders(cohort, meeting) : [];
  const toParticipants = (who: (p: { participantId: string; municipalityId: string }) => boolean): Recipient[] =>
    participants(cohort).filter(who).map((p) => ({ role: 'participant', ...p }));
  switch (kind) {
    case 'presentation': {
      if (!meeting.presentations) return [];
      const ready = new Set(cohort.presentations.filter((p) => p.meetingId === meeting.id && p.status === 'ready').map((p) => p.municipalityId));
      return toParticipants((p) => !ready.has(p.municipalityId));
    }
    case 'rsvp':
    case 'moved':
      return toParticipants((p) => answerFor(cohort, meeting, p.participantId) === null);
    case 'practical':
      return meeting.form === 'physical' ? toParticipants((p) => answerFor(cohort, meeting, p.participantId) !== 'declined') : [];
    case 'headcount':
      return cateringDeadline(cohort, meeting) === null ? [] : cohort.advisors.map((a) => ({ role: 'advisor', advisorId: a.id }));
    case 'booking':
      return [];
  }
}

const idOf = (recipient: Recipient) => (recipient.role === 'advisor' ? recipient.advisorId : recipient.participantId);

function remindersOf(cohort: Cohort, meeting: PlenaryMeeting | IndividualMeeting, kind: ReminderKind, label: string, daysBefore: number): Reminder[] {
  return recipients(cohort, meeting, kind).map((recipient) => ({
    key: key(label, meeting, idOf(recipient)),
    kind,
    cohortId: cohort.id,
    meetingId: meeting.id,
    meetingVersion: meeting.version,
    recipient,
    daysBefore,
  }));
}

/**
 * When each kind is due, and until when it still helps. Of the presentation reminder's lead days
 * already reached only the nearest counts: a server that was down on day 14 sends the 3-day
 * reminder, not both at once.
 */
function dueOf(cohort: Cohort, meeting: PlenaryMeeting, kind: ReminderKind, now: LocalDateTime): Reminder[] {
  const until = meeting.schedule.start;
  switch (kind) {
    case 'presentation': {
      const reached = cohort.settings.presentationReminderDays.filter((d) => within(now, { from: daysBefore(meeting, d), until }));
      if (reached.length === 0) return [];
      const days = Math.min(...reached);
      return remindersOf(cohort, meeting, kind, `presentation-${days}`, days);
    }
    case 'rsvp': {
      const deadline = cateringDeadline(cohort, meeting) ?? until;
      const from = localDateTime(addDays(dateOf(deadline), -cohort.settings.rsvpReminderDays), MORNING);
      return within(now, { from, until: deadline }) ? remindersOf(cohort, meeting, kind, kind, 0) : [];
    }
    case 'moved': {
      // Asked again after each move: the answers given for the old date no longer count.
      const move = meeting.history.at(-1);
      return move !== undefined && within(now, { from: toLocal(move.movedAt), until }) ? remindersOf(cohort, meeting, kind, kind, 0) : [];
    }
    case 'headcount': {
      const deadline = cateringDeadline(cohort, meeting);
      return deadline !== null && within(now, { from: deadline, until }) ? remindersOf(cohort, meeting, kind, kind, 0) : [];
    }
    case 'practical':
      return within(now, { from: daysBefore(meeting, 1, NOON), until }) ? remindersOf(cohort, meeting, kind, kind, 0) : [];
    case 'booking':
      return [];
  }
}

/** Days before an individual meeting's first offered day when its leaders are asked to book, nearest first counting. */
export const BOOKING_REMINDER_DAYS = [14, 7] as const;

/**
 * Until a municipality has booked, its leaders are reminded 14 and 7 days before the first offered
 * day (as with presentations, only the nearest lead reached counts), while a slot can still be had.
 */
function bookingReminders(cohort: Cohort, meeting: IndividualMeeting, now: LocalDateTime): Reminder[] {
  const first = meeting.schedule.days[0];
  const last = meeting.schedule.days.at(-1);
  if (first === undefined || last === undefined) return [];
  const until = localDateTime(last, meeting.schedule.to);
  const reached = BOOKING_REMINDER_DAYS.filter((d) => within(now, { from: localDateTime(addDays(first, -d), MORNING), until }));
  if (reached.length === 0) return [];
  const days = Math.min(...reached);
  return remindersOf(cohort, meeting, 'booking', `booking-${days}`, days);
}

function active(cohort: Cohort): PlenaryMeeting[] {
  if (cohort.erasedAt !== null || cohort.booking === null) return [];
  return cohort.meetings.filter((m): m is PlenaryMeeting => m.kind === 'plenary' && !m.cancelled);
}

function individual(cohort: Cohort): IndividualMeeting[] {
  if (cohort.erasedAt !== null || cohort.booking === null) return [];
  return cohort.meetings.filter((m): m is IndividualMeeting => m.kind !== 'plenary');
}

/**
 * Every reminder due at `now` and still worth sending. Derived from the cohort alone, so a restart
 * loses none; the caller sends each key once. Nothing is due before the series is booked (the dates
 * are not yet in anyone's calendar), for a called-off meeting, or once the personal data is erased.
 */
export function dueReminders(cohort: Cohort, now: LocalDateTime): Reminder[] {
  return [
    ...active(cohort).flatMap((meeting) => REMINDER_KINDS.flatMap((kind) => dueOf(cohort, meeting, kind, now))),
    ...individual(cohort).flatMap((meeting) => bookingReminders(cohort, meeting, now)),
  ];
}

/**
 * The kinds of reminder that can concern a meeting at all: what an advisor may send about it now.
 * "The meeting has moved" only of a meeting that has; practical information and the head-count
 * only of one people come to.
 */
export function reminderKindsOf(meeting: Meeting): ReminderKind[] {
  if (meeting.kind !== 'plenary') return ['booking'];
  return [
    ...(meeting.presentations ? (['presentation'] as const) : []),
    'rsvp',
    ...(meeting.history.length > 0 ? (['moved'] as const) : []),
    ...(meeting.form === 'physical' ? (['practical', 'headcount'] as const) : []),
  ];
}

/**
 * An advisor's "send it now", ahead of time, to whom the reminder is for today (those who have not
 * answered, the municipalities not ready): at most one a day per kind, meeting and person.
 */
export function remindersNow(cohort: Cohort, meetingId: string, kind: ReminderKind, now: LocalDateTime): Reminder[] {
  const slots = individual(cohort).find((m) => m.id === meetingId);
  if (slots !== undefined) {
    const last = slots.schedule.days.at(-1);
    const open = last !== undefined && now < localDateTime(last, slots.schedule.to);
    return kind === 'booking' && open ? remindersOf(cohort, slots, kind, `${kind}-now-${dateOf(now)}`, 0) : [];
  }
  const meeting = active(cohort).find((m) => m.id === meetingId);
  if (meeting === undefined || now >= meeting.schedule.start || !reminderKindsOf(meeting).includes(kind)) return [];
  return remindersOf(cohort, meeting, kind, `${kind}-now-${dateOf(now)}`, kind === 'presentation' ? daysBetween(dateOf(now), dateOf(meeting.schedule.start)) : 0);
}
