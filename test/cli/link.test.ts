import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkConfig } from '../../src/config/config';
import { EXIT, main } from '../../src/cli/cohort';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { linkSecret } from '../../src/links/link-secret';
import { LINK_PURPOSES } from '../../src/links/link-token';
import { openLink } from '../../src/links/open-link';
import { openStore } from '../../src/store/open-store';
import { sequentialIds } from '../support/documents';
import { testClock } from '../support/test-clock';

const clock = testClock('2026-12-01T09:00:00.000Z');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cohort-link-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openStore({ databaseUrl: null, databaseFile: join(dir, 'db.sqlite') });

async function cohort(argv: string[], links?: LinkConfig) {
  let out = '';
  let err = '';
  const deps = { openStore: open, clock, newId: sequentialIds(), senders: [], organizer: null, responses: null, links };
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, deps);
  return { code, out, err };
}

/** What a visitor's browser would meet: the link checked against the secret the server keeps. */
async function visit(url: string) {
  const store = await open();
  try {
    const secret = await linkSecret(store.db, null, clock);
    return await openLink({ db: store.db, clock, secret }, url.split('/l/')[1]!, LINK_PURPOSES);
  } finally {
    await store.close();
  }
}

describe('npm run cohort -- link | revoke', () => {
  beforeEach(async () => {
    expect((await cohort(['import', join(EXAMPLES_DIR, 'demo.cohort.json')])).code).toBe(EXIT.ok);
  });

  it('prints a link valid until the meeting starts, which opens for that participant, until it is revoked', async () => {
    const made = await cohort(['link', 'demo', 'Lone.Bach@horsens.example.org', 'opstart']);
    expect(made).toMatchObject({ code: EXIT.ok, err: '' });
    expect(made.out).toMatch(/^Tilmeldingslink til Lone Bach for "Opstartsmøde", gyldigt til 2026-12-17 09:30:\nRSVP link for Lone Bach to ".*", valid until 2026-12-17 09:30:\n/);
    const url = /^(http:\/\/127\.0\.0\.1:3978\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/m.exec(made.out)![1]!;
    const linkId = /^Link-id \(til revoke\): (\S+)$/m.exec(made.out)![1]!;
    const opened = await visit(url);
    expect(opened).toMatchObject({ ok: true, link: { participant: { person: { name: 'Lone Bach' } }, meeting: { key: 'opstart' } } });

    expect((await cohort(['revoke', linkId])).out).toMatch(/^Linket \S+ er spærret; det kan ikke længere bruges\.\nLink \S+ is revoked/);
    expect((await cohort(['revoke', linkId])).out).toMatch(/^Linket \S+ var allerede spærret\./);
    expect(await visit(url)).toEqual({ ok: false, reason: 'revoked', linkId });
  });

  const urlIn = (out: string) => /^(http:\/\/127\.0\.0\.1:3978\/l\/\S+)$/m.exec(out)![1]!;

  it('prints a presentation link for a plenary with presentations, valid until it starts', async () => {
    const made = await cohort(['link', 'demo', 'kasper.holm@horsens.example.org', 'refleksion-1', '--purpose', 'presentation']);
    expect(made).toMatchObject({ code: EXIT.ok, err: '' });
    expect(made.out).toMatch(/^Oplægslink til Kasper Holm for "Refleksionsmøde", gyldigt til 2027-01-19 09:00:\nPresentation link for Kasper Holm to "Reflection meeting", valid until 2027-01-19 09:00:\n/);
    expect(await visit(urlIn(made.out))).toMatchObject({ ok: true, link: { purpose: 'presentation', participant: { person: { name: 'Kasper Holm' } }, meeting: { key: 'refleksion-1' } } });
  });

  it("prints a leader's booking link for an individual meeting, valid until its last offered day ends", async () => {
    const made = await cohort(['link', 'demo', 'lone.bach@horsens.example.org', 'forberedende', '--purpose', 'booking']);
    expect(made).toMatchObject({ code: EXIT.ok, err: '' });
    expect(made.out).toMatch(/^Bookinglink til Lone Bach for "Forberedende individuelt møde", gyldigt til 2026-12-10 00:00:\nBooking link for Lone Bach/);
    expect(await visit(urlIn(made.out))).toMatchObject({ ok: true, link: { purpose: 'booking', municipality: { name: 'Horsens Kommune' }, meeting: { key: 'forberedende' } } });
  });

  it('takes --days and PUBLIC_URL', async () => {
    const made = await cohort(['link', 'demo', 'lone.bach@horsens.example.org', 'refleksion-1', '--days', '3'], { secret: null, publicUrl: 'https://gf.example.org' });
    expect(made.out).toContain('gyldigt til 2026-12-04 10:00');
    expect(made.out).toMatch(/\nhttps:\/\/gf\.example\.org\/l\/\S+\n/);
  });

  it.each([
    [['link', 'demo', 'a@b.dk', 'opstart', '--days', '0'], EXIT.refused, '--days skal være et helt antal dage'],
    [['link', 'demo', 'a@b.dk'], EXIT.refused, 'Brug: link ID EMAIL'],
    [['revoke', 'not-a-link-id'], EXIT.refused, 'er ikke et link-id'],
    [['link', 'demo', 'nobody@example.org', 'opstart'], EXIT.failed, 'Ingen deltager har e-mailadressen nobody@example.org.'],
    [['link', 'demo', 'lone.bach@horsens.example.org', 'forberedende'], EXIT.failed, 'Intet fællesmøde hedder "forberedende"'],
    [['link', 'demo', 'a@b.dk', 'opstart', '--purpose', 'admin'], EXIT.refused, '--purpose skal være rsvp, presentation, booking, ikke "admin".'],
    [['link', 'demo', 'lone.bach@horsens.example.org', 'opstart', '--purpose', 'presentation'], EXIT.failed, 'Der holdes ikke oplæg på "opstart"; vælg mellem refleksion-1, refleksion-2, refleksion-3, afslutning.'],
    [['link', 'demo', 'lone.bach@horsens.example.org', 'forberedende', '--purpose', 'presentation'], EXIT.failed, 'Intet fællesmøde hedder "forberedende"'],
    [['link', 'demo', 'lone.bach@horsens.example.org', 'opstart', '--purpose', 'booking'], EXIT.failed, '"opstart" er et fællesmøde; et bookinglink er til et individuelt møde: forberedende, opfoelgning.'],
    [['link', 'demo', 'kasper.holm@horsens.example.org', 'forberedende', '--purpose', 'booking'], EXIT.failed, 'Kasper Holm er ikke tovholder for sin kommune; kun tovholdere kan booke kommunens møder.'],
  ])('refuses %j', async (argv, code, text) => {
    const result = await cohort(argv);
    expect(result.code).toBe(code);
    expect(result.err).toContain(text);
    expect(result.out).toBe('');
  });
});
