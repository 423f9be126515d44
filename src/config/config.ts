import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import {
  ADVISORS, AAD_APP_CERTIFICATE_PATH, AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET, AAD_APP_OAUTH_AUTHORITY_HOST, AAD_APP_TENANT_ID,
  BOT_ID, BOT_OPENID_METADATA_URL, BOT_PASSWORD, BOT_TENANT_ID, BOT_TYPE, DATABASE_FILE, DATABASE_URL, GRAPH_ENDPOINT, HOST, LINK_SECRET, LOCAL_NOW, LOG_LEVEL,
  ORGANIZER_MAILBOX, PORT, PUBLIC_URL, TAB_APP_ID_URI, TEAMS_APP_CATALOG_ID, TENANT_ONLY, rawValue, read, redactUrl, type BotType, type LogLevel, type Variable,
} from './variables';

export { ConfigError, isConfigError } from './config-error';
export type { BotType, LogLevel } from './variables';

export const DEFAULT_PORT = 3978;
export const DEFAULT_DATABASE_FILE = 'data/gruppeforloeb.sqlite';
export const LOOPBACK = '127.0.0.1';

/** No tenant configured: nothing reaches Microsoft 365, and the clock may be set for a demo. */
export interface LocalMode {
  kind: 'local';
  /** `LOCAL_NOW`: where the clock starts; it then runs at real speed. */
  localNow: Date | null;
}

export interface BotConfig {
  appId: string;
  /** Absent for a user-assigned managed identity, which has no password. */
  password: string | null;
  tenantId: string;
  type: BotType;
  /** `BOT_OPENID_METADATA_URL`: where Bot Framework's signing keys are read. */
  openIdMetadataUrl: string;
}

export interface TenantMode {
  kind: 'tenant';
  tenantId: string;
  clientId: string;
  /** Exactly one of the secret and the certificate is set. */
  clientSecret: string | null;
  /** Absolute path of a PEM file with the certificate and its private key. */
  clientCertificatePath: string | null;
  authorityHost: string;
  graphEndpoint: string;
  organizerMailbox: string | null;
  bot: BotConfig | null;
  /** `TEAMS_APP_CATALOG_ID`: the app installed for participants; null installs it for nobody. */
  teamsAppCatalogId: string | null;
  /** `TAB_APP_ID_URI`: the audience of the tab's v1 tokens; null accepts any `api://…/<client id>`. */
  tabAppIdUri: string | null;
}

export interface StoreConfig {
  /** `postgres://…` selects PostgreSQL; null selects SQLite in `databaseFile`. */
  databaseUrl: string | null;
  /** Absolute. */
  databaseFile: string;
}

/** Signed links to the answer pages for people without Teams. */
export interface LinkConfig {
  /** `LINK_SECRET`; null in local mode when unset, where the server keeps a generated one in the database. */
  secret: string | null;
  /** `PUBLIC_URL` without a trailing slash; by default the server on loopback. */
  publicUrl: string;
}

export interface Config {
  port: number;
  /** Where the server listens: loopback in local mode, whatever HOST says. */
  host: string;
  store: StoreConfig;
  logLevel: LogLevel;
  mode: LocalMode | TenantMode;
  links: LinkConfig;
  /** `ADVISORS`: addresses that may create cohorts without advising one yet; lower case. */
  advisors: string[];
  /** Variables that are set but have no effect in this mode, for the start log. */
  ignored: string[];
}

/**
 * The only reader of the environment. Throws ConfigError, one line naming the variable, at the
 * first wrong value; every variable has a default or is needed only with a tenant.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const port = read(env, PORT) ?? DEFAULT_PORT;
  const store = {
    databaseUrl: read(env, DATABASE_URL) ?? null,
    databaseFile: resolve(cwd, read(env, DATABASE_FILE) ?? DEFAULT_DATABASE_FILE),
  };
  const logLevel = read(env, LOG_LEVEL) ?? 'info';
  const localNow = read(env, LOCAL_NOW) ?? null;
  const publicUrl = read(env, PUBLIC_URL) ?? `http://${LOOPBACK}:${port}`;
  const advisors = read(env, ADVISORS) ?? [];
  const tenantId = read(env, AAD_APP_TENANT_ID);
  if (tenantId === undefined) {
    for (const variable of TENANT_ONLY) read(env, variable);
    const ignored = TENANT_ONLY.map((v) => v.name).filter((name) => rawValue(env, name) !== undefined);
    const links = { secret: read(env, LINK_SECRET) ?? null, publicUrl };
    return { port, host: LOOPBACK, store, logLevel, mode: { kind: 'local', localNow }, links, advisors, ignored };
  }
  if (localNow !== null) {
    throw new ConfigError(LOCAL_NOW.name, {
      da: 'kan ikke bruges, når AAD_APP_TENANT_ID er sat: med en tenant gælder det rigtige ur',
      en: 'cannot be used when AAD_APP_TENANT_ID is set: with a tenant the real clock rules',
    });
  }
  const mode = tenantMode(env, tenantId, cwd);
  // Several instances must accept each other's links, so a tenant's secret is configured, never generated.
  const links = { secret: required(env, LINK_SECRET, AAD_APP_TENANT_ID.name), publicUrl };
  return { port, host: read(env, HOST) ?? '0.0.0.0', store, logLevel, mode, links, advisors, ignored: botIgnored(env) };
}

function tenantMode(env: NodeJS.ProcessEnv, tenantId: string, cwd: string): TenantMode {
  return {
    kind: 'tenant',
    tenantId,
    clientId: required(env, AAD_APP_CLIENT_ID, AAD_APP_TENANT_ID.name),
    ...clientCredential(env, cwd),
    authorityHost: read(env, AAD_APP_OAUTH_AUTHORITY_HOST) ?? 'https://login.microsoftonline.com',
    graphEndpoint: read(env, GRAPH_ENDPOINT) ?? 'https://graph.microsoft.com',
    organizerMailbox: read(env, ORGANIZER_MAILBOX) ?? null,
    bot: botConfig(env, tenantId),
    teamsAppCatalogId: read(env, TEAMS_APP_CATALOG_ID) ?? null,
    tabAppIdUri: read(env, TAB_APP_ID_URI) ?? null,
  };
}

/** One credential, never two: with both set, which one the app uses would be a guess. */
function clientCredential(env: NodeJS.ProcessEnv, cwd: string): Pick<TenantMode, 'clientSecret' | 'clientCertificatePath'> {
  const clientSecret = read(env, AAD_APP_CLIENT_SECRET) ?? null;
  const certificatePath = read(env, AAD_APP_CERTIFICATE_PATH);
  if (clientSecret !== null && certificatePath !== undefined) {
    throw new ConfigError(AAD_APP_CERTIFICATE_PATH.name, {
      da: 'kan ikke sættes sammen med AAD_APP_CLIENT_SECRET: vælg enten hemmeligheden eller certifikatet',
      en: 'cannot be set together with AAD_APP_CLIENT_SECRET: choose either the secret or the certificate',
    });
  }
  if (clientSecret === null && certificatePath === undefined) {
    throw new ConfigError(AAD_APP_CLIENT_SECRET.name, {
      da: `skal sættes (eller ${AAD_APP_CERTIFICATE_PATH.name}), når ${AAD_APP_TENANT_ID.name} er sat`,
      en: `is required (or ${AAD_APP_CERTIFICATE_PATH.name}) when ${AAD_APP_TENANT_ID.name} is set`,
    });
  }
  return { clientSecret, clientCertificatePath: certificatePath === undefined ? null : resolve(cwd, certificatePath) };
}

function botConfig(env: NodeJS.ProcessEnv, tenantId: string): BotConfig | null {
  const appId = read(env, BOT_ID);
  const type = read(env, BOT_TYPE) ?? 'SingleTenant';
  const tenant = read(env, BOT_TENANT_ID) ?? tenantId;
  const password = read(env, BOT_PASSWORD) ?? null;
  if (appId === undefined) return null;
  if (password === null && type !== 'UserAssignedMsi') {
    throw new ConfigError(BOT_PASSWORD.name, {
      da: 'skal sættes, når BOT_ID er sat (undtagen med BOT_TYPE=UserAssignedMsi)',
      en: 'is required when BOT_ID is set (except with BOT_TYPE=UserAssignedMsi)',
    });
  }
  const openIdMetadataUrl = read(env, BOT_OPENID_METADATA_URL) ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration';
  return { appId, password, tenantId: tenant, type, openIdMetadataUrl };
}

function botIgnored(env: NodeJS.ProcessEnv): string[] {
  if (rawValue(env, BOT_ID.name) !== undefined) return [];
  return [BOT_PASSWORD, BOT_TENANT_ID, BOT_TYPE, BOT_OPENID_METADATA_URL].map((v) => v.name).filter((name) => rawValue(env, name) !== undefined);
}

function required<T>(env: NodeJS.ProcessEnv, variable: Variable<T>, because: string): T {
  const value = read(env, variable);
  if (value === undefined) {
    throw new ConfigError(variable.name, { da: `skal sættes, når ${because} er sat`, en: `is required when ${because} is set` });
  }
  return value;
}

/** One line for the start log; secrets appear as `***`, never in any other form. */
export function describeConfig(config: Config): string {
  const { databaseUrl, databaseFile } = config.store;
  const parts = [
    `mode=${config.mode.kind}`,
    `listen=${config.host}:${config.port}`,
    databaseUrl === null ? `database=sqlite:${databaseFile}` : `database=${redactUrl(databaseUrl)}`,
    `log=${config.logLevel}`,
    ...modeParts(config.mode),
  ];
  return parts.join(' ');
}

function modeParts(mode: LocalMode | TenantMode): string[] {
  if (mode.kind === 'local') return mode.localNow === null ? [] : [`clock=${mode.localNow.toISOString()} (LOCAL_NOW)`];
  const bot = mode.bot;
  return [
    `tenant=${mode.tenantId}`,
    `client=${mode.clientId}`,
    mode.clientCertificatePath === null ? 'secret=***' : `certificate=${mode.clientCertificatePath}`,
    `authority=${mode.authorityHost}`,
    `graph=${mode.graphEndpoint}`,
    `mailbox=${mode.organizerMailbox ?? '-'}`,
    `teams-app=${mode.teamsAppCatalogId ?? '-'}`,
    `tab-app-id-uri=${mode.tabAppIdUri ?? '-'}`,
    bot === null ? 'bot=-' : `bot=${bot.appId} bot-type=${bot.type} bot-tenant=${bot.tenantId} bot-password=${bot.password === null ? '-' : '***'}`,
  ];
}
