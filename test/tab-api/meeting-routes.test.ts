import { CALENDAR_EVENT_KIND, type CalendarEventState } from '../../src/calendar/event-state';
import { eventObjectKey } from '../../src/calendar/plan-events';
import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
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
const ORGANIZER = 'moeder@agency.example.org';

/** Booked, with an in-person answer to the kick-off (with a dietary note) and a decline. */
function bookedCohort(): Cohort {
  let cohort = sampleCohort();
  const [aarhus, odense] = cohort.municipalities;
  const opstart = meetingByKey(cohort, 'opstart').id;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aarhus!.participants[0]!.id, answer: 'in_person', dietaryNote: 'Vegetar', at: at('2023-03-20T09:00:00.000Z'), source: 'tab' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: odense!.participants[1]!.id, answer: 'declined', dietaryNote: null, at: at('2023-03-21T09:00:00.000Z'), source: 'tab' }).cohort;
  return bookCohort(cohort, ORGANIZER, at('2023-03-01T10:00:00.000Z'));
}

/** Not booked yet, with another advisor: Bo books it from the tab. */
function unbookedCohort(): Cohort {
  const cohort = sampleCohort(['Esbjerg Kommune', 'Kolding Kommune', 'Horsens Kommune']);
  return { ...cohort, name: 'M-ACT Vest', advisors: [{ id: 'advisor-bo', name: 'Bo Berg', title: 'Konsulent', phone: null, email: BO, entraObjectId: null }] };
}

/** Two municipalities: too few to book. */
function smallCohort(): Cohort {
  const cohort = sampleCohort(['Ikast-Brande Kommune', 'Herning Kommune']);
  return { ...cohort, name: 'M-ACT Lille', advisors: [{ id: 'advisor-bo-2', name: 'Bo Berg', title: 'Konsulent', phone: null, email: BO, entraObjectId: null }] };
}

describe.each(engines())('the advisors’ meeting routes on the $name store', (engine) => {
  const fixture = useStore(engine);
  /** Local mode as shipped: nothing can be sent. */
  let local: TabServer;
  /** The same store with a calendar sender, as with a tenant: events are planned, then sent or failed. */
  let connected: TabServer;
  let a: Cohort;
  let b: Cohort;
  let small: Cohort;

  beforeAll(async () => {
    local = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    connected = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' }, [CALENDAR_EVENT_KIND]);
    a = (await fixture.store.cohorts.create(bookedCohort())).cohort;
    b = (await fixture.store.cohorts.create(unbookedCohort())).cohort;
    small = (await fixture.store.cohorts.create(smallCohort())).cohort;
    // The booked cohort's events as booking records them.
    expect((await as(RIKKE, `/api/cohorts/${a.id}/booking`, { method: 'POST' })).status).toBe(200);
  });
  afterAll(async () => {
    await local.server.close();
    await connected.server.close();
  });

  function as(email: string, path: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, server: TabServer = local) {
    return server.call(path, { ...options, headers: { 'x-demo-user': email, ...options.headers } });
  }
  const stored = async (cohort: Cohort) => (await fixture.store.cohorts.load(cohort.id))!.cohort;
  const edit = (email: string, meetingId: string, body: unknown, ifMatch?: string) =>
    as(email, `/api/cohorts/${a.id}/meetings/${meetingId}/details`, { method: 'PUT', body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
  const event = async (cohort: Cohort, key: string) => {
    const meeting = meetingByKey(cohort, key) as PlenaryMeeting;
    const row = await fixture.store.db
      .selectFrom('outbox_objects')
      .select(['desired_version', 'desired_state'])
      .where('object_key', '=', eventObjectKey(cohort, meeting, meeting.generation))
      .executeTakeFirstOrThrow();
    return { version: row.desired_version, state: JSON.parse(row.desired_state!) as CalendarEventState };
  };

  describe('changing form, place and themes', () => {
    it('changes a booked meeting’s place and themes, keeps its id, bumps its version and updates its Outlook invitation', async () => {
      const meeting = meetingByKey(a, 'refleksion-2');
      const before = await event(a, 'refleksion-2');
      const res = await edit(RIKKE, meeting.id, { form: 'physical', place: ' Vejle Rådhus, Skolegade 1, 7100 Vejle ', themes: ['Faglig ledelse', ' Rekruttering '] }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      expect(res.json).toMatchObject({ id: meeting.id, version: 2, form: 'physical', place: 'Vejle Rådhus, Skolegade 1, 7100 Vejle', themes: ['Faglig ledelse', 'Rekruttering'], delivery: { state: 'not_connected' } });
      const after = await event(await stored(a), 'refleksion-2');
      expect(after.version).toBe(before.version + 1);
      expect(after.state.location).toEqual({ displayName: 'Vejle Rådhus, Skolegade 1, 7100 Vejle', address: { street: 'Skolegade 1', postalCode: '7100', city: 'Vejle' } });
      expect(after.state.bodyHtml).toContain('Rekruttering');
      expect(after.state.start).toBe(before.state.start);
    });

    it('turns a physical meeting virtual: a Teams meeting without a place, in-person answers dropped so people are asked again, declines kept', async () => {
      const opstart = meetingByKey(a, 'opstart');
      const res = await edit(RIKKE, opstart.id, { form: 'virtual', themes: ['Ledelse af de organisatoriske rammer'] }, '"1"');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ form: 'virtual', place: null, version: 2 });
      const after = await stored(a);
      expect((await event(after, 'opstart')).state).toMatchObject({ online: true, location: null });
      expect(after.rsvps.filter((r) => r.meetingId === opstart.id).map((r) => r.answer)).toEqual(['declined']);
      const matrix = (await as(RIKKE, `/api/cohorts/${a.id}/rsvp-matrix`)).json as { meetings: { key: string; attendance: { inPerson: number; declined: number }; catering: unknown }[] };
      expect(matrix.meetings.find((m) => m.key === 'opstart')).toMatchObject({ attendance: { inPerson: 0, declined: 1 }, catering: null });
    });

    it('changes nothing when the details are the same, and keeps the version', async () => {
      const meeting = meetingByKey(await stored(a), 'refleksion-2');
      const res = await edit(RIKKE, meeting.id, { form: 'physical', place: 'Vejle Rådhus, Skolegade 1, 7100 Vejle', themes: ['Faglig ledelse', 'Rekruttering'] }, '"2"');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
    });

    it('refuses a stale version with 412 and changes nothing', async () => {
      const before = await stored(a);
      const res = await edit(RIKKE, meetingByKey(a, 'refleksion-2').id, { form: 'physical', place: 'Kolding', themes: [] }, '"1"');
      expect(res.status).toBe(412);
      expect(res.json).toEqual({ error: { code: 'stale_version', message: { da: expect.stringContaining('ændret i mellemtiden'), en: expect.stringContaining('changed meanwhile') } } });
      expect(await stored(a)).toEqual(before);
    });

    it('asks for If-Match (428)', async () => {
      const res = await edit(RIKKE, meetingByKey(a, 'refleksion-3').id, { form: 'physical', place: 'Kolding', themes: [] });
      expect(res.status).toBe(428);
    });

    it.each([
      [{ form: 'hybrid', place: 'Odense', themes: [] }, 'body.form'],
      [{ form: 'physical', place: 'Odense', themes: 'Ledelse' }, 'body.themes'],
      [{ form: 'physical', place: 42, themes: [] }, 'body.place'],
      [{ form: 'physical', place: 'Odense', themes: [], start: '2023-09-01T09:00' }, 'body'],
      [{}, 'body.form'],
    ])('refuses a bad body %j with 400 naming %s, changing nothing', async (body, path) => {
      const before = await stored(a);
      const res = await edit(RIKKE, meetingByKey(a, 'refleksion-3').id, body, '"1"');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_request', message: { da: expect.any(String), en: expect.any(String) }, problems: expect.arrayContaining([expect.objectContaining({ path })]) } });
      expect(await stored(a)).toEqual(before);
    });

    it.each([
      ['a physical meeting without a place', { form: 'physical', place: '  ', themes: [] }, 'invalid_place', 'skal have et sted', 'needs a place'],
      ['a virtual meeting with a place', { form: 'virtual', place: 'Odense', themes: [] }, 'invalid_place', 'Teams-linket er stedet', 'Teams link is the place'],
      ['a theme twice', { form: 'physical', place: 'Odense', themes: ['Ledelse', 'ledelse'] }, 'invalid_theme', 'to gange', 'listed twice'],
      ['an empty theme', { form: 'physical', place: 'Odense', themes: ['Ledelse', ''] }, 'invalid_theme', 'ikke være tomt', 'may not be empty'],
      ['eleven themes', { form: 'physical', place: 'Odense', themes: [...'abcdefghijk'] }, 'invalid_theme', 'højst 10 temaer', 'at most 10 themes'],
      ['a place of 301 characters', { form: 'physical', place: 'x'.repeat(301), themes: [] }, 'text_too_long', 'højst være 300 tegn', 'at most 300 characters'],
    ])('refuses %s with 422 in Danish and English, changing nothing', async (_what, body, code, da, en) => {
      const before = await stored(a);
      const res = await edit(RIKKE, meetingByKey(a, 'refleksion-3').id, body, '"1"');
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ error: { code, message: { da: expect.stringContaining(da), en: expect.stringContaining(en) } } });
      expect(await stored(a)).toEqual(before);
    });

    it('refuses participants and other cohorts’ advisors with 403 before reading the body', async () => {
      const id = meetingByKey(a, 'refleksion-3').id;
      for (const who of [AARHUS_LEADER, AARHUS_CONSULTANT, BO]) {
        const res = await edit(who, id, { nonsense: true }, '"1"');
        expect(res.status).toBe(403);
        expect(res.json).toMatchObject({ error: { code: 'not_permitted' } });
      }
    });

    it('answers 404 for an unknown meeting and 422 for an individual one', async () => {
      expect((await edit(RIKKE, 'no-such-meeting', { form: 'virtual', themes: [] }, '"1"')).status).toBe(404);
      const individual = await edit(RIKKE, meetingByKey(a, 'forberedende').id, { form: 'virtual', themes: [] }, '"1"');
      expect(individual.status).toBe(422);
      expect(individual.json).toMatchObject({ error: { code: 'not_a_plenary' } });
    });
  });

  describe('who will be told', () => {
    it('lists the invitation’s attendees of a booked meeting: every participant and advisor, by name and role', async () => {
      const res = await as(RIKKE, `/api/cohorts/${a.id}/meetings/${meetingByKey(a, 'refleksion-3').id}/notice`);
      expect(res.status).toBe(200);
      const notice = res.json as { booked: boolean; organizer: string; recipients: { name: string; email: string; role: string; municipality: string | null }[] };
      expect(notice).toMatchObject({ booked: true, organizer: ORGANIZER });
      expect(notice.recipients).toHaveLength(3 * 2 + 1);
      expect(notice.recipients).toContainEqual({ name: 'Leder i Aarhus Kommune', email: AARHUS_LEADER, role: 'leader', municipality: 'Aarhus Kommune' });
      expect(notice.recipients).toContainEqual({ name: 'Konsulent i Vejle Kommune', email: 'konsulent@vejlekommune.example.org', role: 'participant', municipality: 'Vejle Kommune' });
      expect(notice.recipients).toContainEqual({ name: 'Rikke Rådgiver', email: RIKKE, role: 'advisor', municipality: null });
    });

    it('says nobody is told before the series is booked', async () => {
      const res = await as(BO, `/api/cohorts/${small.id}/meetings/${meetingByKey(small, 'opstart').id}/notice`);
      expect(res.json).toEqual({ meetingId: meetingByKey(small, 'opstart').id, booked: false, organizer: null, recipients: [] });
    });

    it('is for the cohort’s advisors only', async () => {
      const path = `/api/cohorts/${a.id}/meetings/${meetingByKey(a, 'opstart').id}/notice`;
      for (const who of [AARHUS_CONSULTANT, BO]) {
        const res = await as(who, path);
        expect(res.status).toBe(403);
        expect(res.text).not.toContain('Aarhus');
      }
    });
  });

  describe('booking the series and its delivery', () => {
    it('refuses a cohort of too few municipalities with 422 in Danish and English, booking nothing', async () => {
      const res = await as(BO, `/api/cohorts/${small.id}/booking`, { method: 'POST' });
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ error: { code: 'too_few_municipalities', message: { da: expect.stringContaining('mindst 3 kommuner'), en: expect.stringContaining('at least 3 municipalities') } } });
      expect((await stored(small)).booking).toBeNull();
    });

    it('refuses participants with 403', async () => {
      expect((await as('leder@esbjergkommune.example.org', `/api/cohorts/${b.id}/booking`, { method: 'POST' })).status).toBe(403);
      expect((await stored(b)).booking).toBeNull();
    });

    it('books in local mode from the advisor’s own mailbox: recorded, and honestly not sent', async () => {
      const res = await as(BO, `/api/cohorts/${b.id}/booking`, { method: 'POST' });
      expect(res.status).toBe(200);
      const body = res.json as { booking: { organizer: string }; meetings: { kind: string; delivery?: { state: string } }[] };
      expect(body.booking).toEqual({ organizer: BO, bookedAt: clock.now() });
      const plenaries = body.meetings.filter((m) => m.kind === 'plenary');
      expect(plenaries).toHaveLength(5);
      expect(plenaries.every((m) => m.delivery?.state === 'not_connected')).toBe(true);
      // Booking again (a double click) changes nothing.
      const again = await as(BO, `/api/cohorts/${b.id}/booking`, { method: 'POST' });
      expect((again.json as { booking: unknown }).booking).toEqual(body.booking);
    });

    it('shows the events as planned where a calendar sender is configured', async () => {
      const cohort = (await as(BO, `/api/cohorts/${b.id}`, {}, connected)).json as { meetings: { kind: string; delivery?: { state: string } }[] };
      expect(cohort.meetings.filter((m) => m.kind === 'plenary').map((m) => m.delivery?.state)).toEqual(['planned', 'planned', 'planned', 'planned', 'planned']);
    });

    it('shows a failed invitation with its reason, and Retry gives it fresh tries', async () => {
      const cohort = await stored(b);
      const meeting = meetingByKey(cohort, 'afslutning') as PlenaryMeeting;
      const key = eventObjectKey(cohort, meeting, meeting.generation);
      await fixture.store.db.updateTable('outbox_objects').set({ failed_at: clock.now(), last_error: 'ErrorItemNotFound: mailbox not found', attempts: 9 }).where('object_key', '=', key).execute();
      const failed = (await as(BO, `/api/cohorts/${b.id}`, {}, connected)).json as { meetings: { key: string; delivery?: { state: string; reason: string | null } }[] };
      expect(failed.meetings.find((m) => m.key === 'afslutning')!.delivery).toMatchObject({ state: 'failed', reason: 'ErrorItemNotFound: mailbox not found' });

      expect((await as(AARHUS_LEADER, `/api/cohorts/${b.id}/delivery/retry`, { method: 'POST' }, connected)).status).toBe(403);
      const retry = await as(BO, `/api/cohorts/${b.id}/delivery/retry`, { method: 'POST' }, connected);
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual({ retried: 1, at: clock.now() });
      const after = (await as(BO, `/api/cohorts/${b.id}`, {}, connected)).json as { meetings: { key: string; delivery?: { state: string } }[] };
      expect(after.meetings.find((m) => m.key === 'afslutning')!.delivery).toMatchObject({ state: 'planned' });
      expect((await as(BO, `/api/cohorts/${b.id}/delivery/retry`, { method: 'POST' }, connected)).json).toMatchObject({ retried: 0 });
    });
  });
});
