import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { packageValues } from '../../scripts/package-app';
import { CLIENT, DOMAIN, PACKAGE_ENV } from './support';

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    packageValues(env, '1.0.0');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the packaging environment', () => {
  it.each(['BOT_ID', 'AAD_APP_CLIENT_ID', 'PUBLIC_URL'])('without %s fails naming it, Danish then English', (name) => {
    const error = failure({ ...PACKAGE_ENV, [name]: undefined });
    expect(error.variable).toBe(name);
    expect(error.message).toBe(`${name}: skal sættes for at bygge Teams-app-pakken (npm run package) / is required to build the Teams app package (npm run package)`);
  });

  it('counts a blank value as missing, as the server does', () => {
    expect(failure({ ...PACKAGE_ENV, BOT_ID: '  ' }).variable).toBe('BOT_ID');
  });

  it('checks values as the server does', () => {
    expect(failure({ ...PACKAGE_ENV, BOT_ID: 'not-a-guid' }).message).toBe(
      'BOT_ID: skal være et GUID, fx 00000000-0000-0000-0000-000000000000 / must be a GUID, e.g. 00000000-0000-0000-0000-000000000000 (fik/got "not-a-guid")',
    );
    expect(failure({ ...PACKAGE_ENV, TEAMS_APP_ID: 'x' }).variable).toBe('TEAMS_APP_ID');
  });

  it('wants https, as Teams shows tabs over https only', () => {
    const error = failure({ ...PACKAGE_ENV, PUBLIC_URL: 'http://127.0.0.1:3978' });
    expect(error.message).toBe(
      'PUBLIC_URL: skal være en https-adresse, for Teams viser kun faner over https / must be an https URL, as Teams shows tabs over https only (fik/got "http://127.0.0.1:3978")',
    );
  });

  it('wants TAB_APP_ID_URI on the tab’s domain and ending in the client id', () => {
    expect(failure({ ...PACKAGE_ENV, TAB_APP_ID_URI: `api://elsewhere.example.org/${CLIENT}` }).variable).toBe('TAB_APP_ID_URI');
    expect(failure({ ...PACKAGE_ENV, TAB_APP_ID_URI: `api://${DOMAIN}/11111111-2222-3333-4444-555555555555` }).message).toContain(
      `must be api://${DOMAIN}/<AAD_APP_CLIENT_ID>`,
    );
  });

  it('keeps a path and port of PUBLIC_URL in the tab’s address, the host alone as its domain', () => {
    const values = packageValues({ ...PACKAGE_ENV, PUBLIC_URL: 'https://Apps.Example.org:8443/gruppeforloeb/' }, '1.0.0');
    expect(values.PUBLIC_URL).toBe('https://Apps.Example.org:8443/gruppeforloeb');
    expect(values.TAB_DOMAIN).toBe('apps.example.org:8443');
    expect(values.TAB_APP_ID_URI).toBe(`api://apps.example.org:8443/${CLIENT}`);
  });

  it('npm run package stops with that one line and exit code 1', async () => {
    const root = resolve(__dirname, '../..');
    const env = { PATH: process.env.PATH ?? '', AAD_APP_CLIENT_ID: CLIENT, PUBLIC_URL: `https://${DOMAIN}` };
    const run = await new Promise<{ code: number; out: string; err: string }>((done) =>
      execFile(process.execPath, ['-r', './test/support/ts-register.js', 'scripts/package-app.ts'], { cwd: root, env, timeout: 60_000 }, (error, out, err) =>
        done({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      ),
    );
    expect(run).toEqual({
      code: 1,
      out: '',
      err: 'BOT_ID: skal sættes for at bygge Teams-app-pakken (npm run package) / is required to build the Teams app package (npm run package)\n',
    });
  });
});
