import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { GraphDouble } from '../support/graph-double';
import { runBuiltCli } from '../support/cli-process';

const ORGANIZER = 'forloeb@tenant.example';

/**
 * `npm run cohort -- book` as an advisor runs it with a tenant configured: the built CLI in a
 * process of its own, trusting the Graph double's throw-away CA through NODE_EXTRA_CA_CERTS.
 */
describe('npm run cohort -- book, against Microsoft Graph (the double, over HTTPS)', () => {
  let double: GraphDouble;
  let dir: string;

  const cohort = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
    runBuiltCli({ PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, 'db.sqlite') }, args);
  const demoEvents = () => double.events().filter((e) => e.categories.includes('Demo: Organisering af M-ACT'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'book-over-https-'));
    double = await GraphDouble.start({ tenantDomain: 'tenant.example', users: [{ upn: ORGANIZER, displayName: 'Gruppeforløb' }] });
    expect((await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'))).code).toBe(0);
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates every plenary once, with a Teams link for the virtual one, and says so', async () => {
    const booked = await cohort('book', 'demo');
    expect(booked).toMatchObject({ code: 0, err: '' });
    expect(booked.out.match(/: Sendt \/ Sent/g)).toHaveLength(5);
    expect(booked.out).toMatch(/Teams: https:\/\//);

    const events = demoEvents();
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(5);
    expect(events.every((e) => e.mailbox.toLowerCase() === ORGANIZER && e.attendees.length === 13 + 2)).toBe(true);
    expect(events.filter((e) => e.joinUrl !== null)).toHaveLength(1);

    const again = await cohort('book', 'demo');
    expect(again.code).toBe(0);
    expect(demoEvents()).toHaveLength(5);
  });

  it('moves a meeting in place and books a cancelled one again as a new event', async () => {
    const before = demoEvents();
    const moved = await cohort('move', 'demo', 'refleksion-2', '2027-03-10T09:30');
    expect(moved.code).toBe(0);
    const after = demoEvents();
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.find((e) => e.start.utc.startsWith('2027-03-10T08:30') && e.start.zone === 'Romance Standard Time')).toBeDefined();

    expect((await cohort('cancel', 'demo', 'refleksion-3')).code).toBe(0);
    expect(demoEvents().filter((e) => e.isCancelled)).toHaveLength(1);
    expect((await cohort('rebook', 'demo', 'refleksion-3')).code).toBe(0);
    const rebooked = demoEvents();
    expect(rebooked).toHaveLength(6);
    expect(rebooked.filter((e) => !e.isCancelled)).toHaveLength(5);

    const status = await cohort('status', 'demo');
    expect(status.out.match(/: Sendt \/ Sent/g)).toHaveLength(5);
  });
});
