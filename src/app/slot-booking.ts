import type { Cohort, IndividualMeeting, SlotBooking } from '../domain/cohort';
import { findMemberships, type Identity } from '../domain/identity';
import { toLocal, type LocalDateTime } from '../domain/local-time';
import { bookerIn } from '../domain/permissions';
import { isPlenary } from '../domain/programme';
import { activeBooking, bookerPhone, bookSlot, cancelSlot, individualMeeting, offeredSlots, type BusyTime, type Slot } from '../domain/slots';
import type { StoredCohort } from '../store/cohort-store';
import { changeCohort, type ChangeDeps } from './change-cohort';
import type { CohortStore } from '../store/cohort-store';
import { loadCohort } from './load-cohort';
import type { Someone } from './who-is';

export interface SlotDeps extends ChangeDeps {
  store: CohortStore;
  /** The advisors' busy time as last read from Outlook: never fetched while a person waits. */
  busy(cohortId: string): Promise<BusyTime[]>;
}

export interface SlotChoice {
  cohortId: string;
  meetingId: string;
  municipalityId: string;
}

export interface SlotOffer {
  cohort: Cohort;
  meeting: IndividualMeeting;
  booking: SlotBooking | undefined;
  slots: Slot[];
}

function offerIn(cohort: Cohort, meetingId: string, municipalityId: string, busy: readonly BusyTime[], today: LocalDateTime): SlotOffer {
  return {
    cohort,
    meeting: individualMeeting(cohort, meetingId),
    booking: activeBooking(cohort, meetingId, municipalityId),
    slots: offeredSlots(cohort, meetingId, municipalityId, busy, today),
  };
}

/** What a leader (or an advisor for them) may pick now, with the municipality's current booking. */
export async function slotOffer(deps: SlotDeps, identity: Identity, choice: SlotChoice): Promise<SlotOffer> {
  const { cohort } = await loadCohort(deps.store, choice.cohortId);
  bookerIn(findMemberships([cohort], identity), cohort.id, choice.municipalityId);
  return offerIn(cohort, choice.meetingId, choice.municipalityId, await deps.busy(cohort.id), toLocal(deps.clock.now()));
}

/**
 * As slotOffer, for each of the municipality's individual meetings, in a cohort the person was just
 * found in (whoIs read it): the cohort is not read again, and its busy time once for all of them.
 */
export async function municipalitySlotOffers(deps: Pick<SlotDeps, 'busy' | 'clock'>, someone: Someone, cohort: Cohort, municipalityId: string): Promise<SlotOffer[]> {
  bookerIn(someone.memberships, cohort.id, municipalityId);
  const busy = await deps.busy(cohort.id);
  const today = toLocal(deps.clock.now());
  return cohort.meetings.filter((m) => !isPlenary(m)).map((m) => offerIn(cohort, m.id, municipalityId, busy, today));
}

/**
 * Books (or rebooks) the slot in one save against the cohort's revision: of several people picking
 * the same slot at once exactly one wins, and the others are decided again on the winner's cohort,
 * where the slot is taken. The permission is checked on the cohort as stored, inside the change.
 */
export async function bookSlotAs(deps: SlotDeps, identity: Identity, choice: SlotChoice & { start: Slot['start']; phone: string | null }): Promise<StoredCohort> {
  const busy = await deps.busy(choice.cohortId);
  return changeCohort(deps, choice.cohortId, (cohort, now) => {
    const booker = bookerIn(findMemberships([cohort], identity), cohort.id, choice.municipalityId);
    const request = { ...choice, bookedBy: { id: booker.personId, phone: bookerPhone(cohort, booker, choice.municipalityId) }, at: now };
    return bookSlot(cohort, request, busy, toLocal(now));
  });
}

export async function cancelSlotAs(deps: SlotDeps, identity: Identity, choice: SlotChoice): Promise<StoredCohort> {
  return changeCohort(deps, choice.cohortId, (cohort) => {
    bookerIn(findMemberships([cohort], identity), cohort.id, choice.municipalityId);
    return cancelSlot(cohort, choice.meetingId, choice.municipalityId);
  });
}
