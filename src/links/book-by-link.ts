import { bookSlotAs, cancelSlotAs, slotOffer, type SlotChoice, type SlotDeps, type SlotOffer } from '../app/slot-booking';
import { parseLocalDateTime } from '../domain/local-time';
import { busyTimes } from '../store/busy-times';
import { cohortRepository } from '../store/cohort-repository';
import { linkIdentity, type BookingLink, type LinkDeps } from './open-link';

/** What the leader asks for on the page: a slot (with the number to call, when asked for), or to cancel. */
export type BookingAction = { action: 'book'; start: string; phone: string | null } | { action: 'cancel' };

/** The advisors' busy time as last read into the database: a page never waits for Outlook. */
function slotDeps(deps: LinkDeps): SlotDeps {
  return { ...deps, store: cohortRepository(deps.db, deps.clock), busy: (cohortId) => busyTimes(deps.db, cohortId) };
}

/** The link names the municipality through its leader: the choice is always theirs, never one the visitor sends. */
function choiceOf(link: BookingLink): SlotChoice {
  return { cohortId: link.cohort.id, meetingId: link.meeting.id, municipalityId: link.municipality.id };
}

/** The free slots (the registration wish first) and the municipality's current booking, as the bot offers them. */
export function bookingOffer(deps: LinkDeps, link: BookingLink): Promise<SlotOffer> {
  return slotOffer(slotDeps(deps), linkIdentity(link), choiceOf(link));
}

/**
 * Books, rebooks or cancels as the leader the link names, through the bot's use-cases: the same
 * permission rule, and the same one save against the cohort's revision, so of two municipalities
 * picking one slot exactly one gets it and the other meets `slot_taken` (a DomainError, like
 * every refusal here; nothing is changed then).
 */
export async function bookByLink(deps: LinkDeps, link: BookingLink, request: BookingAction): Promise<BookingLink> {
  const identity = linkIdentity(link);
  const stored = request.action === 'cancel'
    ? await cancelSlotAs(slotDeps(deps), identity, choiceOf(link))
    : await bookSlotAs(slotDeps(deps), identity, { ...choiceOf(link), start: parseLocalDateTime(request.start, 'slot'), phone: request.phone });
  return { ...link, cohort: stored.cohort };
}
