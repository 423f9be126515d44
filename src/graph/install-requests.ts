import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Texts } from '../domain/errors';
import type { Outcome } from '../outbox/change';
import type { PersonalInstallState } from '../reach/personal-install';
import { errorCodeOf, refusalLine, retryAfterMs, type Answer } from './graph-failures';

type Failure = Extract<Outcome, { ok: false }>;

/** The outbox's state of one installation; loose about whitespace, strict about what must be there. */
export const installStateSchema: z.ZodType<PersonalInstallState> = z.object({
  participantId: z.string().min(1),
  entraObjectId: z.string().min(1).nullable(),
  email: z.string().min(1),
});

const USER_SELECT = 'id,mail,userType';

/** A string literal in an OData filter: quotes doubled, then escaped for the query string. */
export function literal(value: string): string {
  return encodeURIComponent(`'${value.replaceAll("'", "''")}'`);
}

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

export const userByIdUrl = (objectId: string) => `${userPath(objectId)}?$select=${USER_SELECT}`;

/** Members and guests alike: a guest's `mail` is the address they were invited with. */
export const usersByMailUrl = (email: string) => `/users?$filter=${encodeURIComponent('mail eq ')}${literal(email)}&$select=${USER_SELECT}`;

export const installedAppsUrl = (userId: string) => `${userPath(userId)}/teamwork/installedApps`;

export const installationLookupUrl = (userId: string, catalogId: string) =>
  `${installedAppsUrl(userId)}?$expand=teamsApp&$filter=${encodeURIComponent('teamsApp/id eq ')}${literal(catalogId)}`;

export const chatUrl = (userId: string, installationId: string) => `${installedAppsUrl(userId)}/${encodeURIComponent(installationId)}/chat`;

/** The body that installs the catalog's app: bound by its URL on the configured Graph host. */
export function installBody(graphEndpoint: string, catalogId: string): Record<string, string> {
  return { 'teamsApp@odata.bind': `${graphEndpoint}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}` };
}

export const directoryUser = z.object({ id: z.string().min(1), mail: z.string().nullish(), userType: z.string().nullish() }).passthrough();
export type DirectoryUser = z.infer<typeof directoryUser>;
export const userList = z.object({ value: z.array(directoryUser) });
export const installationList = z.object({ value: z.array(z.object({ id: z.string().min(1) }).passthrough()) });
export const chatBody = z.object({ id: z.string().min(1) }).passthrough();

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * One request outside a batch, its answer whatever the status. No connection, a timeout or an abort
 * is thrown, with Graph's reason in both languages, as `postBatch` does.
 */
export async function callGraph(client: Client, method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
  let response: Response;
  try {
    const request = client.api(url).option('signal', signal).responseType(ResponseType.RAW);
    response = (await (method === 'GET' ? request.get() : request.header('Content-Type', 'application/json').post(body))) as Response;
  } catch (error) {
    throw new Error(`Graph kunne ikke nås / Graph could not be reached (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: parseJson(text) };
}


/** A person Graph has no user for: the product reaches them by e-mail instead, and says so. */
export function notAUser(email: string): Failure {
  return {
    ok: false,
    retryable: false,
    message: `ikke bruger i tenanten: nås via e-mail (${email}) / not a user of the tenant: reached by e-mail (${email})`,
  };
}

export const NO_INSTALLATION: Failure = {
  ok: false,
  retryable: true,
  message: 'Appen er installeret, men installationen ses ikke endnu / The app is installed, but the installation is not visible yet',
  retryAfterMs: null,
};

/** What Graph answers without the permission, or a policy or missing licence keeps the app from the person. */
function refused(answer: Answer, step: 'user' | 'install'): Failure {
  const text: Texts =
    step === 'user'
      ? {
          da: 'Appen må ikke slå brugere op: giv den applikationstilladelsen User.Read.All med administratorsamtykke',
          en: 'The app may not look users up: grant it the User.Read.All application permission with admin consent',
        }
      : {
          da: 'Teams afviste at installere appen for personen (en politik for app-tilladelser eller opsætning blokerer den, personen har ingen Teams-licens, eller appen mangler applikationstilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All); personen nås via e-mail',
          en: 'Teams refused to install the app for the person (an app permission or setup policy blocks it, the person has no Teams licence, or the app lacks the TeamsAppInstallation.ReadWriteSelfForUser.All application permission); the person is reached by e-mail',
        };
  return { ok: false, retryable: false, message: refusalLine(text, answer) };
}

/**
 * A failed answer as the outbox's outcome: throttling, outages and a refused token are tried again
 * (after Graph's `Retry-After`); what the tenant's setup or the person's account gets in the way of
 * is not, and says why in Danish and English.
 */
export function installFailureOf(answer: Answer, step: 'user' | 'install' | 'chat', catalogId: string, now: number): Failure {
  const { status } = answer;
  if (status === 429 || status >= 500) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer), retryAfterMs: retryAfterMs(answer.headers, now) };
  }
  if (status === 401) {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer), retryAfterMs: null };
  }
  if (status === 403) return refused(answer, step === 'user' ? 'user' : 'install');
  if (status === 404 && step === 'install' && errorCodeOf(answer.body) !== 'Request_ResourceNotFound') {
    return {
      ok: false,
      retryable: false,
      message: refusalLine(
        {
          da: `Appen med katalog-id ${catalogId} findes ikke i organisationens Teams-appkatalog: ret TEAMS_APP_CATALOG_ID eller udgiv appen`,
          en: `The app with catalog id ${catalogId} is not in the organisation's Teams app catalog: correct TEAMS_APP_CATALOG_ID or publish the app`,
        },
        answer,
      ),
    };
  }
  // The chat of an installation made a moment ago may not be there yet.
  if (status === 404 && step === 'chat') {
    return { ok: false, retryable: true, message: refusalLine({ da: 'Chatten med appen findes ikke endnu', en: 'The chat with the app does not exist yet' }, answer), retryAfterMs: null };
  }
  return { ok: false, retryable: false, message: refusalLine({ da: 'Graph afviste installationen af appen', en: 'Graph refused to install the app' }, answer) };
}
