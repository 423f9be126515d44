import { isDomainError, type DomainError, type ErrorCode, type Texts } from '../domain/errors';
import { answerByLink } from '../links/answer-by-link';
import { bookByLink, bookingOffer } from '../links/book-by-link';
import { openLink, type LinkDeps, type OpenedLink, type Refused } from '../links/open-link';
import { reportByLink } from '../links/report-by-link';
import { BOOKING_NOTICES, bookingPage } from './booking-link-page';
import type { FormFor, LinkForm } from './link-forms';
import { refusedPage } from './link-pages';
import { PRESENTATION_REPORTED, presentationPage } from './presentation-link-page';
import { answeredPage, rsvpPage } from './rsvp-link-page';

/** A page to send, with its status. */
export interface Shown {
  ok: true;
  status: number;
  html: string;
}

/** The page a visit to a link shows: what its purpose lets the person it names do. */
export async function linkPage(deps: LinkDeps, link: OpenedLink): Promise<string> {
  switch (link.purpose) {
    case 'rsvp':
      return rsvpPage(link);
    case 'presentation':
      return presentationPage(link, null);
    case 'booking':
      return bookingPage(link, await bookingOffer(deps, link), null);
  }
}

async function submitRsvp(deps: LinkDeps, token: string, form: FormFor<'rsvp'>): Promise<Shown | Refused> {
  const answered = await answerByLink(deps, token, { answer: form.answer, dietaryNote: form.dietaryNote });
  return answered.ok ? { ok: true, status: 200, html: answeredPage(answered.link, answered.outcome) } : answered;
}

/** A refused report (a link that is not https) shows the page again with the reason, nothing changed. */
async function submitPresentation(deps: LinkDeps, token: string, form: FormFor<'presentation'>): Promise<Shown | Refused> {
  const opened = await openLink(deps, token, ['presentation']);
  if (!opened.ok) return opened;
  try {
    return { ok: true, status: 200, html: presentationPage(await reportByLink(deps, opened.link, form), PRESENTATION_REPORTED) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: true, status: 422, html: presentationPage(opened.link, error.text) };
  }
}

/** Why a slot could not be had, said above the slots as they are now; other refusals are not about the slot. */
const SLOT_REFUSALS: Partial<Record<ErrorCode, (error: DomainError) => { status: number; text: Texts }>> = {
  slot_taken: () => ({ status: 409, text: BOOKING_NOTICES.taken }),
  slot_not_offered: () => ({ status: 422, text: BOOKING_NOTICES.notOffered }),
  invalid_date: () => ({ status: 422, text: BOOKING_NOTICES.notOffered }),
  phone_required: (error) => ({ status: 422, text: error.text }),
};

/** A slot taken meanwhile (by another municipality, between page and press) shows the slots left and says so. */
async function submitBooking(deps: LinkDeps, token: string, form: FormFor<'booking'>): Promise<Shown | Refused> {
  const opened = await openLink(deps, token, ['booking']);
  if (!opened.ok) return opened;
  try {
    const link = await bookByLink(deps, opened.link, form);
    return { ok: true, status: 200, html: bookingPage(link, await bookingOffer(deps, link), form.action === 'cancel' ? BOOKING_NOTICES.cancelled : BOOKING_NOTICES.booked) };
  } catch (error) {
    const refusal = isDomainError(error) ? SLOT_REFUSALS[error.code]?.(error) : undefined;
    if (refusal === undefined) throw error;
    return { ok: true, status: refusal.status, html: bookingPage(opened.link, await bookingOffer(deps, opened.link), refusal.text) };
  }
}

/**
 * What a posted form answers: the change made, through the link of the form's purpose. A link of
 * another purpose is refused like a forged one; a change the domain refuses shows its reason and
 * changes nothing.
 */
export async function submitLinkForm(deps: LinkDeps, token: string, form: LinkForm): Promise<Shown | Refused> {
  try {
    switch (form.purpose) {
      case 'rsvp':
        return await submitRsvp(deps, token, form);
      case 'presentation':
        return await submitPresentation(deps, token, form);
      case 'booking':
        return await submitBooking(deps, token, form);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: true, status: 422, html: refusedPage(error.text) };
  }
}
