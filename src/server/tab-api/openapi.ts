import { z } from 'zod';
import { DEMO_USER_HEADER } from '../tab-auth/sign-in';
import {
  detailsBody, moveBody, municipalityBody, participantBody, presentationBody, registrationBody, renameBody, rsvpBody, slotBody,
} from './request-schemas';
import {
  cohortResponse, cohortsResponse, deliveryRetryResponse, demoExamplesResponse, demoUsersResponse, errorResponse, meResponse, municipalitiesResponse, municipalityView,
  myMeetingsResponse, noticeResponse, plenaryView, presentationResponse, registrationResponse, rsvpMatrixResponse, rsvpResponse,
} from './response-schemas';
import { cardPreviewsResponse, mySlotsResponse, slotOfferResponse } from './response-schemas';
import { newCohortBody, reminderBody } from './request-schemas';
import { createdCohortResponse, erasedResponse, programmesResponse, reachResponse, remindedResponse } from './response-schemas';

type Schema = Record<string, unknown>;

/** JSON Schema 2020-12, OpenAPI 3.1's own dialect, from the zod schemas the routes parse and answer with. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const refusal = (description: string) => json('Error', description);

const REFUSALS = {
  '400': refusal('Ugyldig forespørgsel / invalid request: `problems` names each mistake'),
  '401': refusal('Ikke logget ind / not signed in: no, or no valid, token (local mode: no X-Demo-User)'),
  '403': refusal('Ikke tilladt / not permitted: not in this cohort, or not in a role that may; a cohort that does not exist answers the same'),
  '503': refusal('Login kan ikke kontrolleres / sign-in cannot be checked: Entra ID’s keys could not be read'),
};
const CHANGE_REFUSALS = {
  '404': refusal('Ukendt id / unknown id in the cohort'),
  '409': refusal('Konflikt / conflict with another change (e.g. slot_taken, concurrent_change)'),
  '422': refusal('Reglerne tillader det ikke / the rules do not allow it (e.g. answer_not_offered, meeting_cancelled)'),
};

/** Optimistic concurrency: what was read goes back in If-Match, and a change made meanwhile wins over a stale one. */
const ifMatch = (description: string, example: string) => [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', examples: [example] }, description }];
const etag = (description: string) => ({ ETag: { schema: { type: 'string' }, description } });
const stale = (what: string) => ({
  '412': refusal(`Ændret i mellemtiden / changed meanwhile: stale_version, nothing changed; read ${what} again`),
  '428': refusal('If-Match mangler / If-Match missing'),
});
const MEETING_MATCH = ifMatch('The meeting’s `version` as read', '"3"');
const MUNICIPALITY_MATCH = ifMatch('The municipality’s `version` as read (the registration’s ETag)', '"3f9a1c0b7d2e4f68"');
const MUNICIPALITY_ETAG = etag('The municipality’s `version` now, quoted');

const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });

function get(summary: string, response: string, extra: Schema = {}) {
  return { get: { summary, responses: { '200': json(response, 'OK'), ...REFUSALS }, ...extra } };
}

/**
 * The tab API, described for the tab's developers and tools. A test walks the routes express has
 * and the paths here, and fails when one has what the other lacks.
 */
export function openApiDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gruppeforløb for Teams — fanens API / the tab API',
      version: '1',
      description:
        'Roller kommer fra gruppeforløbets data, aldrig fra klienten. Tider er dansk vægurstid (Europe/Copenhagen). / ' +
        'Roles come from the cohort data, never from the client. Times are Copenhagen wall-clock time. Every answer is `Cache-Control: no-store`.',
    },
    security: [{ entraId: [] }, { demoUser: [] }],
    paths: {
      '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
      '/api/demo-users': get('Local mode only: the people of every stored cohort, to pick one (404 with a tenant)', 'DemoUsers', { security: [] }),
      '/api/demo/examples': {
        post: {
          summary: 'Local mode only: load the bundled demo cohort into an empty installation (404 with a tenant)',
          security: [],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '201': json('DemoExamples', 'Loaded'),
            '404': refusal('Ikke i lokal tilstand / not in local mode'),
            '409': refusal('Ikke tom / not empty: there are cohorts already (not_empty)'),
            '415': refusal('Kun JSON / JSON only'),
          },
        },
      },
      '/api/me': get('Who the caller is: mode, name, memberships', 'Me'),
      '/api/cohorts': {
        ...get("The caller's cohorts", 'Cohorts'),
        post: {
          summary: 'Advisors (of any cohort, or listed in ADVISORS): a new cohort from a programme edition, with its plenaries’ dates; the caller is its first advisor',
          requestBody: body('NewCohort'),
          responses: {
            '201': { ...json('CreatedCohort', 'Created'), headers: { Location: { schema: { type: 'string' }, description: 'The new cohort' } } },
            ...REFUSALS,
            '409': CHANGE_REFUSALS['409'],
            '422': refusal('Reglerne tillader det ikke / the rules do not allow it (e.g. meetings_out_of_order, invalid_date for a day gone by)'),
          },
        },
      },
      '/api/programmes': get('Who may create a cohort: the programme editions, with the plenaries’ dates proposed for a kick-off on `kickoff`', 'Programmes', {
        parameters: [{ name: 'kickoff', in: 'query', required: false, schema: { type: 'string', examples: ['2027-05-06'] }, description: 'YYYY-MM-DD; left out, some weeks ahead' }],
      }),
      '/api/cohorts/{id}/reach': { parameters: params('id'), ...get('Advisors: per participant, how the product reaches them (Teams chat, team, e-mail, pending, not connected, unreachable) and why', 'Reach') },
      '/api/cohorts/{id}/meetings/{meetingId}/reminders': {
        parameters: params('id', 'meetingId'),
        post: {
          summary: 'Advisors: send one kind of reminder about the meeting now, to whom it concerns; once a day per person',
          requestBody: body('ReminderKind'),
          responses: { '200': json('Reminded', 'Queued in the outbox (or nothing to send)'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/participants.csv': {
        parameters: params('id'),
        get: {
          summary: 'Advisors: one row per participant (municipality, name, role, e-mail, the answer to each plenary) for Excel: UTF-8 with BOM, `;`-separated',
          responses: {
            '200': {
              description: 'A CSV file (Content-Disposition: attachment)',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...REFUSALS,
          },
        },
      },
      '/api/cohorts/{id}/personal-data': {
        parameters: params('id'),
        delete: {
          summary: 'Advisors: erase the cohort’s personal data now (municipalities, meetings, counts and advisors are kept); refused while booked meetings lie ahead',
          responses: { '200': json('Erased', 'Erased'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}': { parameters: params('id'), ...get('Advisors: the cohort — meetings, municipalities, bookings, presentations (no dietary notes)', 'Cohort') },
      '/api/cohorts/{id}/rsvp-matrix': {
        parameters: params('id'),
        ...get('Advisors: participants × plenaries, head-counts, catering lists with dietary notes', 'RsvpMatrix'),
      },
      '/api/cohorts/{id}/meetings/{meetingId}': {
        parameters: params('id', 'meetingId'),
        put: {
          summary: 'Advisors: move a plenary ("ny dato"); Outlook follows',
          parameters: MEETING_MATCH,
          requestBody: body('MoveMeeting'),
          responses: {
            '200': { ...json('Plenary', 'Moved (or already at that time)'), headers: etag('The new version, quoted') },
            ...REFUSALS,
            ...CHANGE_REFUSALS,
            ...stale('the meeting'),
          },
        },
      },
      '/api/cohorts/{id}/meetings/{meetingId}/details': {
        parameters: params('id', 'meetingId'),
        put: {
          summary: 'Advisors: a plenary’s form, place and themes; a booked meeting’s invitation follows',
          parameters: MEETING_MATCH,
          requestBody: body('MeetingDetails'),
          responses: {
            '200': { ...json('Plenary', 'Changed (or already so)'), headers: etag('The new version, quoted') },
            ...REFUSALS,
            ...CHANGE_REFUSALS,
            ...stale('the meeting'),
          },
        },
      },
      '/api/cohorts/{id}/meetings/{meetingId}/notice': {
        parameters: params('id', 'meetingId'),
        ...get('Advisors: who a change to the plenary is sent to (its Outlook invitation’s attendees); nobody before the series is booked', 'MeetingNotice'),
      },
      '/api/cohorts/{id}/booking': {
        parameters: params('id'),
        post: {
          summary: 'Advisors: book the series in Outlook/Teams from ORGANIZER_MAILBOX (local mode: the advisor’s own mailbox; nothing is sent); booking again changes nothing',
          responses: { '200': json('Cohort', 'Booked: the cohort with each meeting’s delivery'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/delivery/retry': {
        parameters: params('id'),
        post: {
          summary: 'Advisors: fresh tries for everything of the cohort that failed to reach Microsoft 365',
          responses: { '200': json('DeliveryRetry', 'Retrying'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/meetings/{meetingId}/rsvp': {
        parameters: params('id', 'meetingId'),
        put: { summary: 'Participants: their own answer (source tab)', requestBody: body('RsvpAnswer'), responses: { '200': json('RsvpAnswered', 'Recorded'), ...REFUSALS, ...CHANGE_REFUSALS } },
      },
      '/api/cohorts/{id}/presentations/{meetingId}/{municipalityId}': {
        parameters: params('id', 'meetingId', 'municipalityId'),
        put: {
          summary: "The municipality's presentation status (its participants, or an advisor)",
          requestBody: body('PresentationReport'),
          responses: { '200': json('Presentation', 'Reported'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/my/meetings': get("The caller's coming plenaries with their answer", 'MyMeetings'),
      '/api/my/slots': get("Leaders: the free slots and current booking of each individual meeting of the municipalities they lead", 'MySlots'),
      '/api/cohorts/{id}/municipalities/{municipalityId}/slots/{meetingId}': {
        parameters: params('id', 'municipalityId', 'meetingId'),
        ...get("The municipality's leaders, or an advisor: the free slots of an individual meeting (the registration wish first) and its current booking", 'SlotOffer'),
        put: {
          summary: 'Book the slot, or move the booking there (Outlook follows); the follow-up is a phone call and needs a number unless one is known',
          requestBody: body('SlotChoice'),
          responses: { '200': json('SlotOffer', 'Booked: the offer as it is now'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
        delete: {
          summary: "Cancel the municipality's booking (Outlook follows); cancelling what is not booked changes nothing",
          responses: { '200': json('SlotOffer', 'Cancelled: the offer as it is now'), ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/card-previews': {
        parameters: [...params('id'), { name: 'lang', in: 'query', required: false, schema: { enum: ['da', 'en'], default: 'da' } }],
        ...get('Advisors: each card the bot sends, rendered from the cohort’s data as it would be sent now; nothing is sent or recorded', 'CardPreviews'),
      },
      '/api/cohorts/{id}/municipalities': {
        parameters: params('id'),
        post: {
          summary: 'Advisors: add a municipality with its first people, at least one a leader contact (at most 6 municipalities)',
          requestBody: body('NewMunicipality'),
          responses: { '201': { ...json('Municipality', 'Added'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/municipalities/{municipalityId}': {
        parameters: params('id', 'municipalityId'),
        put: {
          summary: 'Advisors: rename a municipality',
          parameters: MUNICIPALITY_MATCH,
          requestBody: body('RenameMunicipality'),
          responses: { '200': { ...json('Municipality', 'Renamed'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS, ...stale('the municipality') },
        },
        delete: {
          summary: 'Advisors: remove a municipality with its people, their answers and its presentation reports; refused while it has a booked slot (a booked series keeps at least 3)',
          parameters: MUNICIPALITY_MATCH,
          responses: { '200': json('Municipalities', 'Removed; the municipalities left'), ...REFUSALS, ...CHANGE_REFUSALS, ...stale('the municipality') },
        },
      },
      '/api/cohorts/{id}/municipalities/{municipalityId}/participants': {
        parameters: params('id', 'municipalityId'),
        post: {
          summary: 'Advisors: add a participant',
          requestBody: body('ParticipantDetails'),
          responses: { '201': { ...json('Municipality', 'Added'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS },
        },
      },
      '/api/cohorts/{id}/municipalities/{municipalityId}/participants/{participantId}': {
        parameters: params('id', 'municipalityId', 'participantId'),
        put: {
          summary: 'Advisors: change a participant',
          parameters: MUNICIPALITY_MATCH,
          requestBody: body('ParticipantDetails'),
          responses: { '200': { ...json('Municipality', 'Changed'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS, ...stale('the municipality') },
        },
        delete: {
          summary: 'Advisors: remove a participant, with their answers',
          parameters: MUNICIPALITY_MATCH,
          responses: { '200': { ...json('Municipality', 'Removed'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS, ...stale('the municipality') },
        },
      },
      '/api/cohorts/{id}/municipalities/{municipalityId}/registration': {
        parameters: params('id', 'municipalityId'),
        get: {
          summary: "The municipality's leader contacts, or an advisor: its people, its preparatory-meeting wish and the days offered",
          responses: { '200': { ...json('Registration', 'OK'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, '404': CHANGE_REFUSALS['404'] },
        },
        put: {
          summary: "The municipality's leader contacts, or an advisor: register (tilmelding) — its people and the preparatory-meeting wish, in one change",
          parameters: MUNICIPALITY_MATCH,
          requestBody: body('RegistrationForm'),
          responses: { '200': { ...json('Registration', 'Registered'), headers: MUNICIPALITY_ETAG }, ...REFUSALS, ...CHANGE_REFUSALS, ...stale('the registration') },
        },
      },
    },
    components: {
      securitySchemes: {
        entraId: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'With a tenant: the Entra ID token from Teams SSO (getAuthToken), v1 or v2' },
        demoUser: { type: 'apiKey', in: 'header', name: DEMO_USER_HEADER, description: 'Local mode only: the e-mail address of a demo user' },
      },
      schemas: {
        Error: jsonSchema(errorResponse, 'output'),
        DemoUsers: jsonSchema(demoUsersResponse, 'output'),
        DemoExamples: jsonSchema(demoExamplesResponse, 'output'),
        Me: jsonSchema(meResponse, 'output'),
        Cohorts: jsonSchema(cohortsResponse, 'output'),
        Cohort: jsonSchema(cohortResponse, 'output'),
        Plenary: jsonSchema(plenaryView, 'output'),
        RsvpMatrix: jsonSchema(rsvpMatrixResponse, 'output'),
        MyMeetings: jsonSchema(myMeetingsResponse, 'output'),
        RsvpAnswered: jsonSchema(rsvpResponse, 'output'),
        Presentation: jsonSchema(presentationResponse, 'output'),
        MoveMeeting: jsonSchema(moveBody, 'input'),
        MeetingDetails: jsonSchema(detailsBody, 'input'),
        MeetingNotice: jsonSchema(noticeResponse, 'output'),
        DeliveryRetry: jsonSchema(deliveryRetryResponse, 'output'),
        RsvpAnswer: jsonSchema(rsvpBody, 'input'),
        PresentationReport: jsonSchema(presentationBody, 'input'),
        Municipality: jsonSchema(municipalityView, 'output'),
        Municipalities: jsonSchema(municipalitiesResponse, 'output'),
        Registration: jsonSchema(registrationResponse, 'output'),
        NewMunicipality: jsonSchema(municipalityBody, 'input'),
        RenameMunicipality: jsonSchema(renameBody, 'input'),
        ParticipantDetails: jsonSchema(participantBody, 'input'),
        RegistrationForm: jsonSchema(registrationBody, 'input'),
        SlotOffer: jsonSchema(slotOfferResponse, 'output'),
        MySlots: jsonSchema(mySlotsResponse, 'output'),
        SlotChoice: jsonSchema(slotBody, 'input'),
        CardPreviews: jsonSchema(cardPreviewsResponse, 'output'),
        Programmes: jsonSchema(programmesResponse, 'output'),
        NewCohort: jsonSchema(newCohortBody, 'input'),
        CreatedCohort: jsonSchema(createdCohortResponse, 'output'),
        Reach: jsonSchema(reachResponse, 'output'),
        ReminderKind: jsonSchema(reminderBody, 'input'),
        Reminded: jsonSchema(remindedResponse, 'output'),
        Erased: jsonSchema(erasedResponse, 'output'),
      },
    },
  };
}
