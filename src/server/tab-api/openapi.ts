import { z } from 'zod';
import { DEMO_USER_HEADER } from '../tab-auth/sign-in';
import { moveBody, presentationBody, rsvpBody } from './request-schemas';
import {
  cohortResponse, cohortsResponse, demoExamplesResponse, demoUsersResponse, errorResponse, meResponse, myMeetingsResponse, plenaryView, presentationResponse, rsvpMatrixResponse, rsvpResponse,
} from './response-schemas';

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
      '/api/cohorts': get("The caller's cohorts", 'Cohorts'),
      '/api/cohorts/{id}': { parameters: params('id'), ...get('Advisors: the cohort — meetings, municipalities, bookings, presentations (no dietary notes)', 'Cohort') },
      '/api/cohorts/{id}/rsvp-matrix': {
        parameters: params('id'),
        ...get('Advisors: participants × plenaries, head-counts, catering lists with dietary notes', 'RsvpMatrix'),
      },
      '/api/cohorts/{id}/meetings/{meetingId}': {
        parameters: params('id', 'meetingId'),
        put: {
          summary: 'Advisors: move a plenary ("ny dato"); Outlook follows',
          parameters: [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', examples: ['"3"'] }, description: 'The meeting’s `version` as read' }],
          requestBody: body('MoveMeeting'),
          responses: {
            '200': { ...json('Plenary', 'Moved (or already at that time)'), headers: { ETag: { schema: { type: 'string' }, description: 'The new version, quoted' } } },
            ...REFUSALS,
            ...CHANGE_REFUSALS,
            '412': refusal('Ændret i mellemtiden / changed meanwhile: stale_version, nothing changed; read the meeting again'),
            '428': refusal('If-Match mangler / If-Match missing'),
          },
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
      '/api/my/meetings': get("The caller's coming plenaries with their answer; leaders also their slot bookings", 'MyMeetings'),
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
        RsvpAnswer: jsonSchema(rsvpBody, 'input'),
        PresentationReport: jsonSchema(presentationBody, 'input'),
      },
    },
  };
}
