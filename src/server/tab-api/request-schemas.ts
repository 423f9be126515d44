import { z } from 'zod';
import type { PresentationGiven } from '../../app/answer-in-person';
import { RSVP_ANSWERS } from '../../domain/cohort';
import { parseLocalDateTime, type LocalDateTime } from '../../domain/local-time';

/** Ids are opaque to the client; a bound keeps a pasted novel out of the logs and queries. */
const id = z.string().min(1).max(200);

/** Copenhagen wall-clock time, as everywhere in the programme; a time skipped by summer time is refused. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  // Here, not after the transform: there the generated JSON Schema would lose the examples.
  .meta({ description: 'Copenhagen wall-clock time, YYYY-MM-DDTHH:MM', examples: ['2023-06-07T09:00'] })
  .refine((value) => {
    try {
      parseLocalDateTime(value);
      return true;
    } catch {
      return false;
    }
  }, 'no such time in Copenhagen')
  .transform((value) => value as LocalDateTime);

export const cohortParams = z.strictObject({ id });
export const meetingParams = z.strictObject({ id, meetingId: id });
export const presentationParams = z.strictObject({ id, meetingId: id, municipalityId: id });

export const moveBody = z.strictObject({ start: localDateTime });

export const rsvpBody = z.strictObject({
  answer: z.enum(RSVP_ANSWERS),
  dietaryNote: z.string().nullable().optional().meta({ description: 'Physical meetings only; shown in the catering list and nowhere else' }),
});

export const presentationBody = z.strictObject({
  status: z.enum(['in_preparation', 'ready'] satisfies PresentationGiven['status'][]),
  link: z.string().nullable().optional().meta({ description: 'https link to the presentation; left out keeps the one given before' }),
});
