import type { PresentationStatus, RsvpAnswer, RsvpSource } from '../domain/cohort';
import { findMemberships, type Identity } from '../domain/identity';
import { assertMayReportPresentation, participantIn } from '../domain/permissions';
import { setPresentationStatus } from '../domain/presentations';
import { recordRsvp, type RsvpOutcome } from '../domain/rsvp';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';

export interface RsvpGiven {
  cohortId: string;
  meetingId: string;
  answer: RsvpAnswer;
  dietaryNote: string | null;
}

export interface PresentationGiven {
  cohortId: string;
  meetingId: string;
  municipalityId: string;
  status: Exclude<PresentationStatus, 'not_started'>;
  link: string | null;
}

/**
 * Who may is decided inside the change, on the cohort as it is stored now: ids from a card or a
 * request are claims, and the identity alone says whose answer it is.
 */
export async function answerRsvp(deps: ChangeDeps, identity: Identity, given: RsvpGiven, source: RsvpSource): Promise<{ stored: StoredCohort; participantId: string; outcome: RsvpOutcome }> {
  let participantId = '';
  let outcome: RsvpOutcome = 'nothing_to_record';
  const stored = await changeCohort(deps, given.cohortId, (cohort, now) => {
    participantId = participantIn(findMemberships([cohort], identity), cohort.id).personId;
    const result = recordRsvp(cohort, { meetingId: given.meetingId, participantId, answer: given.answer, dietaryNote: given.dietaryNote, at: now, source });
    outcome = result.outcome;
    return result.cohort;
  });
  return { stored, participantId, outcome };
}

/** Reported for the whole municipality; the same report again changes nothing. */
export async function reportPresentation(deps: ChangeDeps, identity: Identity, given: PresentationGiven): Promise<StoredCohort> {
  return changeCohort(deps, given.cohortId, (cohort, now) => {
    assertMayReportPresentation(findMemberships([cohort], identity), cohort.id, given.municipalityId);
    const current = cohort.presentations.find((p) => p.meetingId === given.meetingId && p.municipalityId === given.municipalityId);
    const link = given.link?.trim() || null;
    if (current && current.status === given.status && current.link === (link ?? current.link)) return cohort;
    return setPresentationStatus(cohort, { ...given, link: link ?? current?.link ?? null, at: now });
  });
}
