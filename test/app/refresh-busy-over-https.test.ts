import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BusyReport } from '../../src/app/refresh-busy-times';
import type { Cohort } from '../../src/domain/cohort';
import { addDays, dateOf, toLocal, instantOf } from '../../src/domain/local-time';
import { busyFreshness, busyTimes } from '../../src/store/busy-times';
import { openStore, type Store } from '../../src/store/open-store';
import { cohortWithWindows } from '../support/busy-cohort';
import { spawnMain, waitForHealthy } from '../support/child-server';
import { GraphDouble, rawRequest, type ScheduleLookup } from '../support/graph-double';
import { freePort } from '../support/http';

const REGISTER = resolve(__dirname, '../support/ts-register.js');
const FIXTURE = resolve(__dirname, 'fixtures/refresh-busy-over-https.ts');

const DOMAIN = 'agency.example';
const ORGANIZER = `forloeb@${DOMAIN}`;
const ADVISORS = Array.from({ length: 25 }, (_, i) => `raadgiver${String(i + 1).padStart(2, '0')}@${DOMAIN}`);
const [RIKKE, MADS] = [ADVISORS[0]!, ADVISORS[1]!];
// 1 February 2027, 10:00 in Copenhagen: every window below lies ahead.
const NOW = '2027-02-01T09:00:00.000Z';
const RETRY_AFTER_SECONDS = 2;

/**
 * The advisors' busy time read ahead of slot booking as the server's task does it, against the
 * Graph double over HTTPS: one round of refreshBusyTimes per run of the fixture, in a process of its
 * own, each test on a database of its own.
 */
describe("the advisors' busy time, read from Outlook (the double, over HTTPS)", () => {
  let double: GraphDouble;
  let dir: string;

  async function withStore<T>(database: string, use: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore({ databaseUrl: null, databaseFile: join(dir, database) });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  }

  const create = (database: string, cohort: Cohort) => withStore(database, async (store) => (await store.cohorts.create(cohort)).cohort.id);
  const stored = (database: string, cohortId: string) => withStore(database, (store) => busyTimes(store.db, cohortId));
  const freshness = (database: string, cohortId: string) => withStore(database, (store) => busyFreshness(store.db, cohortId));

  /** One round of the task; the getSchedule requests the double saw during it come back with the report. */
  function refresh(database: string, now = NOW): Promise<{ report: BusyReport; lookups: ScheduleLookup[] }> {
    const mark = double.scheduleLookups().length;
    const env = { PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, database), NOW: now };
    return new Promise((done, fail) =>
      execFile(process.execPath, ['-r', REGISTER, FIXTURE], { env, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) return fail(new Error(`${error.message}\n${stderr}`));
        const result = JSON.parse(stdout) as BusyReport & { error?: string };
        return result.error ? fail(new Error(result.error)) : done({ report: result, lookups: double.scheduleLookups().slice(mark) });
      }),
    );
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'busy-over-https-'));
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      users: [{ upn: ORGANIZER, displayName: 'Gruppeforløb' }, ...ADVISORS.map((upn) => ({ upn }))],
    });
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("looks up 25 advisors in two calls through the organiser's calendar and keeps each one's blocks", async () => {
    const id = await create('many.sqlite', cohortWithWindows(ADVISORS, ['2027-03-02', '2027-03-03']));
    double.busy(RIKKE, { start: '2027-03-02T09:00', end: '2027-03-02T10:00' });
    double.busy(ADVISORS[24]!, { start: '2027-03-03T13:00', end: '2027-03-03T14:30', status: 'tentative' });
    const { report, lookups } = await refresh('many.sqlite');
    expect(lookups.map((l) => [l.via, l.status, l.schedules?.length])).toEqual([
      [ORGANIZER, 200, 20],
      [ORGANIZER, 200, 5],
    ]);
    expect(report).toEqual({ read: [{ cohortId: id, mailboxes: 25, blocks: 2 }], unread: [] });
    expect(await stored('many.sqlite', id)).toEqual([
      { start: '2027-03-02T09:00', end: '2027-03-02T10:00', mailbox: RIKKE },
      { start: '2027-03-03T13:00', end: '2027-03-03T14:30', mailbox: ADVISORS[24] },
    ]);
  });

  it('reads a window of 70 days in two calls, the second one too', async () => {
    const id = await create('long.sqlite', cohortWithWindows([MADS], ['2027-04-01', '2027-06-09']));
    double.busy(MADS, { start: '2027-06-09T11:00', end: '2027-06-09T12:00' });
    const { lookups } = await refresh('long.sqlite');
    expect(lookups.map((l) => [l.status, l.start, l.end])).toEqual([
      [200, '2027-03-31T22:00:00.000Z', '2027-05-31T22:00:00.000Z'],
      [200, '2027-05-31T22:00:00.000Z', '2027-06-09T22:00:00.000Z'],
    ]);
    expect(await stored('long.sqlite', id)).toEqual([{ start: '2027-06-09T11:00', end: '2027-06-09T12:00', mailbox: MADS }]);
  });

  it('keeps 09:00–10:00 in Copenhagen at 09:00–10:00 on both sides of the March change', async () => {
    const advisor = ADVISORS[2]!;
    const id = await create('dst.sqlite', cohortWithWindows([advisor], ['2027-03-25', '2027-03-30']));
    double.busy(advisor, { start: '2027-03-25T09:00', end: '2027-03-25T10:00' });
    double.busy(advisor, { start: '2027-03-30T09:00', end: '2027-03-30T10:00', timeZone: 'Romance Standard Time' });
    await refresh('dst.sqlite');
    expect(await stored('dst.sqlite', id)).toEqual([
      { start: '2027-03-25T09:00', end: '2027-03-25T10:00', mailbox: advisor },
      { start: '2027-03-30T09:00', end: '2027-03-30T10:00', mailbox: advisor },
    ]);
  });

  it("keeps an unknown advisor's error as the reason while the others' blocks are stored", async () => {
    const advisor = ADVISORS[3]!;
    const ghost = `ukendt@${DOMAIN}`;
    const id = await create('ghost.sqlite', cohortWithWindows([advisor, ghost], ['2027-03-09']));
    double.busy(advisor, { start: '2027-03-09T12:00', end: '2027-03-09T13:00' });
    const { report } = await refresh('ghost.sqlite');
    expect(report.unread).toEqual([{ cohortId: id, mailbox: ghost, reason: expect.stringContaining('(5009: Unable to resolve e-mail address') }]);
    expect(await stored('ghost.sqlite', id)).toEqual([{ start: '2027-03-09T12:00', end: '2027-03-09T13:00', mailbox: advisor }]);
    expect(await freshness('ghost.sqlite', id)).toEqual([
      { mailbox: advisor, fetchedAt: NOW, attemptedAt: NOW, error: null },
      { mailbox: ghost, fetchedAt: null, attemptedAt: NOW, error: expect.stringMatching(/^Outlook kunne ikke give ledig\/optaget-tid for ukendt@agency\.example/) },
    ]);
  });

  it('waits out a 429 for as long as Retry-After says, then reads', async () => {
    const advisor = ADVISORS[4]!;
    const id = await create('throttled.sqlite', cohortWithWindows([advisor], ['2027-03-10']));
    double.busy(advisor, { start: '2027-03-10T09:00', end: '2027-03-10T11:00' });
    double.configure({ mailboxes: { [ORGANIZER]: { throttleRate: 1 } } });
    const round = refresh('throttled.sqlite');
    try {
      // Graph stops throttling while the reader waits.
      while (!double.scheduleLookups().some((l) => l.status === 429)) await new Promise((done) => setTimeout(done, 20));
    } finally {
      double.configure({ mailboxes: {} });
    }
    const { report, lookups } = await round;
    expect(lookups.map((l) => l.status)).toEqual([429, 200]);
    expect(lookups[1]!.at - lookups[0]!.at).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - 50);
    expect(report.unread).toEqual([]);
    expect(await stored('throttled.sqlite', id)).toEqual([{ start: '2027-03-10T09:00', end: '2027-03-10T11:00', mailbox: advisor }]);
  });

  it('replaces the blocks on the next read: a meeting cancelled in Outlook disappears', async () => {
    const advisor = ADVISORS[5]!;
    const id = await create('reread.sqlite', cohortWithWindows([advisor], ['2027-03-16']));
    const token = await double.token();
    const graph = (path: string, body: unknown) => rawRequest(`${double.graphUrl}/v1.0/users/${advisor}${path}`, double.ca, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
    const created = await graph('/events', {
      subject: 'Supervision',
      start: { dateTime: '2027-03-16T10:00:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2027-03-16T11:00:00', timeZone: 'Romance Standard Time' },
    });
    expect(created.status).toBe(201);
    double.busy(advisor, { start: '2027-03-16T13:00', end: '2027-03-16T14:00' });
    await refresh('reread.sqlite');
    expect((await stored('reread.sqlite', id)).map((b) => b.start)).toEqual(['2027-03-16T10:00', '2027-03-16T13:00']);

    expect((await graph(`/events/${(created.json as { id: string }).id}/cancel`, {})).status).toBe(202);
    const later = '2027-02-01T09:15:00.000Z';
    await refresh('reread.sqlite', later);
    expect(await stored('reread.sqlite', id)).toEqual([{ start: '2027-03-16T13:00', end: '2027-03-16T14:00', mailbox: advisor }]);
    expect(await freshness('reread.sqlite', id)).toEqual([{ mailbox: advisor, fetchedAt: later, attemptedAt: later, error: null }]);
  });

  it('is read by the server with a tenant, as soon as it starts', async () => {
    const advisor = ADVISORS[6]!;
    // The server runs on the real clock: a window a month from today.
    const day = addDays(dateOf(toLocal(instantOf(new Date()))), 30);
    const id = await create('server.sqlite', cohortWithWindows([advisor], [day]));
    double.busy(advisor, { start: `${day}T09:00`, end: `${day}T10:00` });
    const port = await freePort();
    const server = spawnMain({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'server.sqlite'), PORT: String(port), HOST: '127.0.0.1' }, dir);
    try {
      await waitForHealthy(`http://127.0.0.1:${port}`, server, 10_000);
      const deadline = Date.now() + 10_000;
      while ((await stored('server.sqlite', id)).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
      expect(await stored('server.sqlite', id)).toEqual([{ start: `${day}T09:00`, end: `${day}T10:00`, mailbox: advisor }]);
    } finally {
      server.process.kill('SIGINT');
    }
    expect(await server.exit).toEqual({ code: 0, signal: null });
  });
});
