import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/app/clock';
import { loadConfig } from '../../src/config/config';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { MAIL_KEY_PROPERTY } from '../../src/graph/mail-sender';
import { openStore, type Store } from '../../src/store/open-store';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import { GraphDouble, type DeliveredMail } from '../support/graph-double';
import { runBuiltCli, type CliRun } from '../support/cli-process';

const DOMAIN = 'tenant.example';
const ORGANIZER = `forloeb@${DOMAIN}`;
const CATALOG_ID = '5f0c1a2b-0000-4000-8000-00000000ca7a';
const LONE = 'lone.bach@horsens.example.org';
const KASPER = 'kasper.holm@horsens.example.org';
/** The demo cohort's participants; Lone and Kasper are reached in Teams once the app is installed for them. */
const PARTICIPANTS = 13;
const EMAIL_ONLY = PARTICIPANTS - 2;

type Run = CliRun;

/**
 * `npm run cohort -- invite` as an advisor runs it: the built CLI in a process of its own, sending
 * through the Graph double over HTTPS; the links in the mails opened against the product's server.
 */
describe('npm run cohort -- invite, RSVP mails through Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  const cli = (env: Record<string, string>, database: string, ...args: string[]): Promise<Run> =>
    runBuiltCli({ PATH: process.env.PATH ?? '', ...env, DATABASE_FILE: join(dir, database) }, args);
  const tenant = (...args: string[]) => cli(double.env(), 'tenant.sqlite', ...args);
  const about = (meetingKey: string) => (m: DeliveredMail) => (m.properties[MAIL_KEY_PROPERTY] ?? '').startsWith(`mail:demo:${meetingKey}:`);
  const tokenIn = (mail: DeliveredMail) => /\/l\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.content)?.[1];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'invite-over-https-'));
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: 0,
      teamsApps: [{ id: CATALOG_ID }],
      users: [
        { upn: ORGANIZER, displayName: 'Gruppeforløb' },
        { upn: `lone.bach@${DOMAIN}`, displayName: 'Lone Bach', mail: LONE },
        { upn: `kasper.holm_horsens.example.org#EXT#@${DOMAIN}`, displayName: 'Kasper Holm', mail: KASPER, userType: 'Guest' },
      ],
    });
    for (const database of ['tenant.sqlite', 'local.sqlite']) {
      const env = database === 'local.sqlite' ? {} : double.env();
      expect((await cli(env, database, 'import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    }
    // Lone and Kasper get the app in Teams; everyone else is e-mail only.
    expect((await tenant('reach', 'demo', '--install')).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in local mode records a mail with a link for every participant and sends nothing', async () => {
    const unbooked = await cli({}, 'local.sqlite', 'invite', 'demo', 'opstart');
    expect(unbooked.code).toBe(1);
    expect(unbooked.err).toContain('ORGANIZER_MAILBOX');
    expect((await cli({}, 'local.sqlite', 'book', 'demo', '--organizer', ORGANIZER)).code).toBe(0);
    const invited = await cli({}, 'local.sqlite', 'invite', 'demo', 'opstart');
    expect(invited).toMatchObject({ code: 0, err: '' });
    expect(invited.out).toContain(`${PARTICIPANTS} tilmeldingsmail(s) med link bestilt til "opstart" i demo fra ${ORGANIZER}; ikke forbundet til Microsoft 365`);
    const again = await cli({}, 'local.sqlite', 'invite', 'demo', 'opstart');
    expect(again.out).toContain('0 tilmeldingsmail(s) med link bestilt');
    expect(again.out).toContain(`${PARTICIPANTS} tilmeldingsmail(s) til "opstart" var sendt eller bestilt før`);
    expect(double.mailsDelivered()).toHaveLength(0);
  });

  it('sends one Danish mail per e-mail-only participant whose link answers the RSVP, and nothing twice', async () => {
    const invited = await tenant('invite', 'demo', 'opstart');
    expect(invited).toMatchObject({ code: 0, err: '' });
    expect(invited.out).toContain(`${EMAIL_ONLY} tilmeldingsmail(s) sendt til "opstart" i demo fra ${ORGANIZER}.`);

    const mails = double.mailsDelivered().filter(about('opstart'));
    expect(mails).toHaveLength(EMAIL_ONLY);
    expect(new Set(mails.map((m) => m.to)).size).toBe(EMAIL_ONLY);
    expect(mails.map((m) => m.to)).not.toEqual(expect.arrayContaining([LONE]));
    expect(mails.map((m) => m.to)).not.toEqual(expect.arrayContaining([KASPER]));
    expect(mails.every((m) => m.from === ORGANIZER)).toBe(true);
    const first = mails[0]!;
    expect(first.subject).toMatch(/^Tilmelding: Opstartsmøde, torsdag 17\. december 2026/);
    expect(first.content).toContain(`Hej ${first.name!.split(' ')[0]}`);
    expect(first.content).toContain('kl. 09:30–');
    expect(first.content).toMatch(/Kontakt rådgiverne/);
    expect(first.content).toContain('English:');
    expect(double.messages().filter((m) => m.folder === 'drafts')).toHaveLength(0);

    // The link, opened on the product's own page, answers for that participant and no one else.
    const store: Store = await openStore({ databaseUrl: null, databaseFile: join(dir, 'tenant.sqlite') });
    const server: RunningServer = await startServer(
      { ...loadConfig({}, dir), port: 0 },
      { store, clock: systemClock, log: createLog('error', () => undefined, () => undefined), links: { db: store.db, secret: double.env().LINK_SECRET! } },
    );
    try {
      const token = tokenIn(first)!;
      expect(token).toBeDefined();
      const page = await fetch(`${server.url}/l/${token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Hej ${first.name!.split(' ')[0]}`);
      const answered = await fetch(`${server.url}/l/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ answer: 'in_person', note: '' }).toString(),
      });
      expect(answered.status).toBe(200);
      const cohort = (await store.cohorts.load('demo'))!.cohort;
      const participant = cohort.municipalities.flatMap((m) => m.participants).find((p) => p.person?.email === first.to)!;
      const answeredNow = cohort.rsvps.filter((r) => r.participantId === participant.id && r.meetingId === cohort.meetings.find((m) => m.key === 'opstart')!.id);
      expect(answeredNow).toEqual([expect.objectContaining({ answer: 'in_person', source: 'link', dietaryNote: null })]);
    } finally {
      await server.close();
      await store.close();
    }

    // Asked again: nothing more goes out.
    const counts = double.counts();
    const again = await tenant('invite', 'demo', 'opstart');
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toContain('0 tilmeldingsmail(s) sendt');
    expect(again.out).toContain(`${EMAIL_ONLY} tilmeldingsmail(s) til "opstart" var sendt eller bestilt før`);
    expect(double.mailsDelivered().filter(about('opstart'))).toHaveLength(EMAIL_ONLY);
    expect(double.counts()).toMatchObject({ draftsCreated: counts.draftsCreated, mailsSent: counts.mailsSent });
  }, 120_000);

  it('sends a moved meeting again, and delivers each mail once when the answers to create and send are lost', async () => {
    double.configure({
      nextCallsFor: [
        { match: '^POST /users/[^/]+/messages$', fault: 'lost' },
        { match: '^POST /users/[^/]+/messages/[^/]+/send$', fault: 'lost' },
      ],
    });
    const before = double.counts();
    const invited = await tenant('invite', 'demo', 'refleksion-1');
    expect(invited).toMatchObject({ code: 0, err: '' });
    expect(invited.out).toContain(`${EMAIL_ONLY} tilmeldingsmail(s) sendt til "refleksion-1"`);
    const counts = double.counts();
    expect(counts.callsLost - before.callsLost).toBe(2);
    expect(counts.answersLost - before.answersLost).toBe(2);
    const mails = double.mailsDelivered().filter(about('refleksion-1'));
    expect(mails).toHaveLength(EMAIL_ONLY);
    expect(new Set(mails.map((m) => m.to)).size).toBe(EMAIL_ONLY);
    expect(counts.draftsCreated - before.draftsCreated).toBe(EMAIL_ONLY);
    expect(mails[0]!.content).toContain('online (Teams)');

    // A new time is a new version of the meeting: a new mail, with a new link.
    expect((await tenant('move', 'demo', 'refleksion-1', '2027-01-20T09:00')).code).toBe(0);
    const moved = await tenant('invite', 'demo', 'refleksion-1');
    expect(moved.out).toContain(`${EMAIL_ONLY} tilmeldingsmail(s) sendt til "refleksion-1"`);
    expect(double.mailsDelivered().filter(about('refleksion-1'))).toHaveLength(2 * EMAIL_ONLY);
  }, 120_000);

  it('says Mail.Send is missing, and sends nothing, when the app may not send mail', async () => {
    const narrow = await GraphDouble.start({
      tenantDomain: DOMAIN,
      apps: [{ clientId: '0b5e1c3a-0000-4000-8000-0000000000aa', secret: 'narrow-secret', roles: ['Calendars.ReadWrite', 'User.Read.All', 'Mail.ReadWrite'] }],
      users: [{ upn: ORGANIZER, displayName: 'Gruppeforløb' }],
    });
    try {
      expect((await cli(narrow.env(), 'narrow.sqlite', 'import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
      const invited = await cli(narrow.env(), 'narrow.sqlite', 'invite', 'demo', 'opstart');
      expect(invited.code).toBe(1);
      expect(invited.out).toContain('0 tilmeldingsmail(s) sendt');
      expect(invited.out.match(/Appen må ikke sende mail fra forloeb@tenant\.example: giv den applikationstilladelserne Mail\.Send/g)).toHaveLength(PARTICIPANTS);
      expect(invited.out).toContain('ErrorAccessDenied');
      expect(narrow.mailsDelivered()).toHaveLength(0);
    } finally {
      await narrow.close();
    }
  }, 120_000);
});
