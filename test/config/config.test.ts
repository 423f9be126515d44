import { resolve } from 'node:path';
import { ConfigError, describeConfig, loadConfig, type Config } from '../../src/config/config';

const CWD = '/srv/gruppeforloeb';
const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '66666666-7777-8888-9999-000000000000';
const BOT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SECRET = 'client-secret-value';
const PASSWORD = 'bot-password-value';

const LINK_SECRET = 'link-secret-value-at-least-32-characters';
const tenantEnv = { AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT, AAD_APP_CLIENT_SECRET: SECRET, LINK_SECRET };

function load(env: NodeJS.ProcessEnv): Config {
  return loadConfig(env, CWD);
}

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with no environment', () => {
  it('runs locally on loopback, port 3978, SQLite under data/', () => {
    expect(load({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      store: { databaseUrl: null, databaseFile: resolve(CWD, 'data/gruppeforloeb.sqlite') },
      logLevel: 'info',
      mode: { kind: 'local', localNow: null },
      links: { secret: null, publicUrl: 'http://127.0.0.1:3978' },
      advisors: [],
      ignored: [],
    });
  });

  it('treats blank values as unset, as Teams Toolkit env files leave them', () => {
    expect(load({ PORT: '', AAD_APP_TENANT_ID: '  ', DATABASE_URL: '' })).toEqual(load({}));
  });
});

describe('loadConfig refuses a wrong value with one line naming the variable', () => {
  it('says what PORT expects, Danish first', () => {
    expect(failure({ PORT: 'abc' }).message).toBe('PORT: skal være et heltal 1–65535 / must be an integer 1–65535 (fik/got "abc")');
  });

  it.each(['0', '65536', '3.5', '-1', '80 80'])('refuses PORT=%s', (port) => {
    expect(failure({ PORT: port }).variable).toBe('PORT');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without echoing its password', () => {
    const error = failure({ DATABASE_URL: 'mysql://app:hunter2@db.example.org/gf' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toContain('postgres://');
    expect(error.message).not.toContain('hunter2');
  });

  it('keeps the message on one line whatever the value holds', () => {
    const message = failure({ PORT: '39\n78' }).message;
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('refuses LOCAL_NOW with a tenant: the real clock rules', () => {
    const error = failure({ ...tenantEnv, LOCAL_NOW: '2023-05-04T09:30' });
    expect(error.variable).toBe('LOCAL_NOW');
    expect(error.message).toMatch(/^LOCAL_NOW: .*AAD_APP_TENANT_ID.* \/ .*real clock/);
  });

  it('requires the client id with a tenant', () => {
    expect(failure({ AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_SECRET: SECRET }).message)
      .toBe('AAD_APP_CLIENT_ID: skal sættes, når AAD_APP_TENANT_ID er sat / is required when AAD_APP_TENANT_ID is set');
  });

  it('requires the client secret with a tenant', () => {
    expect(failure({ AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT }).variable).toBe('AAD_APP_CLIENT_SECRET');
  });

  it('takes a certificate instead of the secret, resolved against the working directory', () => {
    expect(load({ AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT, AAD_APP_CERTIFICATE_PATH: 'secrets/app.pem', LINK_SECRET }).mode)
      .toMatchObject({ clientSecret: null, clientCertificatePath: resolve(CWD, 'secrets/app.pem') });
  });

  it('refuses a secret and a certificate together', () => {
    expect(failure({ ...tenantEnv, AAD_APP_CERTIFICATE_PATH: '/etc/gf/app.pem' }).variable).toBe('AAD_APP_CERTIFICATE_PATH');
  });

  it.each(['AAD_APP_OAUTH_AUTHORITY_HOST', 'GRAPH_ENDPOINT'])('requires https in %s', (name) => {
    const error = failure({ ...tenantEnv, [name]: 'http://login.example.org' });
    expect(error.variable).toBe(name);
    expect(error.message).toContain('https');
  });

  it.each([
    ['AAD_APP_TENANT_ID', 'contoso'],
    ['LOCAL_NOW', 'tomorrow'],
    ['LOCAL_NOW', '2023-05-04'],
    ['LOCAL_NOW', '2023-02-30T10:00'],
    ['LOG_LEVEL', 'verbose'],
    ['HOST', 'not a host'],
    ['ORGANIZER_MAILBOX', 'advisors'],
    ['BOT_TYPE', 'Single'],
  ])('refuses %s=%s', (name, value) => {
    expect(failure({ [name]: value }).variable).toBe(name);
  });

  it('refuses a Copenhagen time that does not exist (the hour skipped in spring)', () => {
    expect(failure({ LOCAL_NOW: '2023-03-26T02:30' }).variable).toBe('LOCAL_NOW');
  });

  it('requires BOT_PASSWORD with BOT_ID, except for a managed identity', () => {
    expect(failure({ ...tenantEnv, BOT_ID: BOT }).variable).toBe('BOT_PASSWORD');
    expect(load({ ...tenantEnv, BOT_ID: BOT, BOT_TYPE: 'UserAssignedMsi' }).mode).toMatchObject({ bot: { password: null } });
  });
});

describe('loadConfig in local mode', () => {
  it('reads LOCAL_NOW as Copenhagen time without an offset, in summer and winter', () => {
    expect(load({ LOCAL_NOW: '2023-05-04T09:30' }).mode).toEqual({ kind: 'local', localNow: new Date('2023-05-04T07:30:00Z') });
    expect(load({ LOCAL_NOW: '2023-10-31T09:00:00' }).mode).toEqual({ kind: 'local', localNow: new Date('2023-10-31T08:00:00Z') });
  });

  it('honours an explicit offset in LOCAL_NOW', () => {
    expect(load({ LOCAL_NOW: '2023-05-04T09:30:00.000Z' }).mode).toEqual({ kind: 'local', localNow: new Date('2023-05-04T09:30:00Z') });
    expect(load({ LOCAL_NOW: '2023-05-04T09:30+01:00' }).mode).toEqual({ kind: 'local', localNow: new Date('2023-05-04T08:30:00Z') });
  });

  it('listens on loopback whatever HOST says, and reports HOST as without effect', () => {
    const config = load({ HOST: '0.0.0.0', BOT_ID: BOT });
    expect(config.host).toBe('127.0.0.1');
    expect(config.ignored).toEqual(['HOST', 'BOT_ID']);
  });

  it('selects PostgreSQL by DATABASE_URL and resolves DATABASE_FILE against the working directory', () => {
    expect(load({ DATABASE_URL: 'postgresql://gf@127.0.0.1:5432/gf' }).store.databaseUrl).toBe('postgresql://gf@127.0.0.1:5432/gf');
    expect(load({ DATABASE_FILE: 'var/gf.sqlite' }).store.databaseFile).toBe(resolve(CWD, 'var/gf.sqlite'));
    expect(load({ DATABASE_FILE: '/tmp/gf.sqlite' }).store.databaseFile).toBe('/tmp/gf.sqlite');
  });
});

describe('loadConfig with a tenant', () => {
  it('fills the defaults of the Microsoft endpoints and listens on all interfaces', () => {
    const config = load(tenantEnv);
    expect(config.host).toBe('0.0.0.0');
    expect(config.mode).toEqual({
      kind: 'tenant',
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: SECRET,
      clientCertificatePath: null,
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
      organizerMailbox: null,
      bot: null,
      teamsAppCatalogId: null,
      tabAppIdUri: null,
    });
  });

  it('takes the tab app id URI as an api:// URI, and refuses anything else', () => {
    const URI = `api://gruppeforloeb.example.org/${CLIENT}`;
    expect(load({ ...tenantEnv, TAB_APP_ID_URI: URI }).mode).toMatchObject({ tabAppIdUri: URI });
    expect(describeConfig(load({ ...tenantEnv, TAB_APP_ID_URI: URI }))).toContain(`tab-app-id-uri=${URI}`);
    expect(() => load({ ...tenantEnv, TAB_APP_ID_URI: `https://gruppeforloeb.example.org/${CLIENT}` })).toThrow(/TAB_APP_ID_URI/);
    expect(load({ TAB_APP_ID_URI: URI }).ignored).toEqual(['TAB_APP_ID_URI']);
  });

  it('takes the Teams app catalog id as a GUID, and refuses anything else', () => {
    const APP = 'a1b2c3d4-0000-4000-8000-00000000a1b2';
    expect(load({ ...tenantEnv, TEAMS_APP_CATALOG_ID: APP }).mode).toMatchObject({ teamsAppCatalogId: APP });
    expect(describeConfig(load({ ...tenantEnv, TEAMS_APP_CATALOG_ID: APP }))).toContain(`teams-app=${APP}`);
    expect(() => load({ ...tenantEnv, TEAMS_APP_CATALOG_ID: 'com.example.gruppeforloeb' })).toThrow(/TEAMS_APP_CATALOG_ID/);
    expect(load({ TEAMS_APP_CATALOG_ID: APP }).ignored).toEqual(['TEAMS_APP_CATALOG_ID']);
  });

  it('takes HOST, the endpoints without a trailing slash and the bot with the tenant as its default', () => {
    const config = load({
      ...tenantEnv, HOST: '10.0.0.5', GRAPH_ENDPOINT: 'https://graph.microsoft.us/', ORGANIZER_MAILBOX: 'forloeb@example.org',
      BOT_ID: BOT, BOT_PASSWORD: PASSWORD,
    });
    expect(config.host).toBe('10.0.0.5');
    expect(config.mode).toMatchObject({
      graphEndpoint: 'https://graph.microsoft.us',
      organizerMailbox: 'forloeb@example.org',
      bot: { appId: BOT, password: PASSWORD, tenantId: TENANT, type: 'SingleTenant' },
    });
  });

  it('reports bot variables set without BOT_ID as without effect', () => {
    expect(load({ ...tenantEnv, BOT_PASSWORD: PASSWORD }).ignored).toEqual(['BOT_PASSWORD']);
  });
});

describe('describeConfig', () => {
  it('summarises local mode on one line, with the moved clock', () => {
    const line = describeConfig(load({ LOCAL_NOW: '2023-05-04T09:30' }));
    expect(line).toBe(`mode=local listen=127.0.0.1:3978 database=sqlite:${resolve(CWD, 'data/gruppeforloeb.sqlite')} log=info clock=2023-05-04T07:30:00.000Z (LOCAL_NOW)`);
  });

  it('shows secrets and database passwords only as ***', () => {
    const line = describeConfig(load({
      ...tenantEnv, BOT_ID: BOT, BOT_PASSWORD: PASSWORD, DATABASE_URL: 'postgres://gf:db-password-value@db.example.org:5432/gf',
    }));
    expect(line).not.toMatch(/client-secret-value|bot-password-value|db-password-value/);
    expect(line).toContain('secret=***');
    expect(line).toContain('bot-password=***');
    expect(line).toContain('database=postgres://gf:***@db.example.org:5432/gf');
    expect(line).toContain(`tenant=${TENANT}`);
    expect(line).not.toMatch(/\n/);
  });

  it('hides a database password given as a query parameter too', () => {
    const line = describeConfig(load({ DATABASE_URL: 'postgres://gf@db.example.org/gf?password=query-secret&sslmode=require' }));
    expect(line).not.toContain('query-secret');
    expect(line).toContain('password=***');
    expect(line).toContain('sslmode=require');
  });

  it('names the certificate file: a path, not a secret', () => {
    const line = describeConfig(load({ AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT, AAD_APP_CERTIFICATE_PATH: '/etc/gf/app.pem', LINK_SECRET }));
    expect(line).toContain('certificate=/etc/gf/app.pem');
    expect(line).not.toContain('secret=');
  });
});

describe('loadConfig for signed links', () => {
  it('takes LINK_SECRET and PUBLIC_URL, without a trailing slash', () => {
    expect(load({ LINK_SECRET, PUBLIC_URL: 'https://gf.example.org/' }).links).toEqual({ secret: LINK_SECRET, publicUrl: 'https://gf.example.org' });
    expect(load({ PORT: '8080' }).links.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('requires LINK_SECRET with a tenant, in one line naming it', () => {
    expect(failure({ ...tenantEnv, LINK_SECRET: '' }).message).toBe('LINK_SECRET: skal sættes, når AAD_APP_TENANT_ID er sat / is required when AAD_APP_TENANT_ID is set');
  });

  it('refuses a short LINK_SECRET without echoing it, and a PUBLIC_URL that is not http(s)', () => {
    const short = failure({ LINK_SECRET: 'too-short-secret' });
    expect(short.message).toMatch(/^LINK_SECRET: skal være mindst 32 tegn/);
    expect(short.message).not.toContain('too-short-secret');
    expect(failure({ PUBLIC_URL: 'ftp://gf.example.org' }).variable).toBe('PUBLIC_URL');
  });
});

describe('loadConfig for the advisors who may create cohorts', () => {
  it('takes ADVISORS as comma-separated addresses, in lower case, in either mode', () => {
    expect(load({ ADVISORS: ' Signe@Styrelsen.example.org, ole@styrelsen.example.org ,' }).advisors).toEqual(['signe@styrelsen.example.org', 'ole@styrelsen.example.org']);
    expect(load({ ...tenantEnv, ADVISORS: 'signe@styrelsen.example.org' }).advisors).toEqual(['signe@styrelsen.example.org']);
  });

  it('refuses anything but addresses, in one line naming it', () => {
    expect(failure({ ADVISORS: 'signe@styrelsen.example.org;ole' }).message).toBe(
      'ADVISORS: skal være e-mailadresser adskilt af komma, fx signe@styrelsen.dk,ole@styrelsen.dk / must be e-mail addresses separated by commas, e.g. signe@styrelsen.dk,ole@styrelsen.dk (fik/got "signe@styrelsen.example.org;ole")',
    );
    expect(failure({ ADVISORS: ',' }).variable).toBe('ADVISORS');
  });
});
