import type { Cohort, IndividualMeeting, PlenaryMeeting } from './cohort';
import { erased, findMeeting, findPlenary, replaceMeeting } from './cohort-rules';
import { DomainError } from './errors';
import type { Instant, LocalDate, LocalDateTime } from './local-time';

/**
 * "Ny dato": the meeting keeps its id (so its Outlook event is updated, never duplicated), its
 * version goes up, and the earlier time is kept in its history. Moving to the same time changes nothing.
 */
export function movePlenary(cohort: Cohort, meetingId: string, start: LocalDateTime, at: Instant): Cohort {
  if (cohort.erasedAt) throw erased();
  const meeting = findPlenary(cohort, meetingId, { da: 'Kun fællesmøder har ét fast tidspunkt.', en: 'Only plenary meetings have one fixed time.' });
  if (meeting.schedule.start === start) return cohort;
  const moved: PlenaryMeeting = {
    ...meeting,
    schedule: { ...meeting.schedule, start },
    version: meeting.version + 1,
    history: [...meeting.history, { version: meeting.version, schedule: meeting.schedule, movedAt: at }],
  };
  return replaceMeeting(cohort, moved);
}

/** Offers other days for an individual meeting (the 2023 preparatory meeting got "25. april (ny dato)"). */
export function moveWindow(cohort: Cohort, meetingId: string, days: LocalDate[], at: Instant): Cohort {
  if (cohort.erasedAt) throw erased();
  const meeting = findMeeting(cohort, meetingId);
  if (meeting.kind === 'plenary') {
    throw new DomainError('not_an_individual_meeting', {
      da: 'Kun individuelle møder har tilbudte dage.',
      en: 'Only individual meetings have offered days.',
    });
  }
  if (days.join() === meeting.schedule.days.join()) return cohort;
  const moved: IndividualMeeting = {
    ...meeting,
    schedule: { ...meeting.schedule, days },
    version: meeting.version + 1,
    history: [...meeting.history, { version: meeting.version, schedule: meeting.schedule, movedAt: at }],
  };
  return replaceMeeting(cohort, moved);
}
