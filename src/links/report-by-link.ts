import { reportPresentation, type PresentationGiven } from '../app/answer-in-person';
import { linkIdentity, type LinkDeps, type PresentationLink } from './open-link';

export type PresentationReport = Pick<PresentationGiven, 'status' | 'link'>;

/**
 * Reports the municipality's presentation as the person the link names, through the same
 * use-case as the bot's card and the tab, so the same permission rule decides. A refusal (a link
 * that is not https) is a DomainError for the page to show; nothing is changed then.
 */
export async function reportByLink(deps: LinkDeps, link: PresentationLink, { status, link: url }: PresentationReport): Promise<PresentationLink> {
  const stored = await reportPresentation(deps, linkIdentity(link), { cohortId: link.cohort.id, meetingId: link.meeting.id, municipalityId: link.municipality.id, status, link: url });
  return { ...link, cohort: stored.cohort };
}
