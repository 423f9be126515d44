import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Texts } from '../domain/errors';
import { PROGRAMME_ZONE } from '../domain/local-time';
import { ConfigError } from './config-error';

/**
 * The catalogue of environment variables: each one's parser and the words used when its value is
 * wrong. Tenant variables keep Teams Toolkit's names, so the toolkit's env files work unchanged.
 */
export interface Variable<T> {
  readonly name: string;
  readonly expected: Texts;
  readonly schema: z.ZodType<T, string>;
  /** How a wrong value is echoed back: secrets never are, a URL loses its password. */
  readonly redaction?: 'secret' | 'url';
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const BOT_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'] as const;
export type BotType = (typeof BOT_TYPES)[number];

const GUID: Texts = { da: 'skal være et GUID, fx 00000000-0000-0000-0000-000000000000', en: 'must be a GUID, e.g. 00000000-0000-0000-0000-000000000000' };
const NOT_EMPTY: Texts = { da: 'må ikke være tom', en: 'must not be empty' };

function httpsUrl(name: string, example: string): Variable<string> {
  return {
    name,
    expected: { da: `skal være en https-adresse, fx ${example}`, en: `must be an https URL, e.g. ${example}` },
    schema: z.url({ protocol: /^https$/ }).transform((url) => url.replace(/\/+$/, '')),
  };
}

function guid(name: string): Variable<string> {
  return { name, expected: GUID, schema: z.guid() };
}

function secret(name: string): Variable<string> {
  return { name, expected: NOT_EMPTY, schema: z.string().min(1), redaction: 'secret' };
}

const LOCAL_NOW_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Without an offset the time is Copenhagen wall-clock time, and one that does not exist there (the
 * hour skipped in spring) is refused rather than silently shifted by an hour.
 */
function isLocalNow(value: string): boolean {
  const match = LOCAL_NOW_FORMAT.exec(value);
  if (!match) return false;
  const dt = DateTime.fromISO(value, { zone: PROGRAMME_ZONE });
  return dt.isValid && (match[1] !== undefined || dt.toFormat("yyyy-MM-dd'T'HH:mm") === value.slice(0, 16));
}

export const PORT: Variable<number> = {
  name: 'PORT',
  expected: { da: 'skal være et heltal 1–65535', en: 'must be an integer 1–65535' },
  schema: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().int().min(1).max(65535)),
};

export const HOST: Variable<string> = {
  name: 'HOST',
  expected: { da: 'skal være en IP-adresse eller et værtsnavn, fx 0.0.0.0', en: 'must be an IP address or host name, e.g. 0.0.0.0' },
  schema: z.union([z.ipv4(), z.ipv6(), z.hostname()]),
};

export const DATABASE_URL: Variable<string> = {
  name: 'DATABASE_URL',
  expected: { da: 'skal begynde med postgres:// eller postgresql://', en: 'must start with postgres:// or postgresql://' },
  schema: z.string().regex(/^postgres(?:ql)?:\/\/\S+$/i).refine((url) => URL.canParse(url)),
  redaction: 'url',
};

export const DATABASE_FILE: Variable<string> = {
  name: 'DATABASE_FILE',
  expected: { da: 'skal være en filsti, fx data/gruppeforloeb.sqlite', en: 'must be a file path, e.g. data/gruppeforloeb.sqlite' },
  schema: z.string().regex(/^[^\0]+$/).refine((path) => !/[/\\]$/.test(path)),
};

export const LOCAL_NOW: Variable<Date> = {
  name: 'LOCAL_NOW',
  expected: {
    da: 'skal være et ISO 8601-tidspunkt, fx 2023-05-04T09:30 (dansk tid) eller 2023-05-04T09:30+02:00',
    en: 'must be an ISO 8601 date-time, e.g. 2023-05-04T09:30 (Copenhagen time) or 2023-05-04T09:30+02:00',
  },
  schema: z.string().refine(isLocalNow).transform((value) => DateTime.fromISO(value, { zone: PROGRAMME_ZONE }).toJSDate()),
};

export const LOG_LEVEL: Variable<LogLevel> = {
  name: 'LOG_LEVEL',
  expected: { da: `skal være en af ${LOG_LEVELS.join(', ')}`, en: `must be one of ${LOG_LEVELS.join(', ')}` },
  schema: z.enum(LOG_LEVELS),
};

export const AAD_APP_TENANT_ID = guid('AAD_APP_TENANT_ID');
export const AAD_APP_CLIENT_ID = guid('AAD_APP_CLIENT_ID');
export const AAD_APP_CLIENT_SECRET = secret('AAD_APP_CLIENT_SECRET');
/** A PEM file holding the app's certificate and its unencrypted private key: the alternative to the secret. */
export const AAD_APP_CERTIFICATE_PATH: Variable<string> = {
  name: 'AAD_APP_CERTIFICATE_PATH',
  expected: { da: 'skal være stien til en PEM-fil med certifikat og privat nøgle', en: 'must be the path of a PEM file with certificate and private key' },
  schema: z.string().regex(/^[^\0]+$/).refine((path) => !/[/\\]$/.test(path)),
};
export const AAD_APP_OAUTH_AUTHORITY_HOST = httpsUrl('AAD_APP_OAUTH_AUTHORITY_HOST', 'https://login.microsoftonline.com');
export const GRAPH_ENDPOINT = httpsUrl('GRAPH_ENDPOINT', 'https://graph.microsoft.com');

export const ORGANIZER_MAILBOX: Variable<string> = {
  name: 'ORGANIZER_MAILBOX',
  expected: { da: 'skal være en e-mailadresse', en: 'must be an e-mail address' },
  schema: z.email(),
};

/**
 * Who may create cohorts in the tab besides those who already advise one: the agency's advisors,
 * by the address they sign in with. Compared in lower case, as identities are.
 */
export const ADVISORS: Variable<string[]> = {
  name: 'ADVISORS',
  expected: {
    da: 'skal være e-mailadresser adskilt af komma, fx signe@styrelsen.dk,ole@styrelsen.dk',
    en: 'must be e-mail addresses separated by commas, e.g. signe@styrelsen.dk,ole@styrelsen.dk',
  },
  schema: z
    .string()
    .transform((value) => value.split(',').map((address) => address.trim().toLowerCase()).filter((address) => address !== ''))
    .pipe(z.array(z.email()).min(1)),
};

export const BOT_ID = guid('BOT_ID');
export const BOT_PASSWORD = secret('BOT_PASSWORD');
export const BOT_TENANT_ID = guid('BOT_TENANT_ID');

export const BOT_TYPE: Variable<BotType> = {
  name: 'BOT_TYPE',
  expected: { da: `skal være en af ${BOT_TYPES.join(', ')}`, en: `must be one of ${BOT_TYPES.join(', ')}` },
  schema: z.enum(BOT_TYPES),
};

/**
 * Where the bot reads the keys that sign Bot Framework's requests to it. Microsoft's by default;
 * set it only for a sovereign cloud or a test double.
 */
export const BOT_OPENID_METADATA_URL = httpsUrl('BOT_OPENID_METADATA_URL', 'https://login.botframework.com/v1/.well-known/openidconfiguration');

/**
 * The app's id in the organisation's Teams app catalog (`teamsApp.id`, not the manifest's id): what
 * the product installs for participants. Without it nobody gets the app through Graph, and reach
 * says so.
 */
export const TEAMS_APP_CATALOG_ID = guid('TEAMS_APP_CATALOG_ID');

/**
 * The Teams app's own id (the manifest's `id`), read only by `npm run package`, never by the server.
 * Unset, the packager derives it from `AAD_APP_CLIENT_ID`, so every package of one installation has
 * the same id and an upload replaces the app in the catalog instead of adding a second one.
 */
export const TEAMS_APP_ID = guid('TEAMS_APP_ID');

/**
 * The tab's application ID URI (`api://<host>/<client id>`): the audience of the v1 tokens Teams SSO
 * hands the tab. Unset, any `api://…/<client id>` is accepted, since the host part follows wherever
 * the tab is served from.
 */
export const TAB_APP_ID_URI: Variable<string> = {
  name: 'TAB_APP_ID_URI',
  expected: { da: 'skal være en api://-adresse, fx api://gruppeforloeb.example.org/<client id>', en: 'must be an api:// URI, e.g. api://gruppeforloeb.example.org/<client id>' },
  schema: z.string().regex(/^api:\/\/\S+[^/]$/),
};

/** Signs the links of the answer pages; long enough that guessing it is out of reach. */
export const LINK_SECRET: Variable<string> = {
  name: 'LINK_SECRET',
  expected: { da: 'skal være mindst 32 tegn, fx fra openssl rand -base64 32', en: 'must be at least 32 characters, e.g. from openssl rand -base64 32' },
  schema: z.string().min(32),
  redaction: 'secret',
};

/** Where people outside the server reach it: the start of every signed link. */
export const PUBLIC_URL: Variable<string> = {
  name: 'PUBLIC_URL',
  expected: { da: 'skal være en http- eller https-adresse, fx https://gruppeforloeb.example.org', en: 'must be an http or https URL, e.g. https://gruppeforloeb.example.org' },
  schema: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
};

/** Used only with a tenant; set without one they have no effect, and the start log says so. */
export const TENANT_ONLY: readonly Variable<unknown>[] = [
  HOST, AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET, AAD_APP_CERTIFICATE_PATH, AAD_APP_OAUTH_AUTHORITY_HOST, GRAPH_ENDPOINT,
  ORGANIZER_MAILBOX, BOT_ID, BOT_PASSWORD, BOT_TENANT_ID, BOT_TYPE, BOT_OPENID_METADATA_URL, TEAMS_APP_CATALOG_ID, TAB_APP_ID_URI,
];

/** An empty value counts as unset: Teams Toolkit's env files list every variable, many of them blank. */
export function rawValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function read<T>(env: NodeJS.ProcessEnv, variable: Variable<T>): T | undefined {
  const raw = rawValue(env, variable.name);
  if (raw === undefined) return undefined;
  const parsed = variable.schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(variable.name, variable.expected, redact(raw, variable.redaction));
  return parsed.data;
}

export function redact(value: string, redaction: Variable<unknown>['redaction']): string {
  if (redaction === 'secret') return '***';
  if (redaction === 'url') return redactUrl(value);
  return value;
}

/** Query parameters through which `pg` also takes secrets. */
const SECRET_PARAMETERS = ['password', 'sslpassword', 'sslkey'];

/** A connection string's password is a secret, wherever it is written; the rest helps the reader find the server. */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return value.includes('@') ? '***' : value;
  const url = new URL(value);
  if (url.password) url.password = '***';
  for (const name of SECRET_PARAMETERS) if (url.searchParams.has(name)) url.searchParams.set(name, '***');
  return url.toString();
}
