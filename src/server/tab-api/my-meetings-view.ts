import type { Someone } from '../../app/who-is';
import type { PlenaryMeeting, Presentation, Rsvp } from '../../domain/cohort';
import { addMinutes, toLocal, type Instant } from '../../domain/local-time';
import { presentationTasks } from '../../domain/presentations';
import { isForCurrentDate } from '../../domain/rsvp';
import type { MyMeetingsResponse } from './response-schemas';

function answerOf(rsvp: Rsvp, meeting: PlenaryMeeting) {
  const forCurrentDate = isForCurrentDate(rsvp, meeting);
  return { answer: rsvp.answer, forCurrentDate, forStart: rsvp.forStart, answeredAt: rsvp.answeredAt, dietaryNote: forCurrentDate ? rsvp.dietaryNote : null };
}

/**
 * The caller's coming plenaries across their cohorts, soonest first, with their own answer and
 * their own dietary note (no one else's: those stay in the catering list). A meeting in progress
 * still counts, for its join link.
 */
export function myMeetingsView(someone: Someone, joinUrls: ReadonlyMap<string, string>, now: Instant): MyMeetingsResponse {
  const today = toLocal(now);
  const meetings: MyMeetingsResponse['meetings'] = [];
  for (const membership of someone.memberships) {
    const cohort = someone.cohorts.find((c) => c.id === membership.cohortId);
    if (!cohort) continue;
    const municipality = cohort.municipalities.find((m) => m.id === membership.municipalityId);
    const presentations = municipality ? presentationTasks(cohort).filter((p) => p.municipalityId === municipality.id) : [];
    for (const meeting of cohort.meetings.filter((m): m is PlenaryMeeting => m.kind === 'plenary')) {
      const end = addMinutes(meeting.schedule.start, meeting.schedule.durationMinutes);
      if (end <= today) continue;
      const rsvp = membership.role === 'advisor' ? undefined : cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === membership.personId);
      meetings.push({
        cohortId: cohort.id,
        cohortName: cohort.name,
        meetingId: meeting.id,
        key: meeting.key,
        title: meeting.title,
        start: meeting.schedule.start,
        end,
        form: meeting.form,
        place: meeting.form === 'physical' && meeting.place.trim() !== '' ? meeting.place : null,
        joinUrl: joinUrls.get(meeting.id) ?? null,
        cancelled: meeting.cancelled,
        version: meeting.version,
        myAnswer: rsvp ? answerOf(rsvp, meeting) : null,
        myPresentation: presentationOf(presentations.find((p) => p.meetingId === meeting.id), municipality?.name),
      });
    }
  }
  meetings.sort((a, b) => a.start.localeCompare(b.start));
  return { meetings };
}

function presentationOf(task: Presentation | undefined, municipalityName: string | undefined): MyMeetingsResponse['meetings'][number]['myPresentation'] {
  if (!task || municipalityName === undefined) return null;
  return { municipalityId: task.municipalityId, municipalityName, status: task.status, link: task.link, updatedAt: task.updatedAt };
}
