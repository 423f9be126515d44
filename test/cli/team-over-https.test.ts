import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { GraphDouble } from '../support/graph-double';
import { runBuiltCli } from '../support/cli-process';

const DOMAIN = 'tenant.example';
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const TEAM_ID = '7e57c0de-0000-4000-8000-0000000007ea';
const UNKNOWN_TEAM = '0badc0de-0000-4000-8000-000000000404';
const ORGANIZER = '00000000-0000-4000-8000-000000000000';
const LONE = '11111111-0000-4000-8000-000000000001';
const TINA = '33333333-0000-4000-8000-000000000003';
const OTHER = '44444444-0000-4000-8000-000000000004';

/**
 * `npm run cohort -- team ID TEAM-ID` as an advisor runs it: the built CLI in a process of its own,
 * against the Graph double over HTTPS. The team's roster comes in pages of two.
 */
describe('npm run cohort -- team, against Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  const tenant = (...args: string[]) => runBuiltCli({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'tenant.sqlite') }, args);
  const lineOf = (out: string, name: string) => out.split('\n').find((line) => line.includes(`${name} <`));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'team-over-https-'));
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: 0,
      pageSize: 2,
      teamsApps: [{ id: CATALOG_ID }],
      users: [
        { upn: `forloeb@${DOMAIN}`, id: ORGANIZER, displayName: 'Gruppeforløb' },
        { upn: `lone.bach@${DOMAIN}`, id: LONE, displayName: 'Lone Bach', mail: 'lone.bach@horsens.example.org' },
        // A guest whom Teams will not install the app for personally: reached through the team only.
        { upn: `tina.frost_naestved.example.org#EXT#@${DOMAIN}`, id: TINA, displayName: 'Tina Frost', mail: 'tina.frost@naestved.example.org', userType: 'Guest', installBlocked: 'licence' },
      ],
      teams: [
        {
          id: TEAM_ID,
          displayName: 'M-ACT netværk',
          members: [
            { userId: ORGANIZER, email: `forloeb@${DOMAIN}`, displayName: 'Gruppeforløb', roles: ['owner'] },
            { userId: LONE, email: 'lone.bach@horsens.example.org', displayName: 'Lone Bach' },
            { userId: TINA, email: 'Tina.Frost@naestved.example.org', displayName: 'Tina Frost', roles: ['guest'] },
            { userId: OTHER, email: `someone.else@${DOMAIN}`, displayName: 'Someone Else' },
          ],
        },
      ],
    });
    expect((await tenant('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs the app in the linked team once, and reaches a guest of the team without a personal chat through it', async () => {
    const installed = await tenant('reach', 'demo', '--install');
    expect(installed.code).toBe(0);
    expect(lineOf(installed.out, 'Tina Frost')).toContain('kun e-mail / e-mail only');

    const linked = await tenant('team', 'demo', TEAM_ID);
    expect(linked).toMatchObject({ code: 0, err: '' });
    expect(linked.out).toContain(`Teamet ${TEAM_ID} er knyttet til demo.`);
    expect(linked.out).toContain('The app is installed in the team; 4 member(s) read.');
    expect(double.teamInstallations()).toEqual([{ teamId: TEAM_ID, catalogId: CATALOG_ID }]);

    const reach = await tenant('reach', 'demo');
    expect(reach.code).toBe(0);
    expect(lineOf(reach.out, 'Tina Frost')).toBe('Næstved Kommune  Tina Frost <tina.frost@naestved.example.org>: Teams via gruppeforløbets team / Teams via the cohort team');
    // A personal chat wins over the team.
    expect(lineOf(reach.out, 'Lone Bach')).toContain('Teams (personlig chat) / Teams (personal chat)');
    // Not in the team, not a user: still e-mail only.
    expect(lineOf(reach.out, 'Mikkel Skov')).toContain('kun e-mail / e-mail only');

    // Linked again: the roster is read afresh, and the app is not installed twice.
    const again = await tenant('team', 'demo', TEAM_ID);
    expect(again.code).toBe(0);
    expect(double.teamInstallations()).toHaveLength(1);
    expect(double.teamInstallConflicts).toBe(1);
    expect(lineOf((await tenant('reach', 'demo')).out, 'Tina Frost')).toContain('Teams via the cohort team');
  });

  it('fails with the reason for a team the tenant does not have', async () => {
    const unknown = await tenant('team', 'demo', UNKNOWN_TEAM);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain(`Teamet ${UNKNOWN_TEAM} findes ikke`);
    expect(unknown.out).toContain(`Team ${UNKNOWN_TEAM} does not exist`);
    expect(unknown.out).toContain('NotFound: No team found');
    // The unknown team replaced the one linked before: nobody is reached through a team now.
    expect(lineOf((await tenant('reach', 'demo')).out, 'Tina Frost')).toContain('kun e-mail / e-mail only');
  });

  it('refuses a team id that is not a GUID', async () => {
    const wrong = await tenant('team', 'demo', 'not-a-team');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('"not-a-team" is not a team id');
  });
});
