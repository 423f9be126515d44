import { loadConfig } from '../../src/config/config';
import type { Cohort } from '../../src/domain/cohort';
import { PROGRAMME_2023 } from '../../src/domain/default-programme';
import { addDays, dateOf, parseLocalDate, parseLocalDateTime, weekday } from '../../src/domain/local-time';
import { isPlenary } from '../../src/domain/programme';
import type { CohortResponse, MeResponse, ProgrammesResponse } from '../../src/server/tab-api/response-schemas';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2026-12-01T09:00:00.000Z');
const TODAY = parseLocalDate('2026-12-01');

const RIKKE = 'rikke@agency.example.org';
const LISTED = 'Ny.Raadgiver@agency.example.org';
const LEADER = 'leder@aarhuskommune.example.org';
const STRANGER = 'nobody@example.org';

const TEMPLATE_PLENARIES = PROGRAMME_2023.meetings.filter(isPlenary);
const dayOf = (start: string) => dateOf(parseLocalDateTime(start));

describe.each(engines())('creating a cohort from the programme in the tab API, on the $name store', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let existing: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({ ADVISORS: LISTED }, tempDir()), fixture.store, clock, { mode: 'local' });
    existing = (await fixture.store.cohorts.create(sampleCohort())).cohort;
  });
  afterAll(() => tab.server.close());

  const as = (email: string, path: string, options: { method?: string; body?: unknown } = {}) => tab.call(path, { ...options, headers: { 'x-demo-user': email } });
  const count = async () => (await fixture.store.cohorts.list()).length;

  /** The plenaries the programme proposes for a kick-off on `kickoff`, as the form sends them back. */
  async function proposed(kickoff: string): Promise<{ key: string; start: string }[]> {
    const res = await as(RIKKE, `/api/programmes?kickoff=${kickoff}`);
    expect(res.status).toBe(200);
    return (res.json as ProgrammesResponse).programmes[0]!.plenaries.map(({ key, start }) => ({ key, start }));
  }

  it('proposes the programme some weeks ahead, every plenary on its weekday and at its time of day', async () => {
    const res = await as(RIKKE, '/api/programmes');
    expect(res.status).toBe(200);
    const [programme] = (res.json as ProgrammesResponse).programmes;
    expect(programme).toMatchObject({ edition: 'mact-2023', title: { da: 'Gruppeforløb: Organisering af M-ACT' } });
    expect(programme!.plenaries.map((p) => p.key)).toEqual(TEMPLATE_PLENARIES.map((m) => m.key));
    const kickoff = dayOf(programme!.plenaries[0]!.start);
    expect(kickoff > addDays(TODAY, 6 * 7 - 1) && kickoff < addDays(TODAY, 10 * 7 + 1)).toBe(true);
    programme!.plenaries.forEach((p, i) => {
      const template = TEMPLATE_PLENARIES[i]!;
      expect(weekday(dayOf(p.start))).toBe(weekday(dateOf(template.schedule.start)));
      expect(p.start.slice(11)).toBe(template.schedule.start.slice(11));
    });
    expect(programme!.plenaries[0]).toMatchObject({ form: 'physical', start: expect.stringMatching(/T09:30$/), end: expect.stringMatching(/T15:30$/) });
  });

  it('moves the proposal so the kick-off falls on the day chosen', async () => {
    const plenaries = await proposed('2027-03-02');
    expect(plenaries[0]).toEqual({ key: 'opstart', start: '2027-03-02T09:30' });
    // The others keep their weekdays: the reflection meetings fall on a Tuesday, a Wednesday and a Tuesday as in 2023.
    expect(plenaries.slice(1).map((p) => weekday(dayOf(p.start)))).toEqual(TEMPLATE_PLENARIES.slice(1).map((m) => weekday(dateOf(m.schedule.start))));
    expect(dayOf(plenaries[1]!.start) > '2027-03-02').toBe(true);
  });

  it('creates the cohort for someone ADVISORS lists, with its meetings from the template, and makes them its advisor', async () => {
    const before = await as(LISTED, '/api/me');
    expect(before.json).toMatchObject({ memberships: [], mayCreateCohorts: true });

    const plenaries = await proposed('2027-03-04');
    const res = await as(LISTED, '/api/cohorts', { method: 'POST', body: { name: '  M-ACT forår 2027 ', edition: 'mact-2023', plenaries } });
    expect(res.status).toBe(201);
    const { id, name } = res.json as { id: string; name: string };
    expect(name).toBe('M-ACT forår 2027');
    expect(res.headers.get('location')).toBe(`/api/cohorts/${id}`);

    const cohort = (await as(LISTED, `/api/cohorts/${id}`)).json as CohortResponse;
    expect(cohort.edition).toBe('mact-2023');
    expect(cohort.advisors).toEqual([{ id: expect.any(String), name: 'ny.raadgiver@agency.example.org', title: 'Rådgiver', email: 'ny.raadgiver@agency.example.org', phone: null }]);
    expect(cohort.municipalities).toEqual([]);
    expect(cohort.booking).toBeNull();
    expect(cohort.meetings.map((m) => m.key)).toEqual(PROGRAMME_2023.meetings.map((m) => m.key));
    const plenaryStarts = cohort.meetings.flatMap((m) => (m.kind === 'plenary' ? [{ key: m.key, start: m.start }] : []));
    expect(plenaryStarts).toEqual(plenaries);
    const opstart = cohort.meetings.find((m) => m.key === 'opstart')!;
    expect(opstart).toMatchObject({ title: { da: 'Opstartsmøde' }, form: 'physical', place: expect.stringContaining('Odense'), version: 1, end: '2027-03-04T15:30' });
    // The preparatory meeting keeps its Tuesday and Wednesday before the kick-off; the follow-up comes after the closing meeting.
    const preparatory = cohort.meetings.find((m) => m.key === 'forberedende')!;
    const followup = cohort.meetings.find((m) => m.key === 'opfoelgning')!;
    if (preparatory.kind === 'plenary' || followup.kind === 'plenary') throw new Error('individual meetings expected');
    expect(preparatory.days).toEqual(['2027-02-23', '2027-02-24']);
    expect(followup.days.every((d) => d > dayOf(plenaries.at(-1)!.start))).toBe(true);
    expect(followup.days.map((d) => weekday(parseLocalDate(d)))).toEqual([2, 3, 4]);

    const after = (await as(LISTED, '/api/me')).json as MeResponse;
    expect(after.memberships).toEqual([{ cohortId: id, cohortName: 'M-ACT forår 2027', role: 'advisor', municipalityId: null, municipalityName: null }]);
  });

  it('copies the record of someone who advises a cohort already, title and phone included', async () => {
    const res = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'M-ACT efterår', edition: 'mact-2023', plenaries: await proposed('2027-09-02') } });
    expect(res.status).toBe(201);
    const cohort = (await as(RIKKE, `/api/cohorts/${(res.json as { id: string }).id}`)).json as CohortResponse;
    expect(cohort.advisors).toEqual([{ id: expect.any(String), name: 'Rikke Rådgiver', title: 'Specialkonsulent', email: RIKKE, phone: '+45 11 22 33 44' }]);
    expect(cohort.advisors[0]!.id).not.toBe(existing.advisors[0]!.id);
  });

  it('refuses participants and strangers with 403 before reading what they send, and creates nothing', async () => {
    const cohorts = await count();
    for (const who of [LEADER, STRANGER]) {
      expect((await as(who, '/api/me')).json).toMatchObject({ mayCreateCohorts: false });
      const programmes = await as(who, '/api/programmes');
      expect(programmes.status).toBe(403);
      expect(programmes.json).toMatchObject({ error: { code: 'not_permitted', message: { da: expect.any(String), en: expect.any(String) } } });
      expect((await as(who, '/api/cohorts', { method: 'POST', body: { name: 'x', edition: 'mact-2023', plenaries: await proposed('2027-03-04') } })).status).toBe(403);
      expect((await as(who, '/api/cohorts', { method: 'POST', body: { nonsense: true } })).status).toBe(403);
    }
    expect(await count()).toBe(cohorts);
  });

  it('refuses dates that do not exist in Copenhagen with 400 naming each, and creates nothing', async () => {
    const cohorts = await count();
    const plenaries = await proposed('2027-03-04');
    const withStart = (index: number, start: string) => plenaries.map((p, i) => (i === index ? { ...p, start } : p));
    // 28 March 2027 is when summer time starts: 02:30 is skipped on the clocks in Copenhagen.
    for (const [index, start] of [[1, '2027-03-28T02:30'], [2, '2027-02-30T09:00'], [3, '30-09-2027 09:30'], [4, '2027-10-28T25:00']] as const) {
      const res = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'Forkert', edition: 'mact-2023', plenaries: withStart(index, start) } });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_request', message: { da: expect.stringContaining('fejl'), en: expect.stringContaining('mistakes') } } });
      const { problems } = (res.json as { error: { problems: { path: string }[] } }).error;
      expect(new Set(problems.map((p) => p.path))).toEqual(new Set([`body.plenaries.${index}.start`]));
    }
    const missing = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'Forkert', edition: 'mact-2023', plenaries: plenaries.slice(1) } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { problems: [{ path: 'body.plenaries', message: 'missing: opstart' }] } });
    const edition = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'Forkert', edition: 'mact-1999', plenaries } });
    expect(edition.json).toMatchObject({ error: { problems: [{ path: 'body.edition' }] } });
    expect((await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: ' ', edition: 'mact-2023', plenaries } })).status).toBe(400);
    expect((await as(RIKKE, '/api/programmes?kickoff=2027-02-29')).status).toBe(400);
    expect(await count()).toBe(cohorts);
  });

  it('refuses plenaries out of order, or a programme starting in the past, with the rule in Danish and English', async () => {
    const cohorts = await count();
    const plenaries = await proposed('2027-03-04');
    const swapped = plenaries.map((p, i) => (i === 1 ? { ...p, start: '2027-02-25T09:00' } : p));
    const order = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'Forkert', edition: 'mact-2023', plenaries: swapped } });
    expect(order.status).toBe(422);
    expect(order.json).toMatchObject({ error: { code: 'meetings_out_of_order', message: { da: '"Refleksionsmøde" skal ligge efter "Opstartsmøde".' } } });

    const past = await as(RIKKE, '/api/cohorts', { method: 'POST', body: { name: 'Forkert', edition: 'mact-2023', plenaries: await proposed('2026-11-26') } });
    expect(past.status).toBe(422);
    expect(past.json).toMatchObject({ error: { code: 'invalid_date', message: { da: expect.stringContaining('Alle møder skal ligge efter i dag'), en: expect.stringContaining('after today') } } });
    expect(await count()).toBe(cohorts);
  });
});
