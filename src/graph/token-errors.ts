import type { Texts } from '../domain/errors';

/**
 * No access token: why, in words an administrator can act on, Danish first. `retryable` is false
 * when only a change to the configuration or the app registration helps, so the outbox stops
 * trying and shows the reason instead of backing off for hours.
 */
export class TokenError extends Error {
  constructor(
    readonly text: Texts,
    readonly retryable: boolean,
    /** What Entra ID or the network said, e.g. `invalid_client: AADSTS7000215: Invalid client secret provided…`. */
    readonly detail: string,
  ) {
    super(`${text.da} / ${text.en} (${detail})`);
    this.name = 'TokenError';
  }
}

export interface TokenContext {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  graphEndpoint: string;
  credential: 'secret' | 'certificate';
}

interface Rule {
  /** AADSTS numbers, or msal's own error codes. */
  matches: (aadsts: number | null, code: string) => boolean;
  retryable: boolean;
  text: (c: TokenContext) => Texts;
}

const aadsts = (...numbers: number[]) => (n: number | null) => n !== null && numbers.includes(n);

const RULES: Rule[] = [
  {
    matches: (n, code) => aadsts(7000215, 7000222, 700027)(n) || (n === null && code === 'invalid_client'),
    retryable: false,
    text: (c) =>
      c.credential === 'secret'
        ? {
            da: `Entra ID afviste klienthemmeligheden: AAD_APP_CLIENT_SECRET er forkert eller udløbet. Opret en ny hemmelighed på app-registreringen ${c.clientId}`,
            en: `Entra ID refused the client secret: AAD_APP_CLIENT_SECRET is wrong or expired. Create a new secret on app registration ${c.clientId}`,
          }
        : {
            da: `Entra ID afviste certifikatet: AAD_APP_CERTIFICATE_PATH svarer ikke til et gyldigt certifikat uploadet på app-registreringen ${c.clientId}`,
            en: `Entra ID refused the certificate: AAD_APP_CERTIFICATE_PATH does not match a valid certificate uploaded to app registration ${c.clientId}`,
          },
  },
  {
    matches: (n, code) => aadsts(700016, 7000112)(n) || (n === null && code === 'unauthorized_client'),
    retryable: false,
    text: (c) => ({
      da: `App-registreringen AAD_APP_CLIENT_ID (${c.clientId}) findes ikke eller er deaktiveret i tenant ${c.tenantId}: forkert klient-id, eller appen er ikke godkendt i denne tenant`,
      en: `App registration AAD_APP_CLIENT_ID (${c.clientId}) does not exist or is disabled in tenant ${c.tenantId}: a wrong client id, or the app is not consented in this tenant`,
    }),
  },
  {
    matches: aadsts(90002, 900023, 90072),
    retryable: false,
    text: (c) => ({
      da: `Tenanten AAD_APP_TENANT_ID (${c.tenantId}) findes ikke hos ${c.authorityHost}: forkert tenant-id, eller AAD_APP_OAUTH_AUTHORITY_HOST peger på en anden sky`,
      en: `Tenant AAD_APP_TENANT_ID (${c.tenantId}) does not exist at ${c.authorityHost}: a wrong tenant id, or AAD_APP_OAUTH_AUTHORITY_HOST points at another cloud`,
    }),
  },
  {
    matches: aadsts(500011, 70011, 1002012),
    retryable: false,
    text: (c) => ({
      da: `Entra ID udsteder ikke tokens til ${c.graphEndpoint}: GRAPH_ENDPOINT hører ikke til samme sky som AAD_APP_OAUTH_AUTHORITY_HOST`,
      en: `Entra ID issues no tokens for ${c.graphEndpoint}: GRAPH_ENDPOINT does not belong to the same cloud as AAD_APP_OAUTH_AUTHORITY_HOST`,
    }),
  },
  {
    // msal reads the tenant's OpenID configuration first; an unknown tenant there looks like no answer.
    matches: (_n, code) => ['network_error', 'openid_config_error', 'endpoints_resolution_error', 'no_network_connectivity'].includes(code),
    retryable: true,
    text: (c) => ({
      da: `Login-tjenesten ${c.authorityHost} kunne ikke nås eller kender ikke tenant ${c.tenantId}: tjek AAD_APP_OAUTH_AUTHORITY_HOST, AAD_APP_TENANT_ID og netværket`,
      en: `Sign-in service ${c.authorityHost} could not be reached or does not know tenant ${c.tenantId}: check AAD_APP_OAUTH_AUTHORITY_HOST, AAD_APP_TENANT_ID and the network`,
    }),
  },
];

const FALLBACK: Rule = {
  matches: () => true,
  retryable: true,
  text: (c) => ({ da: `Der kunne ikke hentes et adgangstoken fra ${c.authorityHost}`, en: `No access token could be obtained from ${c.authorityHost}` }),
};

/**
 * msal's errors carry `errorCode` and `errorMessage`; one from Entra ID also `errorNo` (the first
 * AADSTS number) and a message of the form `Error(s): … - Description: AADSTS…: … - Correlation ID: …`.
 */
function fieldsOf(error: unknown): { code: string; number: number | null; message: string } {
  if (!(error instanceof Error)) return { code: '', number: null, message: String(error) };
  const code = 'errorCode' in error && typeof error.errorCode === 'string' ? error.errorCode : '';
  const errorNo = 'errorNo' in error && error.errorNo !== undefined && error.errorNo !== null ? Number(error.errorNo) : NaN;
  const raw = 'errorMessage' in error && typeof error.errorMessage === 'string' ? error.errorMessage : error.message;
  const message = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(raw)?.[1] ?? raw;
  const number = Number.isInteger(errorNo) ? errorNo : Number(/AADSTS(\d+)/.exec(message)?.[1] ?? NaN);
  return { code, number: Number.isInteger(number) ? number : null, message };
}

export function tokenErrorOf(error: unknown, context: TokenContext): TokenError {
  if (error instanceof TokenError) return error;
  const { code, number, message } = fieldsOf(error);
  const rule = RULES.find((r) => r.matches(number, code)) ?? FALLBACK;
  // Entra ID's description runs on with trace and correlation ids; its first line is the part that helps.
  const firstLine = message.split(/\r?\n/)[0]!.trim().slice(0, 300);
  return new TokenError(rule.text(context), rule.retryable, code ? `${code}: ${firstLine}` : firstLine);
}
