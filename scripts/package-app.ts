import AdmZip from 'adm-zip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ConfigError, isConfigError } from '../src/config/config-error';
import { AAD_APP_CLIENT_ID, BOT_ID, PUBLIC_URL, TAB_APP_ID_URI, TEAMS_APP_ID, read, type Variable } from '../src/config/variables';
import { PACKAGE_ROOT } from '../src/server/package-root';
import { APP_PACKAGE_DIR, ICON_FILES } from './make-icons';

/**
 * `npm run package`: fills appPackage/manifest.template.json from the environment, checks the result
 * and the English strings against Microsoft's schemas for the manifest version (bundled with
 * `@microsoft/app-manifest`, never fetched), and writes appPackage/build/appPackage.zip for upload to
 * the organisation's app catalog.
 */

/** The newest manifest version whose schema `@microsoft/app-manifest` bundles; the template uses it. */
export const MANIFEST_VERSION = '1.30';
export const TEMPLATE_FILE = join(APP_PACKAGE_DIR, 'manifest.template.json');
export const LOCALIZATION_FILES = ['en.json'] as const;
export const PACKAGE_FILE = join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');

/** Fixed, so the same client id always gives the same app id (a UUID v5 in this namespace). */
const TEAMS_APP_ID_NAMESPACE = '3d6f0c1e-8a52-4f4b-9e0a-6b1f2c7d9a41';

/** What the template's `${{NAME}}` placeholders are filled with. */
export interface PackageValues {
  TEAMS_APP_ID: string;
  APP_VERSION: string;
  BOT_ID: string;
  AAD_APP_CLIENT_ID: string;
  /** Without a trailing slash; the tab is at `${PUBLIC_URL}/tab/`. */
  PUBLIC_URL: string;
  /** PUBLIC_URL's host: the tab's and the SSO resource's domain. */
  TAB_DOMAIN: string;
  TAB_APP_ID_URI: string;
}

/** Something wrong with the package itself (not with the environment): the template, a file, the schema. */
export class AppPackageError extends Error {
  override name = 'AppPackageError';
}

function required<T>(env: NodeJS.ProcessEnv, variable: Variable<T>): T {
  const value = read(env, variable);
  if (value === undefined) {
    throw new ConfigError(variable.name, {
      da: 'skal sættes for at bygge Teams-app-pakken (npm run package)',
      en: 'is required to build the Teams app package (npm run package)',
    });
  }
  return value;
}

/**
 * The template's values from the environment, checked as the server checks them. Throws ConfigError,
 * one line naming the variable, at the first one missing or wrong.
 */
export function packageValues(env: NodeJS.ProcessEnv, appVersion: string): PackageValues {
  const botId = required(env, BOT_ID);
  const clientId = required(env, AAD_APP_CLIENT_ID);
  const publicUrl = required(env, PUBLIC_URL);
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') {
    throw new ConfigError(PUBLIC_URL.name, {
      da: 'skal være en https-adresse, for Teams viser kun faner over https',
      en: 'must be an https URL, as Teams shows tabs over https only',
    }, publicUrl);
  }
  const domain = url.host;
  const tabAppIdUri = read(env, TAB_APP_ID_URI) ?? `api://${domain}/${clientId}`;
  if (!tabAppIdUri.toLowerCase().startsWith(`api://${domain}/`) || !tabAppIdUri.toLowerCase().endsWith(clientId.toLowerCase())) {
    throw new ConfigError(TAB_APP_ID_URI.name, {
      da: `skal være api://${domain}/<AAD_APP_CLIENT_ID> (fanens domæne og app-registreringens id), fx api://${domain}/${clientId}`,
      en: `must be api://${domain}/<AAD_APP_CLIENT_ID> (the tab's domain and the app registration's id), e.g. api://${domain}/${clientId}`,
    }, tabAppIdUri);
  }
  return {
    TEAMS_APP_ID: read(env, TEAMS_APP_ID) ?? derivedTeamsAppId(clientId),
    APP_VERSION: appVersion,
    BOT_ID: botId,
    AAD_APP_CLIENT_ID: clientId,
    PUBLIC_URL: publicUrl,
    TAB_DOMAIN: domain,
    TAB_APP_ID_URI: tabAppIdUri,
  };
}

/** A name-based UUID (version 5, RFC 9562) of the client id: stable for one installation, distinct between them. */
export function derivedTeamsAppId(clientId: string): string {
  const namespace = Buffer.from(TEAMS_APP_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`gruppeforloeb-teams:${clientId.toLowerCase()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** Every `${{NAME}}` in every string of the template replaced; one the values lack is an error, not a blank. */
export function fillTemplate(template: unknown, values: PackageValues): unknown {
  const table: Record<string, string> = { ...values };
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_, name: string) => {
        const value = table[name];
        if (value === undefined) throw new AppPackageError(`manifest.template.json: ukendt pladsholder / unknown placeholder \${{${name}}}`);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return fill(template);
}

type SchemaKind = 'MicrosoftTeams' | 'MicrosoftTeams.Localization';

/** Microsoft's schema as `@microsoft/app-manifest` ships it: read from node_modules, never from the network. */
export function bundledSchema(kind: SchemaKind, version: string = MANIFEST_VERSION): object {
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/${kind}.schema.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { patternProperties?: Record<string, unknown> };
  if (schema.patternProperties) schema.patternProperties = Object.fromEntries(Object.entries(schema.patternProperties).map(([key, value]) => [unicodePattern(key), value]));
  return schema;
}

/**
 * The localization schemas' `activities.activityTypes[…]` patterns close the brackets with a bare
 * `\b]`: a literal `]` in a plain JavaScript RegExp, a syntax error with the `u` flag Ajv compiles
 * patterns with, so the library cannot compile them as shipped. Escaping it keeps the meaning.
 */
function unicodePattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return pattern.replace(/\\b\]/g, '\\b\\]');
  }
}

/**
 * The schema's complaints about a manifest (or a localization file), none when it is valid. The
 * schema is handed over, so the library has nothing to fetch.
 */
export async function schemaErrors(document: unknown, kind: SchemaKind = 'MicrosoftTeams'): Promise<string[]> {
  const schema = bundledSchema(kind) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  return AppManifestUtils.validateAgainstSchema(document as AppManifest, schema);
}

async function validated(name: string, document: unknown, kind: SchemaKind): Promise<void> {
  const errors = await schemaErrors(document, kind);
  if (errors.length > 0) {
    throw new AppPackageError(`${name} følger ikke skemaet / does not follow the schema (v${MANIFEST_VERSION}): ${errors.map((e) => e.trim()).join('; ')}`);
  }
}

function readJson(dir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (error) {
    throw new AppPackageError(`${name}: ${(error as Error).message}`);
  }
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

/** The filled, checked manifest and the zip Teams takes: manifest.json at the root, the icons, the translations. */
export async function buildAppPackage(env: NodeJS.ProcessEnv, dir: string = APP_PACKAGE_DIR): Promise<AppPackage> {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const values = packageValues(env, version);
  const manifest = fillTemplate(readJson(dir, 'manifest.template.json'), values) as Record<string, unknown>;
  await validated('manifest.json', manifest, 'MicrosoftTeams');
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const name of LOCALIZATION_FILES) {
    await validated(name, readJson(dir, name), 'MicrosoftTeams.Localization');
    zip.addFile(name, readFileSync(join(dir, name)));
  }
  for (const name of Object.values(ICON_FILES)) zip.addFile(name, readFileSync(join(dir, name)));
  return { manifest, zip: zip.toBuffer() };
}

async function main(): Promise<void> {
  try {
    const { manifest, zip } = await buildAppPackage(process.env);
    mkdirSync(dirname(PACKAGE_FILE), { recursive: true });
    writeFileSync(PACKAGE_FILE, zip);
    console.log(`Skrev / wrote ${relative(PACKAGE_ROOT, PACKAGE_FILE)}: manifest ${MANIFEST_VERSION}, app ${String(manifest.id)}, version ${String(manifest.version)}`);
  } catch (error) {
    if (isConfigError(error) || error instanceof AppPackageError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (require.main === module) void main();
