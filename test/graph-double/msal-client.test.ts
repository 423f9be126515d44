import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { GraphDouble } from '../support/graph-double';

const REGISTER = resolve(__dirname, '../support/ts-register.js');
const CLIENT = resolve(__dirname, 'fixtures/msal-client.ts');

/** Runs the msal-node client in a process of its own, trusting the double through NODE_EXTRA_CA_CERTS only. */
function runClient(double: GraphDouble, env: Record<string, string>): Promise<Record<string, unknown>> {
  const base = { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: double.caFile, AUTHORITY: double.authority, KNOWN_AUTHORITY: double.knownAuthority, SCOPE: double.scope };
  return new Promise((done, fail) =>
    execFile(process.execPath, ['-r', REGISTER, CLIENT], { env: { ...base, ...env }, timeout: 15_000 }, (error, stdout, stderr) =>
      error ? fail(new Error(`${error.message}\n${stderr}`)) : done(JSON.parse(stdout) as Record<string, unknown>),
    ),
  );
}

describe('the token endpoint, through msal-node in a child process', () => {
  let double: GraphDouble;
  let keyDir: string;
  let certFile: string;
  let keyFile: string;
  const certApp = 'a5e1c0de-0000-4000-8000-00000000cafe';

  beforeAll(async () => {
    // The app's own certificate, registered on it as Entra ID holds the public half.
    const pems = await generate([{ name: 'commonName', value: 'gruppeforloeb-daemon' }], { keySize: 2048, algorithm: 'sha256' });
    keyDir = mkdtempSync(join(tmpdir(), 'msal-cert-'));
    certFile = join(keyDir, 'cert.pem');
    keyFile = join(keyDir, 'key.pem');
    writeFileSync(certFile, pems.cert);
    writeFileSync(keyFile, pems.private);
    double = await GraphDouble.start({
      apps: [
        { clientId: '0b5e1c3a-0000-4000-8000-000000000001', secret: 'the-secret-value', roles: ['Calendars.ReadWrite'] },
        { clientId: certApp, certificates: [pems.cert], roles: ['Calendars.ReadWrite'] },
      ],
      users: [{ upn: 'raadgiver@tenant.example', displayName: 'Rådgivningsfunktionen' }],
    });
  });

  afterAll(async () => {
    await double.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('issues a token for a client secret, which msal caches, and Graph accepts through the Graph client', async () => {
    const out = await runClient(double, { CLIENT_ID: double.app.clientId, CLIENT_SECRET: 'the-secret-value', GRAPH_URL: double.graphUrl, MAILBOX: 'raadgiver@tenant.example' });
    expect(out.error).toBeUndefined();
    expect(out.claims).toMatchObject({ aud: double.graphUrl, tid: double.tenantId, appid: double.app.clientId, appidacr: '1', roles: ['Calendars.ReadWrite'] });
    expect(out).toMatchObject({ sameTokenAgain: true, secondFromCache: true });
    // Created in Copenhagen summer time, answered in the zone it was given in.
    expect(out.created).toMatchObject({ joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//), start: { dateTime: '2023-06-06T09:00:00.0000000', timeZone: 'Europe/Copenhagen' } });
    expect(out.found).toEqual([(out.created as { id: string }).id]);
    // Two acquisitions for the token check, two for the Graph calls: one request to the endpoint.
    expect(double.counts().tokenRequests).toBe(1);
    // With the double in knownAuthorities, msal reads the OpenID configuration and posts to its token endpoint, nothing else.
    expect(double.counts().unservedLoginRequests).toEqual([]);
  });

  it('issues a token for a certificate, checking the assertion msal signs against the registered certificate', async () => {
    const before = double.counts().tokensIssued;
    const out = await runClient(double, { CLIENT_ID: certApp, CERT_FILE: certFile, KEY_FILE: keyFile });
    expect(out.error).toBeUndefined();
    expect(out.claims).toMatchObject({ appid: certApp, appidacr: '2' });
    expect(double.counts().tokensIssued).toBe(before + 1);
  });

  it('refuses a wrong secret as Entra ID does, which msal reports as invalid_client', async () => {
    const out = await runClient(double, { CLIENT_ID: double.app.clientId, CLIENT_SECRET: 'the-secret-id-by-mistake' });
    expect(out.error).toMatchObject({ errorCode: 'invalid_client', message: expect.stringContaining('AADSTS7000215') });
  });
});
