import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { GraphDouble, type GraphDoubleOptions } from '../support/graph-double';
import { runBuiltCli } from '../support/cli-process';

const DOMAIN = 'tenant.example';
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const ORGANIZER = '00000000-0000-4000-8000-000000000000';
const LONE = '11111111-0000-4000-8000-000000000001';
const TINA = '33333333-0000-4000-8000-000000000003';
const OWNER = `forloeb@${DOMAIN}`;
const TEAM_NAME = 'Gruppeforløb: Demo: Organisering af M-ACT';
/** A team of the same name that another database's cohort "demo" asked for: never to be taken for this one's. */
const NAMESAKE = '0e1de000-0000-4000-8000-0000000000aa';

const tenantOptions = (roles?: string[]): GraphDoubleOptions => ({
  tenantDomain: DOMAIN,
  retryAfterSeconds: 0,
  teamsApps: [{ id: CATALOG_ID }],
  // The operation answers inProgress once, then succeeded: the CLI polls it.
  teamProvisioning: { polls: 1, ms: 60_000 },
  users: [
    { upn: OWNER, id: ORGANIZER, displayName: 'Gruppeforløb' },
    { upn: `lone.bach@${DOMAIN}`, id: LONE, displayName: 'Lone Bach', mail: 'lone.bach@horsens.example.org' },
    // A guest whom Teams will not install the app for personally: reached through the team only.
    { upn: `tina.frost_naestved.example.org#EXT#@${DOMAIN}`, id: TINA, displayName: 'Tina Frost', mail: 'tina.frost@naestved.example.org', userType: 'Guest', installBlocked: 'licence' },
  ],
  teams: [{ id: NAMESAKE, displayName: TEAM_NAME, description: 'Team for gruppeforløbet (gruppeforloeb-team:demo:another-database)', members: [] }],
  ...(roles === undefined ? {} : { apps: [{ clientId: '0b5e1c3a-0000-4000-8000-00000000000e', secret: 'no-team-create-secret', roles }] }),
});

/**
 * `npm run cohort -- team ID --create` as an advisor runs it: the built CLI in a process of its own,
 * against the Graph double over HTTPS, which creates the team asynchronously as Graph does.
 */
describe('npm run cohort -- team --create, against Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  /** Each test its own database: its own cohort "demo", asking for its own team. */
  const tenantIn = (db: string) => (...args: string[]) => runBuiltCli({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, `${db}.sqlite`) }, args);
  const imported = async (db: string) => {
    const tenant = tenantIn(db);
    expect((await tenant('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    return tenant;
  };
  const lineOf = (out: string, name: string) => out.split('\n').find((line) => line.includes(`${name} <`));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'team-create-over-https-'));
    double = await GraphDouble.start(tenantOptions());
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a standard team owned by the organiser, links it, installs the app, and reaches its members through it', async () => {
    const tenant = await imported('created');
    expect(lineOf((await tenant('reach', 'demo', '--install')).out, 'Tina Frost')).toContain('kun e-mail / e-mail only');

    const created = await tenant('team', 'demo', '--create');
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toContain(`Teamet "${TEAM_NAME}" er oprettet i Microsoft Teams med ${OWNER} som ejer.`);
    expect(created.out).toContain(`The team "${TEAM_NAME}" is created in Microsoft Teams with ${OWNER} as owner.`);
    expect(created.out).toContain('The app is installed in the team; 1 member(s) read.');
    const [team] = double.createdTeams();
    expect(double.createdTeams()).toHaveLength(1);
    expect(team).toMatchObject({ displayName: TEAM_NAME, ownerId: ORGANIZER, status: 'succeeded', description: expect.stringContaining('gruppeforloeb-team:demo:') });
    expect(team!.polls).toBeGreaterThanOrEqual(1);
    expect(created.out).toContain(`Teamet ${team!.id} er knyttet til demo.`);
    expect(team!.id).not.toBe(NAMESAKE);
    expect(double.teamInstallations()).toEqual([{ teamId: team!.id, catalogId: CATALOG_ID }]);

    // The owner adds Tina in Teams; asking again creates nothing and reads the roster afresh.
    double.addTeamMember(team!.id, { userId: TINA, email: 'tina.frost@naestved.example.org', displayName: 'Tina Frost', roles: ['guest'] });
    const again = await tenant('team', 'demo', '--create', '--name', 'Et andet navn');
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toContain(`demo har allerede sit team "${TEAM_NAME}"; der er ikke oprettet et nyt.`);
    expect(again.out).toContain(`The team keeps the name "${TEAM_NAME}" it was first requested with.`);
    expect(again.out).toContain('2 member(s) read.');
    expect(double.createdTeams()).toHaveLength(1);
    expect(double.counts().teamsCreated).toBe(1);

    const reach = await tenant('reach', 'demo');
    expect(lineOf(reach.out, 'Tina Frost')).toBe('Næstved Kommune  Tina Frost <tina.frost@naestved.example.org>: Teams via gruppeforløbets team / Teams via the cohort team');
    expect(lineOf(reach.out, 'Lone Bach')).toContain('Teams (personlig chat) / Teams (personal chat)');
    expect((await tenant('outbox', 'demo')).out).toContain(`Teams-team "${TEAM_NAME}" til gruppeforløbet / Teams team "${TEAM_NAME}" for the cohort: Sendt / Sent`);
  });

  it("makes one team when the answer to the create is lost, finding it by its marker among teams of the same name", async () => {
    const tenant = await imported('lost');
    const before = double.counts();
    // Graph makes the team and the answer never arrives; the team is usable a moment later, not polled.
    double.configure({ nextCallsFor: [{ match: '^POST /teams$', fault: 'lost' }], teamProvisioning: { polls: 1, ms: 1_500 } });
    const created = await tenant('team', 'demo', '--create');
    double.configure({ teamProvisioning: { polls: 1, ms: 60_000 } });
    expect(created).toMatchObject({ code: 0, err: '' });
    const after = double.counts();
    expect([after.teamsCreated - before.teamsCreated, after.callsLost - before.callsLost, after.answersLost - before.answersLost]).toEqual([1, 1, 1]);
    const mine = double.createdTeams().at(-1)!;
    expect(created.out).toContain(`Teamet ${mine.id} er knyttet til demo.`);
    expect(created.out).toContain('The app is installed in the team; 1 member(s) read.');
  });

  it('refuses --create together with a TEAM-ID, and --name alone', async () => {
    const tenant = tenantIn('usage');
    expect((await tenant('team', 'demo', '7e57c0de-0000-4000-8000-0000000007ea', '--create')).err).toContain('Usage: team ID --create [--name NAME] (no TEAM-ID)');
    expect((await tenant('team', 'demo', '--name', 'X')).err).toContain('--name goes only with --create.');
  });

  it('creates nothing in local mode, and says so', async () => {
    const local = (...args: string[]) => runBuiltCli({ PATH: process.env.PATH ?? '', DATABASE_FILE: join(dir, 'local.sqlite') }, args);
    expect((await local('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    const refused = await local('team', 'demo', '--create');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Et team kan kun oprettes forbundet til Microsoft 365');
    expect((await local('outbox', 'demo')).out).not.toContain('Teams-team');
  });
});

describe('npm run cohort -- team --create, when the app lacks Team.Create', () => {
  let double: GraphDouble;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'team-create-refused-'));
    double = await GraphDouble.start(tenantOptions(['User.Read.All', 'Team.ReadBasic.All', 'TeamsAppInstallation.ReadWriteSelfForTeam.All', 'TeamMember.Read.All']));
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the refusal in Danish and English, naming the permission, and links nothing', async () => {
    const tenant = (...args: string[]) => runBuiltCli({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'refused.sqlite') }, args);
    expect((await tenant('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    const refused = await tenant('team', 'demo', '--create');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`Teamet "${TEAM_NAME}" kunne ikke oprettes; intet er knyttet til demo:`);
    expect(refused.out).toContain('Appen må ikke oprette teams: giv den applikationstilladelsen Team.Create med administratorsamtykke');
    expect(refused.out).toContain('The app may not create teams: grant it the Team.Create application permission with admin consent');
    expect(refused.out).toContain('Forbidden: Missing role permissions');
    expect(refused.out).not.toContain('er knyttet til demo.');
    expect(double.counts().teamsCreated).toBe(0);
    expect(double.teamInstallations()).toEqual([]);
    const outbox = (await tenant('outbox', 'demo')).out;
    expect(outbox).toContain('Fejlet / Failed');
    expect(outbox).not.toContain('Teams-app i gruppeforløbets team');
  });
});
