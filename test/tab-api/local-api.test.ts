import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import { eventObjectKey } from '../../src/calendar/plan-events';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { recordRsvp } from '../../src/domain/rsvp';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2023-04-01T08:00:00.000Z');
const at = (iso: string) => parseInstant(iso);

const RIKKE = 'rikke@agency.example.org';
const BO = 'bo@agency.example.org';
const AARHUS_LEADER = 'leder@aarhuskommune.example.org';
const AARHUS_CONSULTANT = 'konsulent@aarhuskommune.example.org';
const ODENSE_CONSULTANT = 'konsulent@odensekommune.example.org';
const STRANGER = 'nobody@example.org';

/** Cohort A, booked, with a dietary note, a decline, an answer for a date since moved away from, and a slot booked. */
function cohortA(): Cohort {
  let cohort = sampleCohort();
  const [aarhus, odense] = cohort.municipalities;
  const opstart = meetingByKey(cohort, 'opstart').id;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aarhus!.participants[0]!.id, answer: 'in_person', dietaryNote: 'Vegetar', at: at('2023-03-20T09:00:00.000Z'), source: 'chat' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: odense!.participants[1]!.id, answer: 'declined', dietaryNote: null, at: at('2023-03-21T09:00:00.000Z'), source: 'outlook' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: meetingByKey(cohort, 'refleksion-1').id, participantId: aarhus!.participants[1]!.id, answer: 'online', dietaryNote: null, at: at('2023-03-22T09:00:00.000Z'), source: 'tab' }).cohort;
  cohort = bookCohort(cohort, 'moeder@agency.example.org', at('2023-03-01T10:00:00.000Z'));
  const booking = { meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: aarhus!.id, start: parseLocalDateTime('2023-04-25T09:00'), phone: null, bookedBy: aarhus!.participants[0]!.id, bookedAt: at('2023-03-25T08:00:00.000Z'), version: 1, generation: 1, cancelled: false };
  return { ...cohort, slotBookings: [booking] };
}

/** Cohort B: other municipalities, another advisor; nothing of it may show in A's answers or the reverse. */
function cohortB(): Cohort {
  const cohort = sampleCohort(['Esbjerg Kommune', 'Kolding Kommune', 'Horsens Kommune']);
  return { ...cohort, name: 'M-ACT Vest', advisors: [{ id: 'advisor-bo', name: 'Bo Berg', title: 'Konsulent', phone: null, email: BO, entraObjectId: null }] };
}

describe('the tab API in local mode with no cohorts', () => {
  const fixture = useStore(engines()[0]!);
  let tab: TabServer;
  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
  });
  afterAll(() => tab.server.close());

  it('lists no demo users, and someone in no cohort has no memberships', async () => {
    expect((await tab.call('/api/demo-users')).json).toEqual({ users: [] });
    expect((await tab.call('/api/me', { headers: { 'x-demo-user': STRANGER } })).json).toEqual({ mode: 'local', name: null, memberships: [], mayCreateCohorts: false });
  });

  it('loads the bundled demo cohort into the empty installation, JSON requests only, and only while it is empty', async () => {
    const form = await tab.call('/api/demo/examples', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await tab.call('/api/demo-users')).json).toEqual({ users: [] });
    const loaded = await tab.call('/api/demo/examples', { method: 'POST', body: {} });
    expect(loaded.status).toBe(201);
    expect(loaded.json).toEqual({ cohortId: 'demo', name: 'Demo: Organisering af M-ACT' });
    expect(((await tab.call('/api/demo-users')).json as { users: unknown[] }).users).toContainEqual(expect.objectContaining({ email: 'signe.vestergaard@styrelsen.example.org', role: 'advisor' }));
    const again = await tab.call('/api/demo/examples', { method: 'POST', body: {} });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'not_empty' } });
  });
});

describe.each(engines())('the tab API in local mode on the $name store', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let a: Cohort;
  let b: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    a = (await fixture.store.cohorts.create(cohortA())).cohort;
    b = (await fixture.store.cohorts.create(cohortB())).cohort;
  });
  afterAll(() => tab.server.close());

  const as = (email: string, path: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    tab.call(path, { ...options, headers: { 'x-demo-user': email, ...options.headers } });
  const stored = async () => (await fixture.store.cohorts.load(a.id))!;
  const id = (key: string) => meetingByKey(a, key).id;

  it('asks for a demo user when none is named, and lists the people of every cohort', async () => {
    const none = await tab.call('/api/me');
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { code: 'demo_user_required', message: { da: expect.stringContaining('Vælg en demobruger') } } });
    const { users } = (await tab.call('/api/demo-users')).json as { users: { email: string; role: string; municipality: string | null; cohortName: string }[] };
    expect(users).toHaveLength(2 + 2 * 6);
    expect(users[0]).toEqual({ name: 'Rikke Rådgiver', email: RIKKE, role: 'advisor', cohortId: a.id, cohortName: 'M-ACT 2023', municipality: null });
    expect(users).toContainEqual(expect.objectContaining({ email: AARHUS_LEADER, role: 'leader', municipality: 'Aarhus Kommune' }));
    expect(users).toContainEqual(expect.objectContaining({ email: BO, role: 'advisor', cohortName: 'M-ACT Vest' }));
  });

  it('tells each person who they are, from the cohort data', async () => {
    expect((await as(AARHUS_LEADER, '/api/me')).json).toEqual({
      mode: 'local',
      name: 'Leder i Aarhus Kommune',
      memberships: [{ cohortId: a.id, cohortName: 'M-ACT 2023', role: 'leader', municipalityId: a.municipalities[0]!.id, municipalityName: 'Aarhus Kommune' }],
      mayCreateCohorts: false,
    });
    const cohorts = (await as(BO, '/api/cohorts')).json as { cohorts: { id: string; role: string; nextMeeting: { start: string } | null }[] };
    expect(cohorts.cohorts).toEqual([expect.objectContaining({ id: b.id, role: 'advisor', nextMeeting: expect.objectContaining({ start: '2023-05-04T09:30' }) })]);
    expect((await as(STRANGER, '/api/cohorts')).json).toEqual({ cohorts: [] });
  });

  it('shows advisors their cohort: meetings with versions and delivery, people, bookings, presentations — no dietary notes', async () => {
    const res = await as(RIKKE, `/api/cohorts/${a.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.json as { meetings: { key: string; kind: string; version: number; delivery?: { state: string } }[]; municipalities: { participants: unknown[] }[]; slotBookings: unknown[]; presentations: unknown[] };
    expect(body.meetings.map((m) => m.key)).toEqual(a.meetings.map((m) => m.key));
    expect(body.meetings.find((m) => m.key === 'opstart')).toMatchObject({ kind: 'plenary', version: 1, form: 'physical', place: expect.stringContaining('Odense'), start: '2023-05-04T09:30', joinUrl: null, delivery: { state: 'not_booked' } });
    expect(body.meetings.find((m) => m.key === 'forberedende')).toMatchObject({ kind: 'preparatory', days: ['2023-04-25', '2023-04-26'] });
    expect(body.municipalities[0]!.participants).toHaveLength(2);
    expect(body.slotBookings).toHaveLength(1);
    expect(body.presentations).toHaveLength(4 * 3);
    expect(res.text).not.toContain('Vegetar');
    expect(res.text).not.toContain('Esbjerg');
  });

  it.each([
    ['a participant', AARHUS_CONSULTANT, () => `/api/cohorts/${a.id}`],
    ['a leader', AARHUS_LEADER, () => `/api/cohorts/${a.id}/rsvp-matrix`],
    ["another cohort's advisor", BO, () => `/api/cohorts/${a.id}`],
    ['someone in no cohort', STRANGER, () => `/api/cohorts/${a.id}/rsvp-matrix`],
    ['an advisor, for a cohort that does not exist', RIKKE, () => '/api/cohorts/no-such-cohort'],
  ])('refuses %s an advisor route with 403, showing nothing of the cohort', async (_who, email, path) => {
    const res = await as(email, path());
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: { code: 'not_permitted', message: { da: expect.stringContaining('Du kan ikke gøre dette'), en: expect.any(String) } } });
    for (const secret of ['Aarhus', 'Rikke', 'Vegetar', 'M-ACT 2023', 'Esbjerg']) expect(res.text).not.toContain(secret);
  });

  it('gives advisors the RSVP matrix: answers, head-counts, and the catering list with the dietary notes', async () => {
    const res = await as(RIKKE, `/api/cohorts/${a.id}/rsvp-matrix`);
    expect(res.status).toBe(200);
    const body = res.json as { meetings: { key: string; attendance: unknown; cateringDeadline: string | null; catering: unknown }[]; participants: { name: string; answers: unknown[] }[] };
    const opstart = body.meetings.find((m) => m.key === 'opstart')!;
    expect(opstart.attendance).toEqual({ inPerson: 1, online: 0, declined: 1, answeredForEarlierDate: 0, notAnswered: 4 });
    expect(opstart.cateringDeadline).toBe('2023-04-27T12:00');
    expect(opstart.catering).toEqual({ deadline: '2023-04-27T12:00', participants: 1, advisors: 1, dietaryNotes: [{ name: 'Leder i Aarhus Kommune', municipality: 'Aarhus Kommune', note: 'Vegetar' }] });
    expect(body.meetings.find((m) => m.key === 'refleksion-1')).toMatchObject({ cateringDeadline: null, catering: null, attendance: expect.objectContaining({ online: 1 }) });
    expect(body.participants).toHaveLength(6);
    expect(body.participants[0]).toMatchObject({ name: 'Leder i Aarhus Kommune', answers: [{ meetingId: id('opstart'), answer: 'in_person', forCurrentDate: true, source: 'chat' }] });
    expect(JSON.stringify(body.participants)).not.toContain('Vegetar');
  });

  it("gives each member their coming meetings with their own answer and note (no one else's)", async () => {
    const leader = (await as(AARHUS_LEADER, '/api/my/meetings')).json as { meetings: { key: string; myAnswer: unknown }[] };
    expect(leader.meetings.map((m) => m.key)).toEqual(['opstart', 'refleksion-1', 'refleksion-2', 'refleksion-3', 'afslutning']);
    // Their own note, so that answering again keeps it.
    expect(leader.meetings[0]!.myAnswer).toEqual({ answer: 'in_person', forCurrentDate: true, forStart: '2023-05-04T09:30', answeredAt: '2023-03-20T09:00:00.000Z', dietaryNote: 'Vegetar' });
    // The municipality's presentation at each plenary that has presentations (not the kick-off).
    const withTask = leader.meetings as unknown as { key: string; myPresentation: unknown }[];
    expect(withTask.find((m) => m.key === 'opstart')!.myPresentation).toBeNull();
    expect(withTask.find((m) => m.key === 'refleksion-1')!.myPresentation).toEqual({ municipalityId: a.municipalities[0]!.id, municipalityName: 'Aarhus Kommune', status: 'not_started', link: null, updatedAt: null });
    const consultant = (await as(AARHUS_CONSULTANT, '/api/my/meetings')).json;
    expect(JSON.stringify(consultant)).not.toContain('Vegetar');
    const advisor = (await as(RIKKE, '/api/my/meetings')).json as { meetings: { myAnswer: unknown }[] };
    expect(advisor.meetings.every((m) => m.myAnswer === null && (m as { myPresentation?: unknown }).myPresentation === null)).toBe(true);
    expect((await as(STRANGER, '/api/my/meetings')).status).toBe(403);
  });

  describe('moving a plenary with If-Match', () => {
    const move = (email: string, meetingId: string, body: unknown, ifMatch?: string) =>
      as(email, `/api/cohorts/${a.id}/meetings/${meetingId}`, { method: 'PUT', body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

    it('refuses a participant (403) before reading the body, and a request without If-Match (428)', async () => {
      expect((await move(AARHUS_LEADER, id('refleksion-1'), { nonsense: true })).status).toBe(403);
      const missing = await move(RIKKE, id('refleksion-1'), { start: '2023-06-07T09:00' });
      expect(missing.status).toBe(428);
      expect(missing.json).toMatchObject({ error: { code: 'precondition_required' } });
      expect((await move(RIKKE, id('refleksion-1'), { start: '2023-06-07T09:00' }, '*')).status).toBe(428);
    });

    it.each([
      [{ start: '2023-06-31T09:00' }, 'body.start'],
      [{ start: '2024-03-31T02:30' }, 'body.start'],
      [{ start: '2023-06-07T09:00', extra: 1 }, 'body'],
      [{}, 'body.start'],
    ])('refuses a bad body %j with 400 naming %s', async (body, path) => {
      const res = await move(RIKKE, id('refleksion-1'), body, '"1"');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_request', problems: [expect.objectContaining({ path })] } });
    });

    it('words a problem in Danish and English where the validator has both words', async () => {
      const res = await move(RIKKE, id('refleksion-1'), { start: 20230607 }, '"1"');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        error: { problems: [{ path: 'body.start', message: 'Invalid input: expected string, received number', texts: { da: 'Ugyldigt input: forventede streng, fik tal', en: 'Invalid input: expected string, received number' } }] },
      });
    });

    it('moves it with the version read, records Outlook’s desired state, and answers with the new version', async () => {
      const res = await move(RIKKE, id('refleksion-1'), { start: '2023-06-07T09:00' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      expect(res.json).toMatchObject({ id: id('refleksion-1'), version: 2, start: '2023-06-07T09:00', end: '2023-06-07T13:30', delivery: { state: 'not_connected' } });
      const moved = (await stored()).cohort;
      const key = eventObjectKey(moved, meetingByKey(moved, 'refleksion-1') as PlenaryMeeting, 1);
      const event = await fixture.store.db.selectFrom('outbox_objects').select(['object_key']).where('object_key', '=', key).executeTakeFirst();
      expect(event).toEqual({ object_key: key });
    });

    it('lets exactly one of two advisors moving at once from the same version win', async () => {
      const both = await Promise.all([
        move(RIKKE, id('refleksion-2'), { start: '2023-08-31T09:30' }, '"1"'),
        move(RIKKE, id('refleksion-2'), { start: '2023-09-01T09:30' }, '"1"'),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = both.find((r) => r.status === 200)!.json as { start: string };
      expect(meetingByKey((await stored()).cohort, 'refleksion-2')).toMatchObject({ version: 2, schedule: expect.objectContaining({ start: winner.start }) });
    });

    it('refuses a stale version with 412 and changes nothing', async () => {
      const before = await stored();
      const res = await move(RIKKE, id('refleksion-1'), { start: '2023-06-08T09:00' }, '"1"');
      expect(res.status).toBe(412);
      expect(res.json).toEqual({ error: { code: 'stale_version', message: { da: expect.stringContaining('ændret i mellemtiden'), en: expect.stringContaining('changed meanwhile') } } });
      expect(await stored()).toEqual(before);
    });

    it('answers 404 for an unknown meeting and 422 for an individual one', async () => {
      expect((await move(RIKKE, 'no-such-meeting', { start: '2023-06-07T09:00' }, '"1"')).json).toMatchObject({ error: { code: 'unknown_meeting' } });
      expect((await move(RIKKE, 'no-such-meeting', { start: '2023-06-07T09:00' }, '"1"')).status).toBe(404);
      const individual = await move(RIKKE, id('forberedende'), { start: '2023-04-25T09:00' }, '"1"');
      expect(individual.status).toBe(422);
      expect(individual.json).toMatchObject({ error: { code: 'not_a_plenary' } });
    });

    it('keeps the earlier answer, marked as for the old date and not counted', async () => {
      const body = (await as(RIKKE, `/api/cohorts/${a.id}/rsvp-matrix`)).json as { meetings: { key: string; attendance: { answeredForEarlierDate: number; online: number } }[]; participants: { answers: { meetingId: string; forCurrentDate: boolean }[] }[] };
      expect(body.meetings.find((m) => m.key === 'refleksion-1')!.attendance).toMatchObject({ online: 0, answeredForEarlierDate: 1 });
      expect(body.participants[1]!.answers).toEqual([expect.objectContaining({ meetingId: id('refleksion-1'), forCurrentDate: false })]);
    });
  });

  describe('answering from the tab', () => {
    const rsvp = (email: string, meetingId: string, body: unknown) => as(email, `/api/cohorts/${a.id}/meetings/${meetingId}/rsvp`, { method: 'PUT', body });

    it('records a participant’s own answer with source tab', async () => {
      const res = await rsvp(ODENSE_CONSULTANT, id('opstart'), { answer: 'in_person', dietaryNote: 'Glutenfri' });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ outcome: 'recorded', answer: { meetingId: id('opstart'), answer: 'in_person', forCurrentDate: true, forStart: '2023-05-04T09:30', answeredAt: clock.now() } });
      const participantId = a.municipalities[1]!.participants[1]!.id;
      expect((await stored()).cohort.rsvps).toContainEqual(expect.objectContaining({ participantId, answer: 'in_person', dietaryNote: 'Glutenfri', source: 'tab' }));
      expect(res.text).not.toContain('Glutenfri');
    });

    it('refuses advisors (they do not answer), other cohorts, rule breaches and bad bodies', async () => {
      expect((await rsvp(RIKKE, id('opstart'), { answer: 'in_person' })).status).toBe(403);
      expect((await rsvp(BO, id('opstart'), { answer: 'in_person' })).status).toBe(403);
      const online = await rsvp(AARHUS_CONSULTANT, id('opstart'), { answer: 'online' });
      expect(online.status).toBe(422);
      expect(online.json).toMatchObject({ error: { code: 'answer_not_offered', message: { da: expect.stringContaining('passer ikke') } } });
      expect((await rsvp(AARHUS_CONSULTANT, 'no-such-meeting', { answer: 'declined' })).status).toBe(404);
      const bad = await rsvp(AARHUS_CONSULTANT, id('opstart'), { answer: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({ error: { problems: [expect.objectContaining({ path: 'body.answer' })] } });
    });

    it("lets the municipality's people and the advisors report its presentation, nobody else", async () => {
      const aarhus = a.municipalities[0]!.id;
      const report = (email: string, body: unknown) => as(email, `/api/cohorts/${a.id}/presentations/${id('refleksion-1')}/${aarhus}`, { method: 'PUT', body });
      const res = await report(AARHUS_CONSULTANT, { status: 'ready', link: 'https://example.org/oplaeg' });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ meetingId: id('refleksion-1'), municipalityId: aarhus, status: 'ready', link: 'https://example.org/oplaeg', updatedAt: clock.now() });
      expect((await report(RIKKE, { status: 'in_preparation' })).json).toMatchObject({ status: 'in_preparation', link: 'https://example.org/oplaeg' });
      expect((await report(ODENSE_CONSULTANT, { status: 'ready' })).status).toBe(403);
      expect((await report(BO, { status: 'ready' })).status).toBe(403);
      expect((await report(AARHUS_CONSULTANT, { status: 'ready', link: 'ftp://x' })).status).toBe(422);
      expect((await report(AARHUS_CONSULTANT, { status: 'not_started' })).status).toBe(400);
    });
  });
});
