import { z } from 'zod';
import { RSVP_ANSWERS } from '../src/domain/cohort';
import { DIETARY_NOTE_MAX } from '../src/domain/rsvp';
import { PRESENTATION_LINK_MAX } from '../src/domain/presentations';

/** Ids are claims to check against the store, never trusted; they only need to look like ids. */
const id = z.string().trim().min(1).max(200);

/** Teams sends an empty input as an empty string, or leaves it out. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((text) => text?.trim() || null);

const rsvp = z.object({
  verb: z.literal('rsvp'),
  data: z.object({ cohortId: id, meetingId: id, version: z.int().min(1).max(10_000), answer: z.enum(RSVP_ANSWERS), dietaryNote: optionalText(DIETARY_NOTE_MAX) }),
});

const presentation = z.object({
  verb: z.literal('presentation'),
  data: z.object({
    cohortId: id,
    meetingId: id,
    municipalityId: id,
    status: z.enum(['in_preparation', 'ready']),
    presentationLink: optionalText(PRESENTATION_LINK_MAX),
  }),
});

const refresh = z.object({
  verb: z.literal('refresh'),
  data: z.discriminatedUnion('card', [
    z.object({ card: z.literal('rsvp'), cohortId: id, meetingId: id }),
    z.object({ card: z.literal('presentation'), cohortId: id, meetingId: id, municipalityId: id }),
  ]),
});

const slotChoice = { cohortId: id, meetingId: id, municipalityId: id };

const slots = z.object({ verb: z.enum(['slots', 'cancelSlot']), data: z.object(slotChoice) });

/** The choice set sends the slot's start as Copenhagen wall-clock time; the domain checks it is offered. */
const bookSlot = z.object({
  verb: z.literal('bookSlot'),
  data: z.object({ ...slotChoice, slot: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/), phone: optionalText(30) }),
});

const command = z.object({ verb: z.enum(['meetings', 'help', 'status']) });

export const cardAction = z.discriminatedUnion('verb', [rsvp, presentation, refresh, slots, bookSlot, command]);
export type CardAction = z.infer<typeof cardAction>;

/** The `value` of an `adaptiveCard/action` invoke: Teams merges the card's inputs into `data`. */
const invokeValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(50), data: z.record(z.string(), z.unknown()).optional() }),
});

/** Far above anything our cards can send; a bigger `data` is not from them. */
export const ACTION_DATA_MAX = 8_000;

export type ParsedAction = { ok: true; action: CardAction } | { ok: false; problem: string };

export function parseCardAction(value: unknown): ParsedAction {
  const outer = invokeValue.safeParse(value);
  if (!outer.success) return { ok: false, problem: 'not an Action.Execute invoke' };
  const { verb, data = {} } = outer.data.action;
  if (JSON.stringify(data).length > ACTION_DATA_MAX) return { ok: false, problem: `action data over ${ACTION_DATA_MAX} characters` };
  const parsed = cardAction.safeParse({ verb, data });
  if (!parsed.success) return { ok: false, problem: `verb "${verb}": ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  return { ok: true, action: parsed.data };
}
