import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/app/clock';
import { EXIT, main } from '../../src/cli/cohort';
import { EXAMPLES_DIR } from '../../src/documents/document-files';
import { parseInstant } from '../../src/domain/local-time';
import { openStore } from '../../src/store/open-store';
import { recordDesired } from '../../src/outbox/record-desired';
import { example, sequentialIds, spoil } from '../support/documents';

const clock: Clock = { now: () => parseInstant('2027-09-01T10:00:00Z') };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cohort-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process against a real SQLite file, as `npm run cohort -- …` would. */
async function cohort(...argv: string[]) {
  let out = '';
  let err = '';
  const deps = { openStore: () => openStore({ databaseUrl: null, databaseFile: join(dir, 'db.sqlite') }), clock, newId: sequentialIds(), senders: [], organizer: null, responses: null };
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, deps);
  return { code, out, err };
}

/** A document exported outside this package has no `$schema`: a path into this checkout would mean nothing there. */
const withoutSchema = (document: Record<string, unknown>) => Object.fromEntries(Object.entries(document).filter(([key]) => key !== '$schema'));

describe('npm run cohort', () => {
  it('imports, lists, exports and erases the example cohorts', async () => {
    for (const file of ['mact-2023.cohort.json', 'demo.cohort.json']) {
      const imported = await cohort('import', join(EXAMPLES_DIR, file));
      expect(imported).toMatchObject({ code: EXIT.ok, err: '' });
      expect(imported.out).toMatch(/^Importeret: .*\nImported: /);
    }

    const list = await cohort('list');
    expect(list.code).toBe(EXIT.ok);
    expect(list.out).toMatch(/^id +navn +kommuner +deltagere +slettet\nid +name +municipalities +participants +erased\n/);
    expect(list.out).toMatch(/\ndemo +Demo: Organisering af M-ACT +5 +13 +-\n/);
    expect(list.out).toMatch(/\nmact-2023 +Organisering af M-ACT 2023 +4 +11 +-\n/);

    const toScreen = await cohort('export', 'mact-2023');
    expect(JSON.parse(toScreen.out)).toStrictEqual(withoutSchema(example('mact-2023.cohort.json')));
    const out = join(dir, 'demo.json');
    expect((await cohort('export', 'demo', '--out', out)).code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toStrictEqual(withoutSchema(example('demo.cohort.json')));

    const erased = await cohort('erase', 'demo');
    expect(erased.code).toBe(EXIT.ok);
    expect(erased.out).toContain('13 deltagere, 2 kostbemærkninger og 0 forsendelser');
    expect(erased.out).toContain('13 participants, 2 dietary notes and 0 deliveries');
    expect((await cohort('list')).out).toMatch(/\ndemo +Demo: Organisering af M-ACT +5 +13 +2027-09-01 12:00\n/);
    const afterErase = JSON.parse((await cohort('export', 'demo')).out) as { municipalities: unknown };
    expect(JSON.stringify(afterErase.municipalities)).not.toContain('@');
  });

  it('refuses a bad document with exit code 2, every path on stderr, and stores nothing', async () => {
    const file = join(dir, 'bad.json');
    const document = spoil(example('demo.cohort.json'), {
      'meetings.2.start': '2024-03-31T02:30',
      'municipalities.1.participants.0.contact': false,
      'municipalities.1.participants.1.contact': false,
      'rsvps.1.answer': 'online',
    });
    writeFileSync(file, JSON.stringify(document));
    const result = await cohort('import', file);
    expect(result.code).toBe(EXIT.refused);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^Dokumentet blev ikke importeret; intet er gemt\. 3 fejl:\nThe document was not imported/);
    for (const path of ['meetings.2.start', 'municipalities.1.participants', 'rsvps.1.answer']) expect(result.err).toContain(`  ${path}: `);
    expect((await cohort('list')).out).toMatch(/^Der er ingen gruppeforløb endnu\./);
  });

  it('refuses a file that is not JSON, or not there, with exit code 2', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "format": ');
    expect(await cohort('import', file)).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('ikke gyldig JSON') });
    expect(await cohort('import', join(dir, 'missing.json'))).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('kan ikke læses') });
  });

  it('refuses a second cohort with the same id', async () => {
    const file = join(EXAMPLES_DIR, 'demo.cohort.json');
    await cohort('import', file);
    expect(await cohort('import', file)).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('  id: Der findes allerede') });
  });

  it('says so when an id is unknown, with exit code 1', async () => {
    for (const command of ['export', 'erase']) {
      expect(await cohort(command, 'ingen')).toMatchObject({ code: EXIT.failed, err: 'Der er intet gruppeforløb med id "ingen".\nThere is no cohort with id "ingen".\n' });
    }
  });

  it.each([[[]], [['frob']], [['import']], [['list', 'extra']], [['export', 'demo', '--to', 'x']]])('answers %j with the usage and exit code 2', async (argv) => {
    const result = await cohort(...argv);
    expect(result).toMatchObject({ code: EXIT.refused, out: '' });
    expect(result.err).toContain('Brug / usage: npm run cohort --');
  });

  it('prints the usage on request', async () => {
    expect(await cohort('help')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('erase ID') });
  });
});

describe('npm run cohort -- outbox / retry', () => {
  it('shows work for Microsoft 365 as not sent in local mode, and retries what failed', async () => {
    await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'));
    expect((await cohort('outbox', 'demo')).out).toBe('Intet at sende for demo endnu.\nNothing to send for demo yet.\n');

    const store = await openStore({ databaseUrl: null, databaseFile: join(dir, 'db.sqlite') });
    const label = { da: 'Opstartsmøde', en: 'Kick-off meeting' };
    const base = { cohortId: 'demo', kind: 'graph.event', target: 'organiser@agency.example.org', label, state: { subject: 'Opstartsmøde' } };
    await recordDesired(store.db, { ...base, objectKey: 'demo:opstart' }, clock.now());
    await recordDesired(store.db, { ...base, objectKey: 'demo:refleksion-1' }, clock.now());
    await store.db.updateTable('outbox_objects').set({ failed_at: clock.now(), last_error: 'ErrorAccessDenied' }).where('object_key', '=', 'demo:refleksion-1').execute();
    await store.close();

    const status = await cohort('outbox', 'demo');
    expect(status.out).toBe(
      'Opstartsmøde / Kick-off meeting: Ikke sendt – ikke forbundet til Microsoft 365 / Not sent – not connected to Microsoft 365\n' +
        'Opstartsmøde / Kick-off meeting: Fejlet / Failed (ErrorAccessDenied)\n',
    );
    expect((await cohort('retry', 'demo')).out).toBe('1 fejlet forsendelse i demo prøves igen.\n1 failed delivery in demo will be tried again.\n');
    expect((await cohort('outbox', 'demo')).out).not.toContain('Fejlet');
    expect(await cohort('outbox', 'nope')).toMatchObject({ code: EXIT.failed, err: expect.stringContaining('Der er intet gruppeforløb med id "nope"') });
  });
});

describe('npm run cohort -- book / move / cancel / rebook', () => {
  it('books the series, moves, cancels and books again, each shown as waiting for Microsoft 365 in local mode', async () => {
    await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'));
    expect(await cohort('book', 'demo')).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('--organizer eller ORGANIZER_MAILBOX') });

    const booked = await cohort('book', 'demo', '--organizer', 'moeder@agency.example.org');
    expect(booked).toMatchObject({ code: EXIT.ok, err: '' });
    expect(booked.out).toMatch(/^Booket: 5 fællesmøder i ".*"\. Kalenderne i moeder@agency\.example\.org følger med/);
    const outbox = (await cohort('outbox', 'demo')).out.trim().split('\n');
    expect(outbox).toHaveLength(5);
    expect(outbox.every((line) => line.includes('Ikke sendt – ikke forbundet til Microsoft 365'))).toBe(true);
    const status = (await cohort('status', 'demo')).out;
    expect(status.match(/: Ikke sendt – ikke forbundet til Microsoft 365/g)).toHaveLength(5);
    expect(status).not.toContain('Teams:');

    const moved = await cohort('move', 'demo', 'refleksion-2', '2027-03-10T09:30');
    expect(moved.out).toMatch(/^Flyttet: Refleksionsmøde 2027-03-10 kl\. 09:30\./);
    expect((await cohort('cancel', 'demo', 'refleksion-3')).out).toMatch(/^Aflyst: Refleksionsmøde/);
    expect((await cohort('rebook', 'demo', 'refleksion-3')).out).toMatch(/^Booket igen: Refleksionsmøde/);
    expect((await cohort('outbox', 'demo')).out.trim().split('\n')).toHaveLength(6);
  });

  it('refuses a time that does not exist and a meeting that is not a plenary, changing nothing', async () => {
    await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'));
    const before = (await cohort('export', 'demo')).out;
    expect(await cohort('move', 'demo', 'refleksion-2', '2027-03-28T02:30')).toMatchObject({ code: EXIT.failed, err: expect.stringContaining('Ugyldigt tidspunkt') });
    expect(await cohort('cancel', 'demo', 'forberedende')).toMatchObject({ code: EXIT.failed, err: expect.stringContaining('Intet fællesmøde hedder "forberedende"') });
    expect(await cohort('move', 'demo', 'refleksion-2')).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('Brug: move ID') });
    expect((await cohort('export', 'demo')).out).toBe(before);
  });
});

describe('npm run cohort -- answers', () => {
  it('says plainly in local mode that there is no tenant to read answers from', async () => {
    await cohort('import', join(EXAMPLES_DIR, 'demo.cohort.json'));
    expect(await cohort('answers', 'demo')).toEqual({
      code: EXIT.failed,
      out: '',
      err: expect.stringMatching(/^Der er ingen tenant at læse svar fra: .*\nThere is no tenant to read answers from: /),
    });
    expect(await cohort('answers')).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('"answers" skal have præcis ét argument') });
  });
});
