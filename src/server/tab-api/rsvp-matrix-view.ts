import type { Cohort, PlenaryMeeting } from '../../domain/cohort';
import { cateringDeadline, cateringList } from '../../domain/catering';
import { attendance, isForCurrentDate } from '../../domain/rsvp';
import type { RsvpMatrixResponse } from './response-schemas';

/**
 * Participants × plenaries, each with their latest answer and whether it was for the current date,
 * the head-counts, and per physical meeting the catering list: the one view with dietary notes.
 */
export function rsvpMatrixView(cohort: Cohort): RsvpMatrixResponse {
  const plenaries = cohort.meetings.filter((m): m is PlenaryMeeting => m.kind === 'plenary');
  const byId = new Map(plenaries.map((m) => [m.id, m]));
  return {
    cohortId: cohort.id,
    meetings: plenaries.map((m) => ({
      id: m.id,
      key: m.key,
      title: m.title,
      start: m.schedule.start,
      form: m.form,
      version: m.version,
      cancelled: m.cancelled,
      attendance: attendance(cohort, m.id),
      cateringDeadline: cateringDeadline(cohort, m),
      catering: cateringList(cohort, m),
    })),
    participants: cohort.municipalities.flatMap((municipality) =>
      municipality.participants.flatMap((p) => {
        if (!p.person) return [];
        const answers = cohort.rsvps.flatMap((r) => {
          const meeting = byId.get(r.meetingId);
          if (r.participantId !== p.id || !meeting) return [];
          return [{ meetingId: r.meetingId, answer: r.answer, forCurrentDate: isForCurrentDate(r, meeting), forStart: r.forStart, answeredAt: r.answeredAt, source: r.source }];
        });
        return [{ id: p.id, name: p.person.name, municipalityId: municipality.id, municipalityName: municipality.name, contact: p.contact, answers }];
      }),
    ),
  };
}
