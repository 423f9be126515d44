import type { Cohort, PlenaryMeeting } from './cohort';
import { danishHolidays } from './danish-holidays';
import { isForCurrentDate } from './rsvp';
import { addDays, dateOf, localDateTime, parseLocalTime, weekday, type LocalDate, type LocalDateTime } from './local-time';

/** The head-count is final at noon, so the kitchen gets it on a working day with time to order. */
const DEADLINE_TIME = parseLocalTime('12:00');

export function isWorkingDay(day: LocalDate): boolean {
  return weekday(day) <= 5 && !danishHolidays(Number(day.slice(0, 4))).has(day);
}

export function workingDaysBefore(day: LocalDate, count: number): LocalDate {
  let current = day;
  for (let left = count; left > 0; ) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Catering exists only for physical meetings in Odense; virtual meetings have no deadline. */
export function cateringDeadline(cohort: Cohort, meeting: PlenaryMeeting): LocalDateTime | null {
  if (meeting.form !== 'physical') return null;
  return localDateTime(workingDaysBefore(dateOf(meeting.schedule.start), cohort.settings.cateringWorkingDays), DEADLINE_TIME);
}

export interface CateringList {
  deadline: LocalDateTime;
  /** Participants who come in person, by their answer for the current date. */
  participants: number;
  advisors: number;
  /** Dietary notes appear here and nowhere else: they can reveal health or religion. */
  dietaryNotes: { name: string; municipality: string; note: string }[];
}

export function cateringList(cohort: Cohort, meeting: PlenaryMeeting): CateringList | null {
  const deadline = cateringDeadline(cohort, meeting);
  if (!deadline) return null;
  const coming = cohort.rsvps.filter((r) => r.meetingId === meeting.id && r.answer === 'in_person' && isForCurrentDate(r, meeting));
  const dietaryNotes = coming.flatMap((r) => {
    const municipality = cohort.municipalities.find((m) => m.participants.some((p) => p.id === r.participantId));
    const person = municipality?.participants.find((p) => p.id === r.participantId)?.person;
    return r.dietaryNote && person && municipality ? [{ name: person.name, municipality: municipality.name, note: r.dietaryNote }] : [];
  });
  return { deadline, participants: coming.length, advisors: cohort.advisors.length, dietaryNotes };
}
