import { z } from 'zod';
import { PARTICIPANT_ROLES, PRESENTATION_STATUSES, RSVP_ANSWERS, RSVP_SOURCES, TIMES_OF_DAY } from '../../domain/cohort';

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
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
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
});

const presentationView = z.object({
  meetingId: z.string(),
  municipalityId: z.string(),
  status: z.enum(PRESENTATION_STATUSES),
  link: z.string().nullable(),
  updatedAt: instant.nullable(),
});

export const cohortResponse = z.object({
  id: z.string(),
  name: z.string(),
  edition: z.string(),
  booking: z.object({ organizer: z.string(), bookedAt: instant }).nullable(),
  advisors: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), email: z.string(), phone: z.string().nullable() })),
  meetings: z.array(z.discriminatedUnion('kind', [plenaryView, individualView])),
  municipalities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      registration: z.object({ preparatoryDay: z.string(), timeOfDay: z.enum(TIMES_OF_DAY), registeredAt: instant }).nullable(),
      participants: z.array(
        z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string().nullable(), role: z.enum(PARTICIPANT_ROLES), contact: z.boolean() }),
      ),
    }),
  ),
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
  slotBookings: z
    .array(
      z.object({
        cohortId: z.string(),
        meetingId: z.string(),
        title: texts,
        municipalityId: z.string(),
        municipalityName: z.string(),
        start: local('Start'),
        end: local('End'),
        form: z.enum(['virtual', 'phone']),
        phone: z.string().nullable(),
      }),
    )
    .meta({ description: "Leaders: their municipality's booked individual meetings still to come" }),
});

export const rsvpResponse = z.object({
  outcome: z.enum(['recorded', 'unchanged', 'kept_newer', 'nothing_to_record']),
  answer: answerView.omit({ source: true }),
});

export const presentationResponse = presentationView;

export type MeResponse = z.infer<typeof meResponse>;
export type DemoExamplesResponse = z.infer<typeof demoExamplesResponse>;
export type CohortsResponse = z.infer<typeof cohortsResponse>;
export type CohortResponse = z.infer<typeof cohortResponse>;
export type PlenaryView = z.infer<typeof plenaryView>;
export type RsvpMatrixResponse = z.infer<typeof rsvpMatrixResponse>;
export type MyMeetingsResponse = z.infer<typeof myMeetingsResponse>;
export type RsvpResponse = z.infer<typeof rsvpResponse>;
