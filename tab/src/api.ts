import type {
  CohortResponse, CohortsResponse, MeResponse, MyMeetingsResponse, PlenaryView, RsvpMatrixResponse, RsvpResponse,
} from '../../src/server/tab-api/response-schemas';

export type { CohortResponse, CohortsResponse, MeResponse, MyMeetingsResponse, PlenaryView, RsvpMatrixResponse, RsvpResponse };

export interface DemoUser {
  name: string;
  email: string;
  role: 'advisor' | 'leader' | 'participant';
  cohortId: string;
  cohortName: string;
  municipality: string | null;
}

export type RsvpAnswer = 'in_person' | 'online' | 'declined';
export type PresentationStatus = 'not_started' | 'in_preparation' | 'ready';

/** How each call proves who is asking: a Teams SSO token, or in local mode the demo user picked. */
export type Auth = { kind: 'teams'; token: () => Promise<string> } | { kind: 'demo'; email: string };

/** A refusal from the API, with its own Danish and English message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly texts: { da: string; en: string } | null,
  ) {
    super(`${status} ${code}`);
  }
}

async function headersFor(auth: Auth | null): Promise<Record<string, string>> {
  if (auth === null) return {};
  if (auth.kind === 'demo') return { 'X-Demo-User': auth.email };
  return { Authorization: `Bearer ${await auth.token()}` };
}

async function call<T>(auth: Auth | null, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers = { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(await headersFor(auth)), ...extra };
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: { da: string; en: string } } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? 'unknown', error?.message ?? null);
  }
  return json as T;
}

const seg = encodeURIComponent;

export function api(auth: Auth | null) {
  return {
    /** Local mode's people; null with a tenant (404), where there are no demo users. */
    demoUsers: async (): Promise<DemoUser[] | null> => {
      try {
        return (await call<{ users: DemoUser[] }>(null, 'GET', '/demo-users')).users;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    /** Local mode, empty installation: the bundled demo cohort. */
    loadExamples: () => call<{ cohortId: string; name: string }>(null, 'POST', '/demo/examples', {}),
    me: () => call<MeResponse>(auth, 'GET', '/me'),
    cohorts: () => call<CohortsResponse>(auth, 'GET', '/cohorts'),
    myMeetings: () => call<MyMeetingsResponse>(auth, 'GET', '/my/meetings'),
    cohort: (id: string) => call<CohortResponse>(auth, 'GET', `/cohorts/${seg(id)}`),
    rsvpMatrix: (id: string) => call<RsvpMatrixResponse>(auth, 'GET', `/cohorts/${seg(id)}/rsvp-matrix`),
    move: (id: string, meetingId: string, version: number, start: string) =>
      call<PlenaryView>(auth, 'PUT', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}`, { start }, { 'If-Match': `"${version}"` }),
    rsvp: (id: string, meetingId: string, answer: RsvpAnswer, dietaryNote: string | null) =>
      call<RsvpResponse>(auth, 'PUT', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}/rsvp`, { answer, dietaryNote }),
    presentation: (id: string, meetingId: string, municipalityId: string, status: Exclude<PresentationStatus, 'not_started'>, link: string | null) =>
      call<unknown>(auth, 'PUT', `/cohorts/${seg(id)}/presentations/${seg(meetingId)}/${seg(municipalityId)}`, link === null ? { status } : { status, link }),
  };
}

export type Api = ReturnType<typeof api>;
