import type { Cohort } from '../domain/cohort';
import { addDays, localDateTime, parseLocalTime, type LocalDate } from '../domain/local-time';
import { joinRanges, type TimeRange } from './time-ranges';

const MIDNIGHT = parseLocalTime('00:00');

/**
 * The Copenhagen time the advisors' busy time is needed for: each individual meeting's window
 * from its first day still to come, 00:00, to the end (24:00) of its last day, overlapping or
 * touching windows joined. The months between the preparatory meeting and the follow-up call are
 * left out: no slot is offered there, and reading them would cost Outlook for nothing.
 */
export function busyRanges(cohort: Cohort, today: LocalDate): TimeRange[] {
  const windows = cohort.meetings.flatMap((meeting) => {
    if (meeting.kind === 'plenary') return [];
    const days = meeting.schedule.days.filter((day) => day >= today).sort();
    const first = days[0];
    const last = days[days.length - 1];
    return first === undefined || last === undefined ? [] : [{ start: localDateTime(first, MIDNIGHT), end: localDateTime(addDays(last, 1), MIDNIGHT) }];
  });
  return joinRanges(windows);
}
