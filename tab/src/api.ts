import type { ReminderKind } from '../../src/server/tab-api/request-schemas';
import type {
  CardPreviewsResponse, CohortResponse, CohortsResponse, CreatedCohortResponse, DeliveryRetryResponse, ErasedResponse, MeResponse, MunicipalitiesResponse,
  MunicipalityView, MyMeetingsResponse, MySlotsResponse, NoticeResponse, PlenaryView, ProgrammesResponse, ReachResponse, RegistrationResponse, RemindedResponse,
  RsvpMatrixResponse, RsvpResponse, SlotOfferResponse,
} from '../../src/server/tab-api/response-schemas';
import type { Lang } from './texts';

export type { CohortResponse, CohortsResponse, MeResponse, MyMeetingsResponse, PlenaryView, RsvpMatrixResponse, RsvpResponse };
export type { MunicipalitiesResponse, MunicipalityView, RegistrationResponse };
export type { DeliveryRetryResponse, NoticeResponse };
export type { CardPreviewsResponse, MySlotsResponse, SlotOfferResponse };
export type { CreatedCohortResponse, ErasedResponse, ProgrammesResponse, ReachResponse, RemindedResponse };
export type { ReminderKind };

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

/** A person as an advisor or a leader enters them; the API checks the address and refuses one already in the cohort. */
export type ParticipantDetails = Omit<MunicipalityView['participants'][number], 'id'>;

/** Tilmelding: everyone the municipality sends (`id` left out for someone new) and the preparatory-meeting wish. */
export interface RegistrationForm {
  participants: (ParticipantDetails & { id?: string })[];
  preparatoryDay: string;
  timeOfDay: 'morning' | 'afternoon' | 'any';
}

/** A new cohort: a programme edition and the start of each of its plenaries, by key. */
export interface NewCohortForm {
  name: string;
  edition: string;
  plenaries: { key: string; start: string }[];
}

/** How each call proves who is asking: a Teams SSO token, or in local mode the demo user picked. */
export type Auth = { kind: 'teams'; token: () => Promise<string> } | { kind: 'demo'; email: string };

/** A refusal from the API, with its own Danish and English message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly texts: { da: string; en: string } | null,
    /** For a 400: each mistake and where it is (`body.plenaries.1.start`), so a form can mark the field. */
    readonly problems: readonly { path: string; message: string; texts?: { da: string; en: string } }[] = [],
  ) {
    super(`${status} ${code}`);
  }
}

/** Teams gave no token (consent missing, SSO not set up): the person is told plainly, the host's reason kept. */
export class SignInFailed extends Error {}

async function headersFor(auth: Auth | null): Promise<Record<string, string>> {
  if (auth === null) return {};
  if (auth.kind === 'demo') return { 'X-Demo-User': auth.email };
  let token: string;
  try {
    token = await auth.token();
  } catch (error) {
    throw new SignInFailed(error instanceof Error ? error.message : String(error));
  }
  return { Authorization: `Bearer ${token}` };
}

async function call<T>(auth: Auth | null, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers = { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(await headersFor(auth)), ...extra };
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  if (!res.ok) throw await refusalOf(res);
  return (await res.json().catch(() => null)) as T;
}

async function refusalOf(res: Response): Promise<ApiError> {
  const json: unknown = await res.json().catch(() => null);
  const error = (json as { error?: { code?: string; message?: { da: string; en: string }; problems?: { path: string; message: string; texts?: { da: string; en: string } }[] } } | null)?.error;
  return new ApiError(res.status, error?.code ?? 'unknown', error?.message ?? null, error?.problems ?? []);
}

/** A file the API answers with, named by its Content-Disposition; fetched, as a plain link could not carry the sign-in. */
async function download(auth: Auth | null, path: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await fetch(`/api${path}`, { headers: await headersFor(auth), cache: 'no-store' });
  if (!res.ok) throw await refusalOf(res);
  const fileName = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  return { blob: await res.blob(), fileName };
}

const seg = encodeURIComponent;
const slotPath = (id: string, municipalityId: string, meetingId: string) => `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/slots/${seg(meetingId)}`;

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
    /** Form, place and themes; `place` only for a physical meeting. */
    meetingDetails: (id: string, meetingId: string, version: number, details: { form: 'physical' | 'virtual'; place: string | null; themes: string[] }) =>
      call<PlenaryView>(auth, 'PUT', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}/details`, details, { 'If-Match': `"${version}"` }),
    meetingNotice: (id: string, meetingId: string) => call<NoticeResponse>(auth, 'GET', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}/notice`),
    bookSeries: (id: string) => call<CohortResponse>(auth, 'POST', `/cohorts/${seg(id)}/booking`),
    retryDelivery: (id: string) => call<DeliveryRetryResponse>(auth, 'POST', `/cohorts/${seg(id)}/delivery/retry`),
    rsvp: (id: string, meetingId: string, answer: RsvpAnswer, dietaryNote: string | null) =>
      call<RsvpResponse>(auth, 'PUT', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}/rsvp`, { answer, dietaryNote }),
    presentation: (id: string, meetingId: string, municipalityId: string, status: Exclude<PresentationStatus, 'not_started'>, link: string | null) =>
      call<unknown>(auth, 'PUT', `/cohorts/${seg(id)}/presentations/${seg(meetingId)}/${seg(municipalityId)}`, link === null ? { status } : { status, link }),
    addMunicipality: (id: string, name: string, participants: ParticipantDetails[]) =>
      call<MunicipalityView>(auth, 'POST', `/cohorts/${seg(id)}/municipalities`, { name, participants }),
    /** `version` is the municipality's as read: a change made meanwhile is refused (412), not overwritten. */
    renameMunicipality: (id: string, municipalityId: string, version: string, name: string) =>
      call<MunicipalityView>(auth, 'PUT', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}`, { name }, { 'If-Match': `"${version}"` }),
    removeMunicipality: (id: string, municipalityId: string, version: string) =>
      call<MunicipalitiesResponse>(auth, 'DELETE', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}`, undefined, { 'If-Match': `"${version}"` }),
    addParticipant: (id: string, municipalityId: string, details: ParticipantDetails) =>
      call<MunicipalityView>(auth, 'POST', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/participants`, details),
    editParticipant: (id: string, municipalityId: string, version: string, participantId: string, details: ParticipantDetails) =>
      call<MunicipalityView>(auth, 'PUT', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/participants/${seg(participantId)}`, details, { 'If-Match': `"${version}"` }),
    removeParticipant: (id: string, municipalityId: string, version: string, participantId: string) =>
      call<MunicipalityView>(auth, 'DELETE', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/participants/${seg(participantId)}`, undefined, { 'If-Match': `"${version}"` }),
    registration: (id: string, municipalityId: string) => call<RegistrationResponse>(auth, 'GET', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/registration`),
    /** The whole list of people replaces the municipality's, so it goes with the `version` it was read at. */
    register: (id: string, municipalityId: string, version: string, form: RegistrationForm) =>
      call<RegistrationResponse>(auth, 'PUT', `/cohorts/${seg(id)}/municipalities/${seg(municipalityId)}/registration`, form, { 'If-Match': `"${version}"` }),
    mySlots: () => call<MySlotsResponse>(auth, 'GET', '/my/slots'),
    slotOffer: (id: string, municipalityId: string, meetingId: string) => call<SlotOfferResponse>(auth, 'GET', slotPath(id, municipalityId, meetingId)),
    /** Books, or moves the booking there; `phone` for the follow-up call, null to keep the number known. */
    bookSlot: (id: string, municipalityId: string, meetingId: string, start: string, phone: string | null) =>
      call<SlotOfferResponse>(auth, 'PUT', slotPath(id, municipalityId, meetingId), phone === null ? { start } : { start, phone }),
    cancelSlot: (id: string, municipalityId: string, meetingId: string) => call<SlotOfferResponse>(auth, 'DELETE', slotPath(id, municipalityId, meetingId)),
    cardPreviews: (id: string, lang: Lang) => call<CardPreviewsResponse>(auth, 'GET', `/cohorts/${seg(id)}/card-previews?lang=${lang}`),
    /** The programme editions with their plenaries proposed for a kick-off on `kickoff` (YYYY-MM-DD), else some weeks ahead. */
    programmes: (kickoff: string | null) => call<ProgrammesResponse>(auth, 'GET', kickoff === null ? '/programmes' : `/programmes?kickoff=${seg(kickoff)}`),
    createCohort: (form: NewCohortForm) => call<CreatedCohortResponse>(auth, 'POST', '/cohorts', form),
    reach: (id: string) => call<ReachResponse>(auth, 'GET', `/cohorts/${seg(id)}/reach`),
    remindNow: (id: string, meetingId: string, kind: ReminderKind) => call<RemindedResponse>(auth, 'POST', `/cohorts/${seg(id)}/meetings/${seg(meetingId)}/reminders`, { kind }),
    participantsCsv: (id: string) => download(auth, `/cohorts/${seg(id)}/participants.csv`),
    erasePersonalData: (id: string) => call<ErasedResponse>(auth, 'DELETE', `/cohorts/${seg(id)}/personal-data`),
  };
}

export type Api = ReturnType<typeof api>;
