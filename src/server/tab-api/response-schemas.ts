import { z } from 'zod';
import { PARTICIPANT_ROLES, PRESENTATION_STATUSES, RSVP_ANSWERS, RSVP_SOURCES, TIMES_OF_DAY } from '../../domain/cohort';
import { REACH_STATES } from '../../app/reach-states';
import { REMINDER_KINDS } from '../../domain/reminders';
import { CARD_PREVIEW_KINDS } from './card-preview-kinds';

/**
 * The shapes the tab API answers with: the views are typed by them and the OpenAPI document is
 * generated from them, so neither can drift from the other.
 */
const texts = z.object({ da: z.string(), en: z.string() });
const local = (description: string) => z.string().meta({ description: `${description}; Copenhagen wall-clock time, YYYY-MM-DDTHH:MM` });
const instant = z.string().meta({ description: 'ISO 8601 instant in UTC' });
const role = z.enum(['advisor', 'leader', 'participant']);
const count = z.number().int().min(0);

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: texts,
    path: z.string().optional().meta({ description: 'Where in the input the problem is' }),
    problems: z.array(z.object({ path: z.string(), message: z.string(), texts: z.object({ da: z.string(), en: z.string() }).optional() })).optional(),
  }),
});

export const membershipView = z.object({
  cohortId: z.string(),
  cohortName: z.string(),
  role,
  municipalityId: z.string().nullable(),
  municipalityName: z.string().nullable(),
});

export const meResponse = z.object({
  mode: z.enum(['local', 'tenant']),
  name: z.string().nullable(),
  memberships: z.array(membershipView),
  mayCreateCohorts: z.boolean().meta({ description: 'Advises a cohort already, or is listed in ADVISORS: may create a cohort (POST /api/cohorts)' }),
});

export const demoUsersResponse = z.object({
  users: z.array(z.object({ name: z.string(), email: z.string(), role, cohortId: z.string(), cohortName: z.string(), municipality: z.string().nullable() })),
});

export const demoExamplesResponse = z.object({ cohortId: z.string(), name: z.string() });

export const cohortsResponse = z.object({
  cohorts: z.array(
    membershipView.omit({ cohortId: true, cohortName: true }).extend({
      id: z.string(),
      name: z.string(),
      edition: z.string(),
      nextMeeting: z.object({ meetingId: z.string(), title: texts, start: local('Start') }).nullable(),
    }),
  ),
});

const delivery = z.object({
  state: z.enum(['planned', 'sent', 'failed', 'not_connected', 'not_booked']),
  reason: z.string().nullable(),
  webLink: z.string().nullable(),
  warning: texts.nullable(),
});

const reminderKinds = z.array(z.enum(REMINDER_KINDS)).meta({ description: 'The reminders that can concern the meeting, to send now' });

export const plenaryView = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.literal('plenary'),
  title: texts,
  themes: z.array(z.string()),
  version: z.number().int().min(1).meta({ description: 'Send it back in If-Match to change the meeting' }),
  start: local('Start'),
  end: local('End'),
  form: z.enum(['physical', 'virtual']),
  place: z.string().nullable(),
  presentations: z.boolean(),
  cancelled: z.boolean(),
  reminderKinds,
  joinUrl: z.string().nullable(),
  delivery,
});

const individualView = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(['preparatory', 'followup']),
  title: texts,
  themes: z.array(z.string()),
  version: z.number().int().min(1),
  form: z.enum(['virtual', 'phone']),
  days: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  slotMinutes: z.number().int(),
  reminderKinds,
});

const presentationView = z.object({
  meetingId: z.string(),
  municipalityId: z.string(),
  status: z.enum(PRESENTATION_STATUSES),
  link: z.string().nullable(),
  updatedAt: instant.nullable(),
});

export const municipalityView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string().meta({ description: 'Changes with its name, people or registration; send it back in If-Match to change them', examples: ['3f9a1c0b7d2e4f68'] }),
  registration: z.object({ preparatoryDay: z.string(), timeOfDay: z.enum(TIMES_OF_DAY), registeredAt: instant }).nullable(),
  participants: z.array(
    z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string().nullable(), role: z.enum(PARTICIPANT_ROLES), contact: z.boolean() }),
  ),
});

export const cohortResponse = z.object({
  id: z.string(),
  name: z.string(),
  edition: z.string(),
  booking: z.object({ organizer: z.string(), bookedAt: instant }).nullable(),
  advisors: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), email: z.string(), phone: z.string().nullable() })),
  meetings: z.array(z.discriminatedUnion('kind', [plenaryView, individualView])),
  municipalities: z.array(municipalityView),
  slotBookings: z.array(
    z.object({ meetingId: z.string(), municipalityId: z.string(), start: local('Start'), phone: z.string().nullable(), cancelled: z.boolean(), version: z.number().int() }),
  ),
  presentations: z.array(presentationView),
});

const answerView = z.object({
  meetingId: z.string(),
  answer: z.enum(RSVP_ANSWERS),
  forCurrentDate: z.boolean().meta({ description: 'False: given before the meeting moved; not counted, the person is asked again' }),
  forStart: local('The start the answer was given for'),
  answeredAt: instant,
  source: z.enum(RSVP_SOURCES),
});

export const rsvpMatrixResponse = z.object({
  cohortId: z.string(),
  meetings: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      title: texts,
      start: local('Start'),
      form: z.enum(['physical', 'virtual']),
      version: z.number().int(),
      cancelled: z.boolean(),
      attendance: z.object({ inPerson: count, online: count, declined: count, answeredForEarlierDate: count, notAnswered: count }),
      cateringDeadline: local('Catering deadline').nullable(),
      catering: z
        .object({
          deadline: local('Catering deadline'),
          participants: count,
          advisors: count,
          dietaryNotes: z.array(z.object({ name: z.string(), municipality: z.string(), note: z.string() })),
        })
        .nullable()
        .meta({ description: 'Physical meetings only: the head-count for the kitchen, with the dietary notes (this route alone shows them)' }),
    }),
  ),
  participants: z.array(
    z.object({ id: z.string(), name: z.string(), municipalityId: z.string(), municipalityName: z.string(), contact: z.boolean(), answers: z.array(answerView) }),
  ),
});

export const myMeetingsResponse = z.object({
  meetings: z.array(
    z.object({
      cohortId: z.string(),
      cohortName: z.string(),
      meetingId: z.string(),
      key: z.string(),
      title: texts,
      start: local('Start'),
      end: local('End'),
      form: z.enum(['physical', 'virtual']),
      place: z.string().nullable(),
      joinUrl: z.string().nullable(),
      cancelled: z.boolean(),
      version: z.number().int(),
      myAnswer: answerView
        .omit({ meetingId: true, source: true })
        .extend({ dietaryNote: z.string().nullable().meta({ description: "The caller's own note, so that answering again keeps it; null for an answer given for an earlier date" }) })
        .nullable()
        .meta({ description: 'Null for advisors and for those who have not answered' }),
      myPresentation: presentationView
        .omit({ meetingId: true })
        .extend({ municipalityName: z.string() })
        .nullable()
        .meta({ description: "The caller's municipality's presentation at this meeting; null for advisors and meetings without presentations" }),
    }),
  ),
});

export const rsvpResponse = z.object({
  outcome: z.enum(['recorded', 'unchanged', 'kept_newer', 'nothing_to_record']),
  answer: answerView.omit({ source: true }),
});

export const presentationResponse = presentationView;

export const slotOfferResponse = z.object({
  cohortId: z.string(),
  meetingId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  kind: z.enum(['preparatory', 'followup']),
  title: texts,
  form: z.enum(['virtual', 'phone']),
  slotMinutes: z.number().int(),
  booking: z
    .object({ start: local('Start'), end: local('End'), phone: z.string().nullable(), version: z.number().int() })
    .nullable()
    .meta({ description: "The municipality's current booking; null while it has none" }),
  slots: z
    .array(z.object({ start: local('Start'), end: local('End'), wished: z.boolean().meta({ description: 'What the municipality wished for at registration' }) }))
    .meta({ description: 'What may be picked now, the registration wish first; the current booking stays offered' }),
});

export const mySlotsResponse = z.object({
  offers: z.array(slotOfferResponse).meta({ description: "Leaders: each individual meeting of each municipality they lead; empty for everyone else" }),
});

export const cardPreviewsResponse = z.object({
  cohortId: z.string(),
  lang: z.enum(['da', 'en']),
  previews: z.array(
    z.object({
      kind: z.enum(CARD_PREVIEW_KINDS),
      recipient: z.string().meta({ description: 'Whose copy is shown: the cards carry the reader’s own name, answer and municipality' }),
      meeting: z.string().nullable(),
      card: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The Adaptive Card (1.5) as the bot would send it now; null when it would not send it' }),
      notSent: texts.nullable().meta({ description: 'Why the bot would not send this card now' }),
    }),
  ),
});

export const noticeResponse = z.object({
  meetingId: z.string(),
  booked: z.boolean().meta({ description: 'False: no Outlook invitation yet (series not booked, or the meeting called off), so a change tells nobody' }),
  organizer: z.string().nullable(),
  recipients: z
    .array(z.object({ name: z.string(), email: z.string(), role, municipality: z.string().nullable() }))
    .meta({ description: "The invitation's attendees, whom a change is sent to" }),
});

export const deliveryRetryResponse = z.object({ retried: count.meta({ description: 'Failed Microsoft 365 objects given fresh tries' }), at: instant });

export const municipalitiesResponse = z.object({ municipalities: z.array(municipalityView) });

export const registrationResponse = z.object({
  cohortId: z.string(),
  cohortName: z.string(),
  municipality: municipalityView,
  preparatory: z
    .object({ meetingId: z.string(), title: texts, days: z.array(z.string()), from: z.string(), to: z.string() })
    .nullable()
    .meta({ description: 'The preparatory meeting’s offered days and hours, to state the wish from; null when the programme has none' }),
});

/** A new cohort's plenaries as the programme proposes them; the individual meetings follow them. */
export const programmesResponse = z.object({
  programmes: z.array(
    z.object({
      edition: z.string(),
      title: texts,
      plenaries: z.array(z.object({ key: z.string(), title: texts, form: z.enum(['physical', 'virtual']), start: local('Proposed start'), end: local('Proposed end') })),
    }),
  ),
});

export const createdCohortResponse = z.object({ id: z.string(), name: z.string() });

export const reachResponse = z.object({
  participants: z.array(
    z.object({
      participantId: z.string(),
      municipality: z.string(),
      name: z.string().nullable().meta({ description: 'Null once the personal data is erased' }),
      email: z.string().nullable(),
      state: z.enum(REACH_STATES).meta({
        description: 'teams: personal chat with the bot; team: through the cohort team; pending: installation under way; email: signed links by e-mail only; not_connected: local mode; unreachable: personal data erased',
      }),
      reason: z.string().nullable().meta({ description: 'Why e-mail only, or why waiting: "dansk / English"' }),
    }),
  ),
});

export const remindedResponse = z.object({
  recipients: count.meta({ description: 'Whom the reminder concerns now' }),
  queued: count.meta({ description: 'Put in the outbox now; the others had it today already, or cannot be reached yet' }),
  connected: z.boolean().meta({ description: 'False in local mode: what is queued is kept, not sent to Microsoft 365' }),
});

export const erasedResponse = z.object({
  erasedNow: z.boolean(),
  people: count.meta({ description: 'Participants whose name, address and phone were removed' }),
  dietaryNotes: count,
  deliveries: count.meta({ description: 'Outlook events, messages and mails the outbox held for the cohort, forgotten with them' }),
});

export type MeResponse = z.infer<typeof meResponse>;
export type DemoExamplesResponse = z.infer<typeof demoExamplesResponse>;
export type CohortsResponse = z.infer<typeof cohortsResponse>;
export type CohortResponse = z.infer<typeof cohortResponse>;
export type PlenaryView = z.infer<typeof plenaryView>;
export type RsvpMatrixResponse = z.infer<typeof rsvpMatrixResponse>;
export type MyMeetingsResponse = z.infer<typeof myMeetingsResponse>;
export type RsvpResponse = z.infer<typeof rsvpResponse>;
export type SlotOfferResponse = z.infer<typeof slotOfferResponse>;
export type MySlotsResponse = z.infer<typeof mySlotsResponse>;
export type CardPreviewsResponse = z.infer<typeof cardPreviewsResponse>;
export type NoticeResponse = z.infer<typeof noticeResponse>;
export type DeliveryRetryResponse = z.infer<typeof deliveryRetryResponse>;
export type MunicipalityView = z.infer<typeof municipalityView>;
export type MunicipalitiesResponse = z.infer<typeof municipalitiesResponse>;
export type RegistrationResponse = z.infer<typeof registrationResponse>;
export type ProgrammesResponse = z.infer<typeof programmesResponse>;
export type CreatedCohortResponse = z.infer<typeof createdCohortResponse>;
export type ReachResponse = z.infer<typeof reachResponse>;
export type RemindedResponse = z.infer<typeof remindedResponse>;
export type ErasedResponse = z.infer<typeof erasedResponse>;
