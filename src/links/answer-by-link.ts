import { changeCohort } from '../app/change-cohort';
import type { RsvpAnswer } from '../domain/cohort';
import { recordRsvp, type RsvpOutcome } from '../domain/rsvp';
import { openLink, type LinkDeps, type Refused, type RsvpLink } from './open-link';

export interface LinkAnswer {
  answer: RsvpAnswer;
  dietaryNote: string | null;
}

export type Answered = { ok: true; link: RsvpLink; outcome: RsvpOutcome } | Refused;

/**
 * Records an answer given on a link's page, as the bot and the tab do: through changeCohort, so
 * the domain decides and a refusal (meeting called off, answer not offered) changes nothing.
 * A DomainError is thrown for the edge to show; an invalid link is a refusal, never an exception.
 */
export async function answerByLink(deps: LinkDeps, token: string, given: LinkAnswer): Promise<Answered> {
  const opened = await openLink(deps, token, ['rsvp']);
  if (!opened.ok) return opened;
  const { payload } = opened.link;
  let outcome: RsvpOutcome = 'nothing_to_record';
  const stored = await changeCohort(deps, payload.cohort, (cohort, now) => {
    const result = recordRsvp(cohort, { meetingId: payload.meeting, participantId: payload.participant, ...given, at: now, source: 'link' });
    outcome = result.outcome;
    return result.cohort;
  });
  return { ok: true, link: { ...opened.link, cohort: stored.cohort }, outcome };
}
