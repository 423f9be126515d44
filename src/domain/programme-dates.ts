import { isWorkingDay } from './catering';
import { addDays, dateOf, daysBetween, localDateTime, timeOf, type LocalDate, type LocalDateTime } from './local-time';
import { isPlenary, type MeetingTemplate, type PlenaryTemplate, type ProgrammeTemplate } from './programme';

export function shiftMeeting(m: MeetingTemplate, days: number): MeetingTemplate {
  if (m.kind === 'plenary') {
    const start = localDateTime(addDays(dateOf(m.schedule.start), days), timeOf(m.schedule.start));
    return { ...m, schedule: { ...m.schedule, start } };
  }
  return { ...m, schedule: { ...m.schedule, days: m.schedule.days.map((d) => addDays(d, days)) } };
}

/** Whole weeks keep every weekday, and wall-clock times stay as they are across daylight saving. */
function shiftedWeeks(template: ProgrammeTemplate, weeks: number): ProgrammeTemplate {
  return { ...template, meetings: template.meetings.map((m) => shiftMeeting(m, weeks * 7)) };
}

/** Every day the programme meets on: each plenary's, and each day an individual meeting is offered. */
export const meetingDays = (t: ProgrammeTemplate) => t.meetings.flatMap((m) => (m.kind === 'plenary' ? [dateOf(m.schedule.start)] : m.schedule.days));

const kickoffOf = (template: ProgrammeTemplate): PlenaryTemplate | undefined => template.meetings.find(isPlenary);

/**
 * The programme moved by whole weeks so its kick-off (the first plenary) falls near `near`,
 * choosing the nearest shift that puts no meeting on a weekend or a Danish holiday.
 */
export function programmeNear(template: ProgrammeTemplate, near: LocalDate): ProgrammeTemplate {
  const kickoff = kickoffOf(template);
  if (!kickoff) return template;
  const weeks = Math.round(daysBetween(dateOf(kickoff.schedule.start), near) / 7);
  const candidates = [0, -1, 1, -2, 2].map((k) => shiftedWeeks(template, weeks + k));
  return candidates.find((t) => meetingDays(t).every(isWorkingDay)) ?? candidates[0]!;
}

/**
 * The offered days with each one on a weekend or a Danish holiday moved, one day at a time in the
 * direction `away` (from the plenary it follows), to the first working day not offered already:
 * the meeting keeps as many days to choose from, and stays on its side of that plenary.
 */
function onWorkingDays(days: readonly LocalDate[], away: 1 | -1): LocalDate[] {
  const offered = days.filter(isWorkingDay);
  for (const day of days.filter((d) => !isWorkingDay(d))) {
    let moved = addDays(day, away);
    while (!isWorkingDay(moved) || offered.includes(moved)) moved = addDays(moved, away);
    offered.push(moved);
  }
  return offered.sort();
}

/**
 * The plenaries at the starts given (by key; those not given keep theirs). Each individual meeting
 * follows its plenary — the one before it in the programme, else the one after (the preparatory
 * meeting the kick-off, the follow-up the closing meeting) — by whole weeks, so its offered days
 * keep their weekdays, rounded away from that plenary so they stay on their side of it. A day that
 * lands on a weekend or a Danish holiday moves further away, to a working day.
 */
export function withPlenaryStarts(template: ProgrammeTemplate, starts: ReadonlyMap<string, LocalDateTime>): ProgrammeTemplate {
  const moved = (m: PlenaryTemplate): PlenaryTemplate => {
    const start = starts.get(m.key);
    return start === undefined ? m : { ...m, schedule: { ...m.schedule, start } };
  };
  const meetings = template.meetings.map((m, i): MeetingTemplate => {
    if (isPlenary(m)) return moved(m);
    const before = template.meetings.slice(0, i).filter(isPlenary).at(-1);
    const anchor = before ?? template.meetings.slice(i + 1).find(isPlenary);
    if (!anchor) return m;
    const days = daysBetween(dateOf(anchor.schedule.start), dateOf(moved(anchor).schedule.start));
    const weeks = before ? Math.ceil(days / 7) : Math.floor(days / 7);
    const shifted = m.schedule.days.map((d) => addDays(d, weeks * 7));
    return { ...m, schedule: { ...m.schedule, days: onWorkingDays(shifted, before ? 1 : -1) } };
  });
  return { ...template, meetings };
}

/** With no kick-off chosen, one this far ahead is proposed: time to register the municipalities and hold the preparatory meetings. */
const PROPOSED_WEEKS_AHEAD = 8;

/**
 * The dates proposed for a new cohort: the programme's pattern moved so its kick-off falls on the
 * day chosen (else some weeks ahead), the other meetings on their own weekdays, clear of holidays
 * where whole weeks allow.
 */
export function proposedProgramme(template: ProgrammeTemplate, kickoff: LocalDate | null, today: LocalDate): ProgrammeTemplate {
  const near = programmeNear(template, kickoff ?? addDays(today, PROPOSED_WEEKS_AHEAD * 7));
  const first = kickoffOf(near);
  if (kickoff === null || !first) return near;
  return withPlenaryStarts(near, new Map([[first.key, localDateTime(kickoff, timeOf(first.schedule.start))]]));
}
