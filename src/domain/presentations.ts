import type { Cohort, Presentation, PresentationStatus } from './cohort';
import { erased, findMeeting, findMunicipality } from './cohort-rules';
import { DomainError } from './errors';
import type { Instant } from './local-time';

export const PRESENTATION_LINK_MAX = 2000;

function notStarted(meetingId: string, municipalityId: string): Presentation {
  return { meetingId, municipalityId, status: 'not_started', link: null, updatedAt: null };
}

/** Each municipality's short presentation (kort oplæg) at each plenary that has them, with its status. */
export function presentationTasks(cohort: Cohort): Presentation[] {
  return cohort.meetings.flatMap((meeting) =>
    meeting.kind === 'plenary' && meeting.presentations
      ? cohort.municipalities.map(
          (m) =>
            cohort.presentations.find((p) => p.meetingId === meeting.id && p.municipalityId === m.id) ??
            notStarted(meeting.id, m.id),
        )
      : [],
  );
}

function validLink(link: string | null): string | null {
  const trimmed = link?.trim() || null;
  if (trimmed === null) return null;
  if (trimmed.length > PRESENTATION_LINK_MAX || !/^https:\/\/\S+$/.test(trimmed)) {
    throw new DomainError('invalid_link', {
      da: 'Linket til oplægget skal være en https-adresse.',
      en: 'The link to the presentation must be an https address.',
    });
  }
  return trimmed;
}

export function setPresentationStatus(
  cohort: Cohort,
  change: { meetingId: string; municipalityId: string; status: PresentationStatus; link: string | null; at: Instant },
): Cohort {
  if (cohort.erasedAt) throw erased();
  const meeting = findMeeting(cohort, change.meetingId);
  findMunicipality(cohort, change.municipalityId);
  if (meeting.kind !== 'plenary' || !meeting.presentations) {
    throw new DomainError('no_presentation_task', {
      da: 'Der skal ikke holdes oplæg på dette møde.',
      en: 'No presentations are given at this meeting.',
    });
  }
  const same = (p: Presentation) => p.meetingId === change.meetingId && p.municipalityId === change.municipalityId;
  const presentation: Presentation = {
    meetingId: change.meetingId,
    municipalityId: change.municipalityId,
    status: change.status,
    link: validLink(change.link),
    updatedAt: change.at,
  };
  // In the old report's place, as an answer takes its: the order means nothing.
  const current = cohort.presentations.find(same);
  return { ...cohort, presentations: current ? cohort.presentations.map((p) => (p === current ? presentation : p)) : [...cohort.presentations, presentation] };
}
