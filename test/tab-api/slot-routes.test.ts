import { CALENDAR_EVENT_KIND } from '../../src/calendar/event-state';
import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
import type { SlotOfferResponse } from '../../src/server/tab-api/response-schemas';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2023-04-01T08:00:00.000Z');

const RIKKE = 'rikke@agency.example.org';
const AARHUS_LEADER = 'leder@aarhuskommune.example.org';
const AARHUS_CONSULTANT = 'konsulent@aarhuskommune.example.org';
const ODENSE_LEADER = 'leder@odensekommune.example.org';
const VEJLE_LEADER = 'leder@vejlekommune.example.org';
const STRANGER = 'nobody@example.org';
const WEST_ADVISOR = 'bo@agency.example.org';

describe.each(engines())('leaders book their individual meetings from the tab ($name)', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let cohort: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    const booked = bookCohort(sampleCohort(), 'moeder@agency.example.org', parseInstant('2023-03-01T10:00:00.000Z'));
    cohort = (await fixture.store.cohorts.create(booked)).cohort;
    const west = sampleCohort(['Esbjerg Kommune', 'Kolding Kommune', 'Horsens Kommune']);
    await fixture.store.cohorts.create({ ...west, advisors: [{ id: 'advisor-bo', name: 'Bo Berg', title: 'Konsulent', phone: null, email: WEST_ADVISOR, entraObjectId: null }] });
  });
  afterAll(() => tab.server.close());

  const as = (email: string, path: string, options: { method?: string; body?: unknown } = {}) => tab.call(path, { ...options, headers: { 'x-demo-user': email } });
  const municipalityId = (i: number) => cohort.municipalities[i]!.id;
  const slotPath = (i: number, key: string) => `/api/cohorts/${cohort.id}/municipalities/${municipalityId(i)}/slots/${meetingByKey(cohort, key).id}`;
  const book = (email: string, i: number, key: string, body: unknown) => as(email, slotPath(i, key), { method: 'PUT', body });
  const bookings = async () => (await fixture.store.cohorts.load(cohort.id))!.cohort.slotBookings;
  const revision = async () => (await fixture.store.cohorts.load(cohort.id))!.revision;

  it('offers a leader the free slots of each of the municipality’s individual meetings, nobody else’s', async () => {
    const res = await as(AARHUS_LEADER, '/api/my/slots');
    expect(res.status).toBe(200);
    const { offers } = res.json as { offers: SlotOfferResponse[] };
    expect(offers.map((o) => [o.kind, o.form, o.municipalityName, o.booking])).toEqual([
      ['preparatory', 'virtual', 'Aarhus Kommune', null],
      ['followup', 'phone', 'Aarhus Kommune', null],
    ]);
    // 09:00–15:00, an hour each with 15 minutes between: five a day, two days.
    expect(offers[0]!.slots.map((s) => s.start)).toEqual([
      '2023-04-25T09:00', '2023-04-25T10:15', '2023-04-25T11:30', '2023-04-25T12:45', '2023-04-25T14:00',
      '2023-04-26T09:00', '2023-04-26T10:15', '2023-04-26T11:30', '2023-04-26T12:45', '2023-04-26T14:00',
    ]);
    expect(offers[0]!.slots[0]).toEqual({ start: '2023-04-25T09:00', end: '2023-04-25T10:00', wished: false });
    const one = await as(AARHUS_LEADER, slotPath(0, 'forberedende'));
    expect(one.json).toEqual(offers[0]);
    // A consultant leads nothing, nor does an advisor: they book for a municipality by its address.
    expect((await as(AARHUS_CONSULTANT, '/api/my/slots')).json).toEqual({ offers: [] });
    expect((await as(RIKKE, '/api/my/slots')).json).toEqual({ offers: [] });
    expect((await as(STRANGER, '/api/my/slots')).status).toBe(403);
  });

  it('books a slot: the booking shows, the slot is gone from the others’ offer, and Outlook gets an event', async () => {
    const res = await book(AARHUS_LEADER, 0, 'forberedende', { start: '2023-04-25T10:15' });
    expect(res.status).toBe(200);
    const offer = res.json as SlotOfferResponse;
    expect(offer.booking).toEqual({ start: '2023-04-25T10:15', end: '2023-04-25T11:15', phone: null, version: 1 });
    expect(offer.slots.map((s) => s.start)).toContain('2023-04-25T10:15');
    const odense = (await as(ODENSE_LEADER, slotPath(1, 'forberedende'))).json as SlotOfferResponse;
    expect(odense.slots.map((s) => s.start)).not.toContain('2023-04-25T10:15');
    expect(await bookings()).toEqual([expect.objectContaining({ municipalityId: municipalityId(0), start: '2023-04-25T10:15', bookedBy: cohort.municipalities[0]!.participants[0]!.id, cancelled: false })]);
    const events = await fixture.store.db.selectFrom('outbox_objects').select('object_key').where('cohort_id', '=', cohort.id).where('kind', '=', CALENDAR_EVENT_KIND).execute();
    expect(events.filter((e) => e.object_key.includes(':forberedende:'))).toHaveLength(1);
  });

  it('rebooks: the booking moves, the same Outlook event follows, and the old slot is free again', async () => {
    const res = await book(AARHUS_LEADER, 0, 'forberedende', { start: '2023-04-26T09:00' });
    expect(res.status).toBe(200);
    expect((res.json as SlotOfferResponse).booking).toMatchObject({ start: '2023-04-26T09:00', version: 2 });
    expect(await bookings()).toEqual([expect.objectContaining({ start: '2023-04-26T09:00', version: 2, generation: 1 })]);
    const odense = (await as(ODENSE_LEADER, slotPath(1, 'forberedende'))).json as SlotOfferResponse;
    expect(odense.slots.map((s) => s.start)).toContain('2023-04-25T10:15');
    expect(odense.slots.map((s) => s.start)).not.toContain('2023-04-26T09:00');
  });

  it('answers 409 with the domain’s words when another municipality has just taken the slot, and changes nothing', async () => {
    const before = await bookings();
    const res = await book(ODENSE_LEADER, 1, 'forberedende', { start: '2023-04-26T09:00' });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      error: {
        code: 'slot_taken',
        path: 'start',
        message: { da: 'Tiden er lige blevet taget af en anden kommune. Vælg en anden.', en: 'The slot was just taken by another municipality. Pick another.' },
      },
    });
    expect(await bookings()).toEqual(before);
  });

  it('lets exactly one of two municipalities pressing the same slot at once have it; the other meets 409', async () => {
    const body = { start: '2024-01-10T10:15', phone: '+45 20 00 00 00' };
    const both = await Promise.all([book(ODENSE_LEADER, 1, 'opfoelgning', body), book(VEJLE_LEADER, 2, 'opfoelgning', body)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await bookings()).filter((b) => b.start === body.start && !b.cancelled)).toHaveLength(1);
  });

  it.each([
    ['a leader of another municipality', ODENSE_LEADER],
    ['a participant who is not a leader', AARHUS_CONSULTANT],
    ["another cohort's advisor", WEST_ADVISOR],
    ['someone in no cohort', STRANGER],
  ])('refuses %s with 403, before reading the body, and changes nothing', async (_who, email) => {
    const before = await revision();
    for (const res of [
      await as(email, slotPath(0, 'forberedende')),
      await book(email, 0, 'forberedende', { start: '2023-04-25T12:45' }),
      await book(email, 0, 'forberedende', { nonsense: true }),
      await as(email, slotPath(0, 'forberedende'), { method: 'DELETE' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'not_permitted', message: { da: expect.any(String), en: expect.any(String) } } });
      expect(res.text).not.toContain('2023-04-26T09:00');
    }
    expect(await revision()).toBe(before);
  });

  it.each([
    [{ start: '2023-04-25 12:45' }, 'body.start'],
    [{ start: '2023-02-30T09:00' }, 'body.start'],
    [{ start: '2023-03-26T02:30' }, 'body.start'],
    [{}, 'body.start'],
    [{ start: '2023-04-25T12:45', slot: 'x' }, 'body'],
    [{ start: '2023-04-25T12:45', phone: 4512345678 }, 'body.phone'],
  ])('refuses a bad body %j with 400 naming %s, in Danish and English, and changes nothing', async (body, path) => {
    const before = await revision();
    const res = await book(AARHUS_LEADER, 0, 'forberedende', body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'invalid_request', message: { da: expect.any(String), en: expect.any(String) }, problems: expect.arrayContaining([expect.objectContaining({ path })]) } });
    expect(await revision()).toBe(before);
  });

  it('refuses a well-formed time that is not offered (422) and a plenary (422), changing nothing', async () => {
    const before = await revision();
    const early = await book(AARHUS_LEADER, 0, 'forberedende', { start: '2023-04-25T08:00' });
    expect(early.status).toBe(422);
    expect(early.json).toMatchObject({ error: { code: 'slot_not_offered', message: { da: expect.stringContaining('ledige tider') } } });
    const plenary = await book(AARHUS_LEADER, 0, 'opstart', { start: '2023-05-04T09:30' });
    expect(plenary.status).toBe(422);
    expect(plenary.json).toMatchObject({ error: { code: 'not_an_individual_meeting' } });
    expect(await revision()).toBe(before);
  });

  it('asks for the number to call when the follow-up is booked without one, and keeps the one given', async () => {
    const none = await book(AARHUS_LEADER, 0, 'opfoelgning', { start: '2024-01-09T09:00' });
    expect(none.status).toBe(422);
    expect(none.json).toMatchObject({ error: { code: 'phone_required', path: 'phone', message: { da: expect.stringContaining('telefonmøde') } } });
    const res = await book(AARHUS_LEADER, 0, 'opfoelgning', { start: '2024-01-09T09:00', phone: '+45 12 34 56 78' });
    expect(res.status).toBe(200);
    expect((res.json as SlotOfferResponse).booking).toMatchObject({ start: '2024-01-09T09:00', phone: '+45 12 34 56 78' });
  });

  it('cancels: the booking is gone and the slot offered again; cancelling again changes nothing', async () => {
    const res = await as(AARHUS_LEADER, slotPath(0, 'forberedende'), { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((res.json as SlotOfferResponse).booking).toBeNull();
    expect((await bookings()).find((b) => b.municipalityId === municipalityId(0) && b.meetingId === meetingByKey(cohort, 'forberedende').id)).toMatchObject({ cancelled: true });
    const odense = (await as(ODENSE_LEADER, slotPath(1, 'forberedende'))).json as SlotOfferResponse;
    expect(odense.slots.map((s) => s.start)).toContain('2023-04-26T09:00');
    const before = await revision();
    expect((await as(AARHUS_LEADER, slotPath(0, 'forberedende'), { method: 'DELETE' })).status).toBe(200);
    expect(await revision()).toBe(before);
  });

  it("lets an advisor book on a municipality's behalf", async () => {
    const res = await book(RIKKE, 2, 'forberedende', { start: '2023-04-25T14:00' });
    expect(res.status).toBe(200);
    expect((res.json as SlotOfferResponse).booking).toMatchObject({ start: '2023-04-25T14:00' });
    expect((await bookings()).find((b) => b.municipalityId === municipalityId(2) && b.meetingId === meetingByKey(cohort, 'forberedende').id)).toMatchObject({ bookedBy: cohort.advisors[0]!.id, cancelled: false });
    // The municipality's own leader sees it as theirs.
    const vejle = (await as(VEJLE_LEADER, '/api/my/slots')).json as { offers: SlotOfferResponse[] };
    expect(vejle.offers[0]!.booking).toMatchObject({ start: '2023-04-25T14:00' });
  });
});
