import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
import { recordRsvp } from '../../src/domain/rsvp';
import { MAIL_KIND } from '../../src/reach/rsvp-mail';
import type { ReachResponse } from '../../src/server/tab-api/response-schemas';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, municipality, participant, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2023-04-01T08:00:00.000Z');
const at = (iso: string) => parseInstant(iso);

const RIKKE = 'rikke@agency.example.org';
const BO = 'bo@agency.example.org';
const AARHUS_LEADER = 'leder@aarhuskommune.example.org';
const ESBJERG_LEADER = 'leder@esbjergkommune.example.org';
const LINK_SECRET = 'a-link-secret-of-at-least-32-characters';

/** Booked, with answers (one given for a date since moved away from) and people whose names a spreadsheet would misread. */
function cohortA(): Cohort {
  let cohort = sampleCohort();
  const vejle = municipality('Vejle Kommune', [
    participant('Leder i Vejle Kommune', 'leder@vejlekommune.example.org', true),
    participant('=HYPERLINK("https://evil.example.org","Klik")', 'formel@vejlekommune.example.org'),
    participant('Hansen; "Bitten"', 'bitten@vejlekommune.example.org'),
  ]);
  cohort = { ...cohort, municipalities: [cohort.municipalities[0]!, cohort.municipalities[1]!, vejle] };
  const [aarhus, odense] = cohort.municipalities;
  const opstart = meetingByKey(cohort, 'opstart').id;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aarhus!.participants[0]!.id, answer: 'in_person', dietaryNote: 'Vegetar', at: at('2023-03-20T09:00:00.000Z'), source: 'chat' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: odense!.participants[1]!.id, answer: 'declined', dietaryNote: null, at: at('2023-03-21T09:00:00.000Z'), source: 'outlook' }).cohort;
  return bookCohort(cohort, 'moeder@agency.example.org', at('2023-03-01T10:00:00.000Z'));
}

/** Not booked, another advisor: nothing of it may show in A's answers, and its data may be erased at once. */
function cohortB(): Cohort {
  const cohort = sampleCohort(['Esbjerg Kommune', 'Kolding Kommune', 'Horsens Kommune']);
  return { ...cohort, name: 'M-ACT Vest', advisors: [{ id: 'advisor-bo', name: 'Bo Berg', title: 'Konsulent', phone: null, email: BO, entraObjectId: null }] };
}

describe.each(engines())('the Outreach routes of the tab API, on the $name store', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let a: Cohort;
  let b: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({ LINK_SECRET }, tempDir()), fixture.store, clock, { mode: 'local' });
    a = (await fixture.store.cohorts.create(cohortA())).cohort;
    b = (await fixture.store.cohorts.create(cohortB())).cohort;
  });
  afterAll(() => tab.server.close());

  const as = (email: string, path: string, options: { method?: string; body?: unknown } = {}) => tab.call(path, { ...options, headers: { 'x-demo-user': email } });
  const mails = async (cohortId: string) =>
    Number((await fixture.store.db.selectFrom('outbox_objects').select((eb) => eb.fn.countAll().as('n')).where('cohort_id', '=', cohortId).where('kind', '=', MAIL_KIND).executeTakeFirstOrThrow()).n);

  it("shows advisors how each of the cohort's participants is reached, and nobody of another cohort", async () => {
    const res = await as(RIKKE, `/api/cohorts/${a.id}/reach`);
    expect(res.status).toBe(200);
    const { participants } = res.json as ReachResponse;
    expect(participants).toHaveLength(7);
    expect(participants[0]).toEqual({ participantId: a.municipalities[0]!.participants[0]!.id, municipality: 'Aarhus Kommune', name: 'Leder i Aarhus Kommune', email: AARHUS_LEADER, state: 'not_connected', reason: null });
    expect(participants.every((p) => p.state === 'not_connected')).toBe(true);
    expect(res.text).not.toContain('Esbjerg');
  });

  it('sends a reminder now to whom it concerns, says how many were queued, and queues nothing twice in a day', async () => {
    const opstart = meetingByKey(a, 'opstart').id;
    const before = await mails(a.id);
    const first = await as(RIKKE, `/api/cohorts/${a.id}/meetings/${opstart}/reminders`, { method: 'POST', body: { kind: 'rsvp' } });
    expect(first.status).toBe(200);
    // Seven participants, two of whom answered: five are asked, each by e-mail (no Teams chat is known), kept unsent in local mode.
    expect(first.json).toEqual({ recipients: 5, queued: 5, connected: false });
    expect(await mails(a.id)).toBe(before + 5);
    const again = await as(RIKKE, `/api/cohorts/${a.id}/meetings/${opstart}/reminders`, { method: 'POST', body: { kind: 'rsvp' } });
    expect(again.json).toEqual({ recipients: 5, queued: 0, connected: false });
    expect(await mails(a.id)).toBe(before + 5);
  });

  it('refuses a reminder of no known kind with 400, and one about a meeting of no cohort with 404', async () => {
    const opstart = meetingByKey(a, 'opstart').id;
    const kind = await as(RIKKE, `/api/cohorts/${a.id}/meetings/${opstart}/reminders`, { method: 'POST', body: { kind: 'gossip' } });
    expect(kind.status).toBe(400);
    expect(kind.json).toMatchObject({ error: { code: 'invalid_request', problems: [{ path: 'body.kind' }] } });
    const unknown = await as(RIKKE, `/api/cohorts/${a.id}/meetings/${meetingByKey(b, 'opstart').id}/reminders`, { method: 'POST', body: { kind: 'rsvp' } });
    expect(unknown.status).toBe(404);
  });

  it('exports one row per participant for Danish Excel: BOM, semicolons, answers per plenary, formulas neutralised', async () => {
    // Read as bytes: decoding the body as text would drop the byte order mark Excel needs.
    const res = await fetch(`${tab.server.url}/api/cohorts/${a.id}/participants.csv`, { headers: { 'x-demo-user': RIKKE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')?.replace(/"/g, '')).toBe(`attachment; filename=deltagere-${a.id}.csv`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('Kommune;Navn;Rolle;Tovholder/leder;E-mail;Opstartsmøde 04-05-2023;Refleksionsmøde 06-06-2023;Refleksionsmøde 30-08-2023;Refleksionsmøde 26-09-2023;Afslutningsmøde 31-10-2023');
    expect(lines).toHaveLength(1 + 7);
    expect(lines[1]).toBe(`Aarhus Kommune;Leder i Aarhus Kommune;Linjeleder;Ja;${AARHUS_LEADER};Kommer;;;;`);
    expect(lines[4]).toBe('Odense Kommune;Konsulent i Odense Kommune;Konsulent;Nej;konsulent@odensekommune.example.org;Kommer ikke;;;;');
    expect(lines[6]).toBe(`Vejle Kommune;"'=HYPERLINK(""https://evil.example.org"",""Klik"")";Konsulent;Nej;formel@vejlekommune.example.org;;;;;`);
    expect(lines[7]).toBe('Vejle Kommune;"Hansen; ""Bitten""";Konsulent;Nej;bitten@vejlekommune.example.org;;;;;');
    // The catering list is the only place for dietary notes, and another cohort's people are not here.
    expect(text).not.toContain('Vegetar');
    expect(text).not.toContain('Esbjerg');
  });

  it('refuses to erase while booked meetings lie ahead, saying why, and erases nothing', async () => {
    const res = await as(RIKKE, `/api/cohorts/${a.id}/personal-data`, { method: 'DELETE' });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: { code: 'future_meetings_booked', message: { da: expect.stringContaining('aflys dem først'), en: expect.stringContaining('call them off first') } } });
    const stored = (await fixture.store.cohorts.load(a.id))!.cohort;
    expect(stored.erasedAt).toBeNull();
    expect(stored.municipalities[0]!.participants[0]!.person?.name).toBe('Leder i Aarhus Kommune');
  });

  it("erases a cohort's personal data, keeping its municipalities, meetings and advisors; then it is gone from the advisor's tab", async () => {
    const res = await as(BO, `/api/cohorts/${b.id}/personal-data`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ erasedNow: true, people: 6, dietaryNotes: 0, deliveries: 0 });
    const stored = (await fixture.store.cohorts.load(b.id))!.cohort;
    expect(stored.erasedAt).not.toBeNull();
    expect(stored.municipalities.map((m) => m.name)).toEqual(['Esbjerg Kommune', 'Kolding Kommune', 'Horsens Kommune']);
    expect(stored.municipalities.flatMap((m) => m.participants).every((p) => p.person === null)).toBe(true);
    expect(stored.meetings).toHaveLength(b.meetings.length);
    expect(stored.advisors).toEqual(b.advisors);
    expect((await as(BO, `/api/cohorts/${b.id}/participants.csv`)).status).toBe(403);
    expect((await as(ESBJERG_LEADER, '/api/me')).json).toMatchObject({ memberships: [] });
  });

  it.each([
    ['GET', 'reach'],
    ['GET', 'participants.csv'],
    ['DELETE', 'personal-data'],
    ['POST', 'meetings/:opstart/reminders'],
  ])('refuses a participant, and an advisor of another cohort, %s …/%s with 403, changing nothing', async (method, suffix) => {
    const path = `/api/cohorts/${a.id}/${suffix.replace(':opstart', meetingByKey(a, 'opstart').id)}`;
    const before = await mails(a.id);
    for (const who of [AARHUS_LEADER, BO]) {
      const res = await as(who, path, { method, body: method === 'POST' ? { kind: 'practical' } : undefined });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'not_permitted' } });
      expect(res.text).not.toContain('Aarhus');
    }
    expect(await mails(a.id)).toBe(before);
    expect((await fixture.store.cohorts.load(a.id))!.cohort.erasedAt).toBeNull();
  });
});
