import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ObjectStatus } from '../../src/outbox/outbox-status';
import type { DesiredObject } from '../../src/outbox/record-desired';
import { INSTALL_TARGET, installObjectKey, PERSONAL_INSTALL_KIND, type PersonalInstallState } from '../../src/reach/personal-install';
import { GraphDouble } from '../support/graph-double';

const REGISTER = resolve(__dirname, '../support/ts-register.js');
/** The same process as the event tests: loadConfig, sendersFor, msal-node and the Graph client, over HTTPS. */
const FIXTURE = resolve(__dirname, 'fixtures/outbox-over-https.ts');

const DOMAIN = 'tenant.example';
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const BOT_ID = 'b0700000-0000-4000-8000-0000000000b0';
const MEMBER_ID = '11111111-0000-4000-8000-000000000001';
const GUEST_ID = '22222222-0000-4000-8000-000000000002';
const BLOCKED_ID = '33333333-0000-4000-8000-000000000003';
const UNLICENSED_ID = '44444444-0000-4000-8000-000000000004';
const TWICE_ID = '55555555-0000-4000-8000-000000000005';
const NARROW_APP = { clientId: '0b5e1c3a-0000-4000-8000-00000000000e', secret: 'calendars-only-secret' };

interface Run {
  status: ObjectStatus[];
  remoteIds: Record<string, string | null>;
  error?: string;
}

describe('the app installed for participants in Teams, through the outbox and real Graph client, over HTTPS', () => {
  let double: GraphDouble;
  let dir: string;
  let runs = 0;

  const object = (cohortId: string, participantId: string, state: Omit<PersonalInstallState, 'participantId'> | null): DesiredObject => ({
    objectKey: installObjectKey(cohortId, participantId),
    cohortId,
    kind: PERSONAL_INSTALL_KIND,
    target: INSTALL_TARGET,
    label: { da: participantId, en: participantId },
    state: state && { participantId, ...state },
  });

  function run(cohortId: string, objects: DesiredObject[], env: Record<string, string> = {}): Promise<Run> {
    const objectsFile = join(dir, `objects-${++runs}.json`);
    writeFileSync(objectsFile, JSON.stringify(objects));
    const childEnv = { PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, `${cohortId}.sqlite`), OBJECTS: objectsFile, COHORT_ID: cohortId, ...env };
    return new Promise((done, fail) =>
      execFile(process.execPath, ['-r', REGISTER, FIXTURE], { env: childEnv, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error) return fail(new Error(`${error.message}\n${stderr}`));
        const result = JSON.parse(stdout) as Run;
        return result.error ? fail(new Error(result.error)) : done(result);
      }),
    );
  }

  const byParticipant = (result: Run) => Object.fromEntries(result.status.map((s) => [s.objectKey.split(':')[2], s]));
  const chatOf = (userId: string) => `19:${userId}_${BOT_ID}@unq.gbl.spaces`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'install-over-https-'));
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: 0,
      teamsApps: [{ id: CATALOG_ID, displayName: 'Gruppeforløb', botId: BOT_ID }],
      apps: [
        { clientId: '0b5e1c3a-0000-4000-8000-000000000001', secret: 'the-secret-value', roles: ['Calendars.ReadWrite', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'] },
        { ...NARROW_APP, roles: ['Calendars.ReadWrite', 'User.Read.All'] },
      ],
      users: [
        { upn: `forloeb@${DOMAIN}`, displayName: 'Gruppeforløb' },
        { upn: `lone.bach@${DOMAIN}`, id: MEMBER_ID, displayName: 'Lone Bach' },
        { upn: `kasper.holm_horsens.dk#EXT#@${DOMAIN}`, id: GUEST_ID, displayName: 'Kasper Holm', mail: 'Kasper.Holm@horsens.dk', userType: 'Guest' },
        { upn: `spaerret@${DOMAIN}`, id: BLOCKED_ID, displayName: 'Spærret', installBlocked: 'policy' },
        { upn: `uden.licens@${DOMAIN}`, id: UNLICENSED_ID, displayName: 'Uden licens', installBlocked: 'licence' },
        { upn: `to.gange@${DOMAIN}`, id: TWICE_ID, displayName: "Ole O'Brien", mail: "ole.o'brien@kommune.dk" },
      ],
    });
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs for a member found by object id and a guest found by mail, and records each chat', async () => {
    const before = double.counts();
    // The first call meets a 503 with Retry-After: tried again, installed once.
    double.configure({ nextCalls: ['unavailable'] });
    const result = await run('found', [
      object('found', 'member', { entraObjectId: MEMBER_ID, email: 'lone.bach@horsens.dk' }),
      object('found', 'guest', { entraObjectId: null, email: 'kasper.holm@horsens.dk' }),
    ]);
    const status = byParticipant(result);
    expect(status.member).toMatchObject({ state: 'sent', details: { fields: { userId: MEMBER_ID, chatId: chatOf(MEMBER_ID) }, warning: null } });
    expect(status.guest).toMatchObject({ state: 'sent', details: { fields: { userId: GUEST_ID, chatId: chatOf(GUEST_ID) } } });
    const installed = double.installations();
    expect(installed.filter((i) => i.userId === MEMBER_ID || i.userId === GUEST_ID).sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      expect.objectContaining({ userId: MEMBER_ID, catalogId: CATALOG_ID }),
      expect.objectContaining({ userId: GUEST_ID, catalogId: CATALOG_ID }),
    ]);
    expect(result.remoteIds[installObjectKey('found', 'member')]).toBe(installed.find((i) => i.userId === MEMBER_ID)!.id);
    expect(double.counts().appsInstalled - before.appsInstalled).toBe(2);
    expect(double.counts().callsUnavailable - before.callsUnavailable).toBe(1);
  });

  it('treats an app installed already (409) as installed, and still finds the chat', async () => {
    const first = await run('twice-1', [object('twice-1', 'ole', { entraObjectId: null, email: "ole.o'brien@kommune.dk" })]);
    expect(byParticipant(first).ole).toMatchObject({ state: 'sent' });
    const before = double.counts();
    // Another cohort, the same person: Graph answers 409, and the chat is found all the same.
    const second = await run('twice-2', [object('twice-2', 'ole', { entraObjectId: TWICE_ID, email: "ole.o'brien@kommune.dk" })]);
    expect(byParticipant(second).ole).toMatchObject({ state: 'sent', reason: null, details: { fields: { userId: TWICE_ID, chatId: chatOf(TWICE_ID) } } });
    const after = double.counts();
    expect(after.installConflicts - before.installConflicts).toBe(1);
    expect(after.appsInstalled).toBe(before.appsInstalled);
    expect(double.installations().filter((i) => i.userId === TWICE_ID)).toHaveLength(1);
  });

  it('fails for good, with the reason in Danish and English, a user Teams refuses and a person who is no user', async () => {
    const result = await run('refused', [
      object('refused', 'blocked', { entraObjectId: BLOCKED_ID, email: `spaerret@${DOMAIN}` }),
      object('refused', 'unlicensed', { entraObjectId: null, email: `uden.licens@${DOMAIN}` }),
      object('refused', 'outsider', { entraObjectId: null, email: 'ny.medarbejder@viborg.dk' }),
      // An object id the tenant no longer knows, and an address it never did: e-mail too.
      object('refused', 'gone', { entraObjectId: '99999999-0000-4000-8000-000000000009', email: 'fratraadt@kolding.dk' }),
    ]);
    const status = byParticipant(result);
    expect(status.blocked).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^Teams afviste at installere appen.*personen nås via e-mail \/ Teams refused to install the app.*reached by e-mail \(Forbidden: .*app permission policy/),
    });
    expect(status.unlicensed).toMatchObject({ state: 'failed', reason: expect.stringContaining('Forbidden: The user does not have a license') });
    for (const key of ['outsider', 'gone']) {
      expect(status[key]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^ikke bruger i tenanten: nås via e-mail .* \/ not a user of the tenant: reached by e-mail/) });
    }
    expect(double.installations().filter((i) => i.userId === BLOCKED_ID || i.userId === UNLICENSED_ID)).toEqual([]);
  });

  it('says which permission is missing when the app may not install Teams apps', async () => {
    const env = { AAD_APP_CLIENT_ID: NARROW_APP.clientId, AAD_APP_CLIENT_SECRET: NARROW_APP.secret };
    const result = await run('narrow', [object('narrow', 'member', { entraObjectId: MEMBER_ID, email: `lone.bach@${DOMAIN}` })], env);
    expect(byParticipant(result).member).toMatchObject({ state: 'failed', reason: expect.stringContaining('TeamsAppInstallation.ReadWriteSelfForUser.All') });
  });

  it('is done, without a request, with an installation no longer wanted: the app stays', async () => {
    const calls = double.counts().graphCalls;
    const result = await run('unwanted', [object('unwanted', 'member', null)]);
    expect(result.status).toEqual([expect.objectContaining({ state: 'sent', reason: null })]);
    expect(double.counts().graphCalls).toBe(calls);
  });
});
