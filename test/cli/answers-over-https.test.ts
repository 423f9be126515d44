import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeCohort } from '../../src/app/change-cohort';
import { systemClock } from '../../src/app/clock';
import { eventObjectKey } from '../../src/calendar/plan-events';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { recordRsvp } from '../../src/domain/rsvp';
import { openStore, type Store } from '../../src/store/open-store';
import { spawnMain, waitForHealthy } from '../support/child-server';
import { GraphDouble, type ResponseType } from '../support/graph-double';
import { freePort } from '../support/http';
import { runBuiltCli } from '../support/cli-process';

const ORGANIZER = 'forloeb@tenant.example';

/**
 * `npm run cohort -- answers` as an advisor runs it with a tenant configured: the built CLI books the
 * demo cohort in the Graph double, attendees answer there as from Outlook, and the CLI reads the
 * answers back over HTTPS (trusting the double's throw-away CA through NODE_EXTRA_CA_CERTS). The
 * test reads and writes the same SQLite file in between, as the tab would.
 */
describe('npm run cohort -- answers, against Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  const cohort = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
    runBuiltCli({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'db.sqlite') }, args);

  /** The store between two runs of the CLI, opened and closed again so the next run finds the file free. */
  async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore({ databaseUrl: null, databaseFile: join(dir, 'db.sqlite') });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  }

  const demo = () => withStore(async (store) => (await store.cohorts.load('demo'))!.cohort);
  const plenary = (c: Cohort, key: string) => c.meetings.find((m) => m.key === key) as PlenaryMeeting;
  const participantId = (c: Cohort, email: string) => c.municipalities.flatMap((m) => m.participants).find((p) => p.person?.email === email)!.id;
  const rsvpOf = (c: Cohort, key: string, email: string) => c.rsvps.find((r) => r.meetingId === plenary(c, key).id && r.participantId === participantId(c, email));

  /** An attendee answers the meeting's current invitation in Outlook. */
  async function respond(key: string, address: string, response: ResponseType): Promise<void> {
    const c = await demo();
    const meeting = plenary(c, key);
    const eventId = await withStore(async (store) => {
      const row = await store.db.selectFrom('outbox_objects').select('remote_id').where('object_key', '=', eventObjectKey(c, meeting, meeting.generation)).executeTakeFirstOrThrow();
      return row.remote_id!;
    });
    double.respond(ORGANIZER, eventId, address, response);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'answers-over-https-'));
    double = await GraphDouble.start({ tenantDomain: 'tenant.example', users: [{ upn: ORGANIZER, displayName: 'Gruppeforløb' }] });
    expect((await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
    expect((await cohort('book', 'demo')).code).toBe(0);
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records accepts by the meeting form and declines, leaves tentative and advisors alone, and keeps a newer answer from the tab', async () => {
    await respond('opstart', 'ali.demir@kolding.example.org', 'accepted');
    await respond('opstart', 'mikkel.skov@naestved.example.org', 'declined');
    await respond('opstart', 'peter.dahl@silkeborg.example.org', 'tentativelyAccepted');
    await respond('opstart', 'signe.vestergaard@styrelsen.example.org', 'accepted');
    await respond('refleksion-1', 'camilla.juhl@viborg.example.org', 'accepted');
    // Louise accepts in Outlook, then says no in the tab: the tab's answer is the newer one.
    await respond('opstart', 'louise.brandt@silkeborg.example.org', 'accepted');
    await new Promise((done) => setTimeout(done, 5));
    await withStore((store) =>
      changeCohort({ db: store.db, clock: systemClock }, 'demo', (c, now) =>
        recordRsvp(c, { meetingId: plenary(c, 'opstart').id, participantId: participantId(c, 'louise.brandt@silkeborg.example.org'), answer: 'declined', dietaryNote: null, at: now, source: 'tab' }).cohort,
      ),
    );

    const read = await cohort('answers', 'demo');
    expect(read).toMatchObject({ code: 0, err: '' });
    expect(read.out).toMatch(/^Svar fra Outlook i "Demo: Organisering af M-ACT" \(demo\):\nAnswers from Outlook in /);
    expect(read.out).toContain('opstart  Ali Demir: Jeg kommer / Coming in person');
    expect(read.out).toContain('refleksion-1  Camilla Juhl: Jeg deltager online / Joining online');
    expect(read.out).toContain('1 nyere svar fra chat, fanen eller link er beholdt');

    const c = await demo();
    expect(rsvpOf(c, 'opstart', 'ali.demir@kolding.example.org')).toMatchObject({ answer: 'in_person', source: 'outlook', forStart: plenary(c, 'opstart').schedule.start });
    expect(rsvpOf(c, 'opstart', 'mikkel.skov@naestved.example.org')).toMatchObject({ answer: 'declined', source: 'outlook' });
    expect(rsvpOf(c, 'opstart', 'peter.dahl@silkeborg.example.org')).toBeUndefined();
    expect(rsvpOf(c, 'refleksion-1', 'camilla.juhl@viborg.example.org')).toMatchObject({ answer: 'online', source: 'outlook' });
    expect(rsvpOf(c, 'opstart', 'louise.brandt@silkeborg.example.org')).toMatchObject({ answer: 'declined', source: 'tab' });

    const again = await cohort('answers', 'demo');
    expect(again.out).toContain('Ingen nye svar.\nNo new answers.\n');
  });

  it("keeps an answer given before a move, for the old date, when Outlook resets its answers, and takes the new one for the new date", async () => {
    const jesper = 'jesper.moelgaard@viborg.example.org';
    const oldStart = plenary(await demo(), 'refleksion-2').schedule.start;
    await respond('refleksion-2', jesper, 'accepted');
    expect((await cohort('answers', 'demo')).code).toBe(0);
    expect(rsvpOf(await demo(), 'refleksion-2', jesper)).toMatchObject({ answer: 'in_person', forStart: oldStart });

    expect((await cohort('move', 'demo', 'refleksion-2', '2027-04-21T09:30')).code).toBe(0);
    const reset = double.events().find((e) => e.start.utc.startsWith('2027-04-21T07:30'))!;
    expect(reset.attendees.find((a) => a.address === jesper)).toMatchObject({ response: 'none' });
    expect((await cohort('answers', 'demo')).code).toBe(0);
    expect(rsvpOf(await demo(), 'refleksion-2', jesper)).toMatchObject({ answer: 'in_person', forStart: oldStart });

    await respond('refleksion-2', jesper, 'declined');
    expect((await cohort('answers', 'demo')).out).toContain('refleksion-2  Jesper Mølgaard: Jeg kommer ikke / Not coming');
    expect(rsvpOf(await demo(), 'refleksion-2', jesper)).toMatchObject({ answer: 'declined', forStart: '2027-04-21T09:30', source: 'outlook' });
  });

  it('says which calendar could not be read, and changes nothing, while Graph throttles', async () => {
    await respond('afslutning', 'anja.kristoffersen@silkeborg.example.org', 'accepted');
    const before = await demo();
    double.configure({ mailboxes: { [ORGANIZER]: { throttleRate: 1 } } });
    try {
      const read = await cohort('answers', 'demo');
      expect(read.code).toBe(1);
      expect(read.out).toMatch(/^Kalenderen for forloeb@tenant\.example kunne ikke læses nu; prøv igen senere:\n.*\n {2}Graph er overbelastet .*TooManyRequests/);
    } finally {
      double.configure({ mailboxes: {} });
    }
    expect((await demo()).rsvps).toEqual(before.rsvps);
  });

  it('is merged by the server with a tenant, as soon as it starts', async () => {
    await respond('refleksion-3', 'tina.frost@naestved.example.org', 'declined');
    const port = await freePort();
    const server = spawnMain({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'db.sqlite'), PORT: String(port), HOST: '127.0.0.1' }, dir);
    try {
      await waitForHealthy(`http://127.0.0.1:${port}`, server, 10_000);
      const deadline = Date.now() + 10_000;
      while (!rsvpOf(await demo(), 'refleksion-3', 'tina.frost@naestved.example.org') && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
      expect(rsvpOf(await demo(), 'refleksion-3', 'tina.frost@naestved.example.org')).toMatchObject({ answer: 'declined', source: 'outlook' });
    } finally {
      server.process.kill('SIGINT');
    }
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toContain('Svar fra Outlook / answers from Outlook: demo: ');
  });
});
