import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { GraphDouble } from '../support/graph-double';
import { runBuiltCli } from '../support/cli-process';

const DOMAIN = 'tenant.example';
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const LONE = '11111111-0000-4000-8000-000000000001';
const KASPER = '22222222-0000-4000-8000-000000000002';
/** The demo cohort's participants, municipality by municipality. */
const PARTICIPANTS = 13;

const STATES = /: (Teams \(personlig chat\) \/ Teams \(personal chat\)|afventer \/ pending|kun e-mail \/ e-mail only|ikke forbundet til Microsoft 365 \/ not connected to Microsoft 365)$/;

/**
 * `npm run cohort -- reach` as an advisor runs it: the built CLI in a process of its own, with a
 * tenant (the Graph double over HTTPS) or without one.
 */
describe('npm run cohort -- reach, against Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  const cohort = (env: Record<string, string>, database: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> =>
    runBuiltCli({ PATH: process.env.PATH ?? '', ...env, DATABASE_FILE: join(dir, database) }, args);
  const tenant = (...args: string[]) => cohort(double.env(), 'tenant.sqlite', ...args);
  /** One line per participant, each in one of the states. */
  const participantLines = (out: string) => out.split('\n').filter((line) => / Kommune {2}/.test(line));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reach-over-https-'));
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: 0,
      teamsApps: [{ id: CATALOG_ID }],
      users: [
        { upn: `forloeb@${DOMAIN}`, displayName: 'Gruppeforløb' },
        { upn: `lone.bach@${DOMAIN}`, id: LONE, displayName: 'Lone Bach', mail: 'lone.bach@horsens.example.org' },
        { upn: `kasper.holm_horsens.example.org#EXT#@${DOMAIN}`, id: KASPER, displayName: 'Kasper Holm', mail: 'kasper.holm@horsens.example.org', userType: 'Guest' },
        { upn: `henrik.thomsen@${DOMAIN}`, displayName: 'Henrik Thomsen', mail: 'henrik.thomsen@kolding.example.org', installBlocked: 'policy' },
      ],
    });
    for (const database of ['tenant.sqlite', 'local.sqlite']) {
      const env = database === 'local.sqlite' ? {} : double.env();
      expect((await cohort(env, database, 'import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    }
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says every participant is not connected in local mode', async () => {
    const reach = await cohort({}, 'local.sqlite', 'reach', 'demo');
    expect(reach).toMatchObject({ code: 0, err: '' });
    const lines = participantLines(reach.out);
    expect(lines).toHaveLength(PARTICIPANTS);
    expect(lines.every((line) => line.endsWith(': ikke forbundet til Microsoft 365 / not connected to Microsoft 365'))).toBe(true);
    // --install records the installations, but nothing here can carry them out.
    const install = await cohort({}, 'local.sqlite', 'reach', 'demo', '--install');
    expect(install.out).toContain(`${PARTICIPANTS} installation(er) i Teams bestilt i demo.`);
    expect(participantLines(install.out).every((line) => line.includes('ikke forbundet til Microsoft 365'))).toBe(true);
  });

  it('says why e-mail only when TEAMS_APP_CATALOG_ID is not set', async () => {
    const reach = await cohort({ ...double.env(), TEAMS_APP_CATALOG_ID: '' }, 'tenant.sqlite', 'reach', 'demo');
    expect(reach.code).toBe(0);
    expect(participantLines(reach.out)).toHaveLength(PARTICIPANTS);
    expect(reach.out.match(/TEAMS_APP_CATALOG_ID er ikke sat/g)).toHaveLength(PARTICIPANTS);
  });

  it('installs the app for the tenant\'s users, reaches them in Teams, and everyone else by e-mail with the reason', async () => {
    const before = await tenant('reach', 'demo');
    expect(participantLines(before.out)).toHaveLength(PARTICIPANTS);
    expect(before.out.match(/Teams-installation er ikke bestilt/g)).toHaveLength(PARTICIPANTS);

    const installed = await tenant('reach', 'demo', '--install');
    expect(installed).toMatchObject({ code: 0, err: '' });
    expect(installed.out).toContain(`${PARTICIPANTS} installation(er) i Teams bestilt i demo.`);
    const lines = participantLines(installed.out);
    expect(lines).toHaveLength(PARTICIPANTS);
    expect(lines.every((line) => STATES.test(line))).toBe(true);
    const teams = lines.filter((line) => line.includes('Teams (personlig chat)'));
    expect(teams).toEqual([
      'Horsens Kommune  Lone Bach <lone.bach@horsens.example.org>: Teams (personlig chat) / Teams (personal chat)',
      'Horsens Kommune  Kasper Holm <kasper.holm@horsens.example.org>: Teams (personlig chat) / Teams (personal chat)',
    ]);
    expect(installed.out).toMatch(/Henrik Thomsen <henrik\.thomsen@kolding\.example\.org>: kun e-mail \/ e-mail only\n {4}Teams afviste at installere appen/);
    expect(installed.out.match(/ikke bruger i tenanten: nås via e-mail/g)).toHaveLength(PARTICIPANTS - 3);
    expect(double.installations().map((i) => i.userId).sort()).toEqual([LONE, KASPER].sort());

    // Asked again: the installed stay as they are; only what failed is asked for again, and installs nothing twice.
    const counts = double.counts();
    const again = await tenant('reach', 'demo', '--install');
    expect(again.out).toContain(`${PARTICIPANTS - 2} installation(er) i Teams bestilt i demo.`);
    expect(participantLines(again.out).filter((line) => line.includes('Teams (personlig chat)'))).toHaveLength(2);
    expect(double.counts().appsInstalled).toBe(counts.appsInstalled);
    expect(double.installations()).toHaveLength(2);
  });
});
