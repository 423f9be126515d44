import { z } from 'zod';
import type { PresentationGiven } from '../app/answer-in-person';
import { RSVP_ANSWERS } from '../domain/cohort';
import type { LinkAnswer } from '../links/answer-by-link';
import type { BookingAction } from '../links/book-by-link';
import type { LinkPurpose } from '../links/link-token';
import type { PresentationReport } from '../links/report-by-link';

/** What was posted, and for which purpose of link: a form meant for another purpose than the link's is refused as the link. */
export type LinkForm =
  | ({ purpose: 'rsvp' } & LinkAnswer)
  | ({ purpose: 'presentation' } & PresentationReport)
  | ({ purpose: 'booking' } & BookingAction);

/**
 * Each page's form, field by field and nothing else; no two share a field, so the fields alone say
 * which purpose a form is for. Values are checked by the domain, which has the words for a refusal.
 */
const forms = z.union([
  z.strictObject({ answer: z.enum(RSVP_ANSWERS), note: z.string().optional() })
    .transform(({ answer, note }): LinkForm => ({ purpose: 'rsvp', answer, dietaryNote: note ?? null })),
  z.strictObject({ status: z.enum(['in_preparation', 'ready'] satisfies PresentationGiven['status'][]), link: z.string().optional() })
    .transform(({ status, link }): LinkForm => ({ purpose: 'presentation', status, link: link ?? null })),
  z.strictObject({ action: z.literal('book'), slot: z.string(), phone: z.string().optional() })
    .transform(({ slot, phone }): LinkForm => ({ purpose: 'booking', action: 'book', start: slot, phone: phone ?? null })),
  z.strictObject({ action: z.literal('cancel') })
    .transform((): LinkForm => ({ purpose: 'booking', action: 'cancel' })),
]);

/** The posted form, or null when it is none of the pages' forms. */
export function readLinkForm(body: unknown): LinkForm | null {
  const parsed = forms.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export type FormFor<P extends LinkPurpose> = Extract<LinkForm, { purpose: P }>;
