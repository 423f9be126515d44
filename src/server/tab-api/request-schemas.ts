import { z } from 'zod';
import type { PresentationGiven } from '../../app/answer-in-person';
import { email } from '../../documents/document-formats';
import { PARTICIPANT_ROLES, RSVP_ANSWERS, TIMES_OF_DAY } from '../../domain/cohort';
import { parseLocalDate, parseLocalDateTime, type LocalDate, type LocalDateTime } from '../../domain/local-time';
import { programmeOf } from '../../domain/new-cohort';
import { isPlenary } from '../../domain/programme';
import { REMINDER_KINDS } from '../../domain/reminders';

/** Ids are opaque to the client; a bound keeps a pasted novel out of the logs and queries. */
const id = z.string().min(1).max(200);

/** A day or a time as text: its shape first, then whether the calendar has it, refused in `refusal`'s words if not. */
function calendarText<T extends string>(pattern: RegExp, meta: { description: string; examples: string[] }, parse: (value: string) => T, refusal: string) {
  return z
    .string()
    .regex(pattern)
    // Here, not after the transform: there the generated JSON Schema would lose the examples.
    .meta(meta)
    .refine((value) => {
      try {
        parse(value);
        return true;
      } catch {
        return false;
      }
    }, refusal)
    .transform((value) => value as T);
}

/** Copenhagen wall-clock time, as everywhere in the programme; a time skipped by summer time is refused. */
const localDateTime = calendarText<LocalDateTime>(
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
  { description: 'Copenhagen wall-clock time, YYYY-MM-DDTHH:MM', examples: ['2023-06-07T09:00'] },
  parseLocalDateTime,
  'no such time in Copenhagen',
);

const localDate = calendarText<LocalDate>(/^\d{4}-\d{2}-\d{2}$/, { description: 'A day, YYYY-MM-DD', examples: ['2023-04-25'] }, parseLocalDate, 'no such day');

export const cohortParams = z.strictObject({ id });
export const meetingParams = z.strictObject({ id, meetingId: id });
export const presentationParams = z.strictObject({ id, meetingId: id, municipalityId: id });

export const moveBody = z.strictObject({ start: localDateTime });

/** A municipality's slot of an individual meeting: the same ids as its presentation at a plenary. */
export const slotParams = presentationParams;

export const slotBody = z.strictObject({
  start: localDateTime,
  phone: z.string().max(30).nullable().optional().meta({ description: 'The follow-up (a phone call): the number to call; left out, the booker’s or the one booked before' }),
});

export const cardPreviewQuery = z.strictObject({ lang: z.enum(['da', 'en']).default('da') });

/** Loose bounds against junk; the programme's own rules (a physical meeting needs a place, …) answer 422 in Danish and English. */
export const detailsBody = z.strictObject({
  form: z.enum(['physical', 'virtual']),
  place: z.string().max(2000).nullable().optional().meta({ description: 'The address of a physical meeting; left out or null for a virtual one' }),
  themes: z.array(z.string().max(2000)).max(100),
});

export const rsvpBody = z.strictObject({
  answer: z.enum(RSVP_ANSWERS),
  dietaryNote: z.string().nullable().optional().meta({ description: 'Physical meetings only; shown in the catering list and nowhere else' }),
});

export const presentationBody = z.strictObject({
  status: z.enum(['in_preparation', 'ready'] satisfies PresentationGiven['status'][]),
  link: z.string().nullable().optional().meta({ description: 'https link to the presentation; left out keeps the one given before' }),
});

export const municipalityParams = z.strictObject({ id, municipalityId: id });
export const participantParams = z.strictObject({ id, municipalityId: id, participantId: id });

const participantDetails = {
  name: z.string().trim().min(1).max(200),
  // The cohort document's own check: an address taken here must export and import again.
  email: email().max(320),
  phone: z.string().trim().max(40).nullable().optional().meta({ description: 'Left out, null or empty: none' }),
  role: z.enum(PARTICIPANT_ROLES),
  contact: z.boolean().meta({ description: 'A leader/tovholder contact: may register and book the municipality’s individual meetings' }),
};

export const participantBody = z.strictObject(participantDetails);

export const municipalityBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  participants: z.array(participantBody).min(1).max(100).meta({ description: 'At least one of them a leader contact' }),
});

export const renameBody = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const registrationBody = z.strictObject({
  participants: z
    .array(z.strictObject({ id: id.nullable().optional().meta({ description: 'Left out for someone new' }), ...participantDetails }))
    .min(1)
    .max(100)
    .meta({ description: 'Everyone the municipality sends, at least one leader contact; whoever is left out leaves the cohort' }),
  preparatoryDay: localDate.meta({ description: 'One of the preparatory meeting’s offered days' }),
  timeOfDay: z.enum(TIMES_OF_DAY),
});

export const programmesQuery = z.strictObject({
  kickoff: localDate.optional().meta({ description: 'The kick-off day wanted; left out, one some weeks ahead is proposed' }),
});

/** Every plenary of the edition once, by key: a cohort is made from the whole programme. */
export const newCohortBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    edition: z.string().min(1).max(200).meta({ description: 'A programme edition from GET /api/programmes', examples: ['mact-2023'] }),
    plenaries: z.array(z.strictObject({ key: id, start: localDateTime })).max(50).meta({ description: 'Each plenary of the programme by key, with its start' }),
  })
  .superRefine((body, ctx) => {
    const programme = programmeOf(body.edition);
    if (!programme) {
      ctx.addIssue({ code: 'custom', path: ['edition'], message: 'no such programme edition' });
      return;
    }
    const keys = programme.meetings.filter(isPlenary).map((m) => m.key);
    body.plenaries.forEach((p, i) => {
      if (!keys.includes(p.key)) ctx.addIssue({ code: 'custom', path: ['plenaries', i, 'key'], message: `not a plenary of ${body.edition}` });
      else if (body.plenaries.findIndex((q) => q.key === p.key) !== i) ctx.addIssue({ code: 'custom', path: ['plenaries', i, 'key'], message: 'given twice' });
    });
    const missing = keys.filter((key) => !body.plenaries.some((p) => p.key === key));
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['plenaries'], message: `missing: ${missing.join(', ')}` });
  });

export const reminderBody = z.strictObject({ kind: z.enum(REMINDER_KINDS) });

/** The reminders an advisor can send ahead of time, as the tab names them. */
export type ReminderKind = z.infer<typeof reminderBody>['kind'];
