import type { Request, Response, Router } from 'express';
import { bookSlotAs, cancelSlotAs, municipalitySlotOffers, slotOffer, type SlotChoice, type SlotDeps } from '../../app/slot-booking';
import { whoIs } from '../../app/who-is';
import type { Identity } from '../../domain/identity';
import { bookerIn, notPermitted } from '../../domain/permissions';
import { busyTimes } from '../../store/busy-times';
import { callerOf } from '../tab-auth/sign-in';
import { memberOf } from './access';
import { input } from './request-input';
import { slotBody, slotParams } from './request-schemas';
import type { MySlotsResponse } from './response-schemas';
import { slotOfferView } from './slot-offer-view';
import type { TabApiDeps } from './tab-api-deps';

const SLOT = '/cohorts/:id/municipalities/:municipalityId/slots/:meetingId';

/**
 * A leader books, rebooks and cancels the municipality's individual meetings from the tab, through
 * the bot's own use-cases: the same rules, and the same one save against the cohort's revision, so of
 * two municipalities picking one slot exactly one gets it and the other meets 409 `slot_taken`.
 */
export function slotRoutes(router: Router, deps: TabApiDeps): void {
  // The advisors' busy time as last read from Outlook: a page never waits for Outlook.
  const slots: SlotDeps = { store: deps.store, db: deps.db, clock: deps.clock, busy: (cohortId) => busyTimes(deps.db, cohortId) };

  /** Who may book for the municipality is checked before the body is read: a stranger learns nothing from a 400. */
  async function chosen(req: Request, res: Response): Promise<{ identity: Identity; choice: SlotChoice }> {
    const { id, meetingId, municipalityId } = input(slotParams, req.params, 'params');
    const caller = callerOf(res);
    const { someone } = await memberOf(deps.store, caller, id);
    bookerIn(someone.memberships, id, municipalityId);
    return { identity: caller.identity, choice: { cohortId: id, meetingId, municipalityId } };
  }

  const offerNow = async (identity: Identity, choice: SlotChoice) => slotOfferView(await slotOffer(slots, identity, choice), choice.municipalityId);

  router.get('/my/slots', async (_req, res) => {
    const { identity } = callerOf(res);
    const someone = await whoIs(deps.store, identity);
    if (someone.memberships.length === 0) throw notPermitted();
    const offers: MySlotsResponse['offers'] = [];
    for (const lead of someone.memberships) {
      const cohort = someone.cohorts.find((c) => c.id === lead.cohortId);
      const municipalityId = lead.municipalityId;
      if (lead.role !== 'leader' || municipalityId === null || !cohort) continue;
      const found = await municipalitySlotOffers(slots, someone, cohort, municipalityId);
      offers.push(...found.map((offer) => slotOfferView(offer, municipalityId)));
    }
    res.json({ offers } satisfies MySlotsResponse);
  });

  router.get(SLOT, async (req, res) => {
    const { identity, choice } = await chosen(req, res);
    res.json(await offerNow(identity, choice));
  });

  // Book, or move the booking there (its Outlook event follows); the same slot again changes nothing.
  router.put(SLOT, async (req, res) => {
    const { identity, choice } = await chosen(req, res);
    const { start, phone } = input(slotBody, req.body, 'body');
    await bookSlotAs(slots, identity, { ...choice, start, phone: phone ?? null });
    res.json(await offerNow(identity, choice));
  });

  router.delete(SLOT, async (req, res) => {
    const { identity, choice } = await chosen(req, res);
    await cancelSlotAs(slots, identity, choice);
    res.json(await offerNow(identity, choice));
  });
}
