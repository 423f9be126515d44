import { z } from 'zod';
import type { Texts } from '../domain/errors';
import { PRESENTATION_LINK_MAX } from '../domain/presentations';

/**
 * The text formats of a cohort document. Zod checks the shape (so the JSON Schema carries the
 * pattern and an editor flags a typo); whether the date exists in Copenhagen is decided later by
 * the domain's parse functions, which know the calendar and daylight saving.
 */
const PATTERNS = {
  localDate: /^\d{4}-\d{2}-\d{2}$/,
  localTime: /^\d{2}:\d{2}$/,
  localDateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
  slug: /^[a-z0-9][a-z0-9-]{0,63}$/,
  httpsLink: /^https:\/\/\S+$/,
};

const FORMAT_TEXTS = new Map<string, Texts>([
  [String(PATTERNS.localDate), { da: 'skal være en dato: ÅÅÅÅ-MM-DD', en: 'must be a date: YYYY-MM-DD' }],
  [String(PATTERNS.localTime), { da: 'skal være et klokkeslæt: TT:MM', en: 'must be a time of day: HH:MM' }],
  [
    String(PATTERNS.localDateTime),
    { da: 'skal være dansk tid (København): ÅÅÅÅ-MM-DDTTT:MM', en: 'must be Copenhagen wall-clock time: YYYY-MM-DDTHH:MM' },
  ],
  [
    String(PATTERNS.slug),
    { da: 'skal være små bogstaver a-z, cifre og bindestreger (højst 64 tegn)', en: 'must be lower-case a-z, digits and hyphens (at most 64 characters)' },
  ],
  [String(PATTERNS.httpsLink), { da: 'skal være en https-adresse', en: 'must be an https address' }],
  ['datetime', { da: 'skal være et tidspunkt med tidszone, fx 2023-05-04T07:30:00.000Z', en: 'must be a timestamp with a time zone, e.g. 2023-05-04T07:30:00.000Z' }],
  ['email', { da: 'skal være en e-mailadresse', en: 'must be an e-mail address' }],
]);

/** Readable wording for a format issue, instead of the regular expression zod would quote. */
export function formatTexts(issue: { format: string; pattern?: string }): Texts | undefined {
  return FORMAT_TEXTS.get(issue.format === 'regex' ? (issue.pattern ?? '') : issue.format);
}

export const localDate = () => z.string().regex(PATTERNS.localDate);
export const localTime = () => z.string().regex(PATTERNS.localTime);
export const localDateTime = () => z.string().regex(PATTERNS.localDateTime);
export const instant = () => z.iso.datetime({ offset: true });
export const slug = () => z.string().regex(PATTERNS.slug);
export const httpsLink = () => z.string().max(PRESENTATION_LINK_MAX).regex(PATTERNS.httpsLink);
/** Also the tab API's check, so every address a person is given there exports and imports again. */
export const email = () => z.email();
export const text = (max: number) => z.string().trim().min(1).max(max);
