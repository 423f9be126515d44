import { municipalityTag } from '../../src/app/municipality-tag';
import { eventObjectKey } from '../../src/calendar/plan-events';
import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { setPresentationStatus } from '../../src/domain/presentations';
import { recordRsvp } from '../../src/domain/rsvp';
import { cohortDocumentSchema } from '../../src/documents/cohort-document';
import { example, spoil } from '../support/documents';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2023-04-01T08:00:00.000Z');
const at = (iso: string) => parseInstant(iso);

const RIKKE = 'rikke@agency.example.org';
const AARHUS_LEADER = 'leder@aarhuskommune.example.org';
const AARHUS_CONSULTANT = 'konsulent@aarhuskommune.example.org';
const ODENSE_LEADER = 'leder@odensekommune.example.org';
const STRANGER = 'nobody@example.org';

interface MunicipalityView {
  id: string;
  name: string;
  version: string;
  registration: { preparatoryDay: string; timeOfDay: string } | null;
  participants: { id: string; name: string; email: string; phone: string | null; role: string; contact: boolean }[];
}

const person = (name: string, email: string, contact = false) => ({ name, email, phone: null, role: contact ? 'line_leader' : 'consultant', contact });

/**
 * Five municipalities, not booked yet: Aalborg's consultant has answered an invitation and Aalborg
 * reported on a presentation, which go with it; Esbjerg holds a preparatory slot, which stops it.
 */
function openCohort(): Cohort {
  let cohort = sampleCohort(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Aalborg Kommune', 'Esbjerg Kommune']);
  const [aarhus, , , aalborg, esbjerg] = cohort.municipalities;
  const opstart = meetingByKey(cohort, 'opstart').id;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aalborg!.participants[1]!.id, answer: 'in_person', dietaryNote: null, at: at('2023-03-20T09:00:00.000Z'), source: 'chat' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aarhus!.participants[1]!.id, answer: 'in_person', dietaryNote: null, at: at('2023-03-20T09:00:00.000Z'), source: 'chat' }).cohort;
  const withTalk = cohort.meetings.find((m) => m.kind === 'plenary' && m.presentations)!;
  cohort = setPresentationStatus(cohort, { meetingId: withTalk.id, municipalityId: aalborg!.id, status: 'in_preparation', link: null, at: at('2023-03-21T09:00:00.000Z') });
  const slot = {
    meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: esbjerg!.id, start: parseLocalDateTime('2023-04-25T09:00'), phone: null,
    bookedBy: esbjerg!.participants[0]!.id, bookedAt: at('2023-03-25T08:00:00.000Z'), version: 1, generation: 1, cancelled: false,
  };
  return { ...cohort, slotBookings: [slot] };
}

/** Three municipalities with the series booked in Outlook: the minimum a booked series keeps. */
function bookedCohort(): Cohort {
  const cohort = sampleCohort(['Randers Kommune', 'Horsens Kommune', 'Kolding Kommune']);
  return bookCohort({ ...cohort, advisors: [{ ...cohort.advisors[0]!, id: 'advisor-booked' }] }, 'moeder@agency.example.org', at('2023-03-01T10:00:00.000Z'));
}

describe.each(engines())('municipalities, participants and registration in the tab API on the $name store', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let cohort: Cohort;
  let booked: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    cohort = (await fixture.store.cohorts.create(openCohort())).cohort;
    booked = (await fixture.store.cohorts.create(bookedCohort())).cohort;
  });
  afterAll(() => tab.server.close());

  /** `ifMatch` as the tab sends it: a municipality's version, quoted. */
  type Options = { method?: string; body?: unknown; ifMatch?: string };
  const as = (email: string, path: string, { ifMatch, ...options }: Options = {}) =>
    tab.call(path, { ...options, headers: { 'x-demo-user': email, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) } });
  const stored = async (id = cohort.id) => (await fixture.store.cohorts.load(id))!;
  const municipalityNamed = async (name: string, id = cohort.id) => (await stored(id)).cohort.municipalities.find((m) => m.name === name)!;
  const base = () => `/api/cohorts/${cohort.id}/municipalities`;

  /** The refusal's status, code and Danish message, with the cohort exactly as it was before. */
  async function refused(email: string, path: string, options: Options & { method: string }, id = cohort.id) {
    const before = await stored(id);
    const res = await as(email, path, options);
    expect(await stored(id)).toEqual(before);
    const error = (res.json as { error: { code: string; message: { da: string; en: string }; problems?: { path: string }[] } }).error;
    return { status: res.status, code: error.code, da: error.message.da, en: error.message.en, problems: error.problems?.map((p) => p.path) };
  }

  describe('advisors', () => {
    it('add a sixth municipality with its leader contact, and it shows in the cohort', async () => {
      const res = await as(RIKKE, base(), { method: 'POST', body: { name: '  Silkeborg Kommune ', participants: [{ ...person('Sanne Leder', 'sanne@silkeborg.example.org', true), phone: '+45 20 30 40 50' }] } });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({
        id: expect.any(String),
        name: 'Silkeborg Kommune',
        version: expect.stringMatching(/^[0-9a-f]{16}$/),
        registration: null,
        participants: [{ id: expect.any(String), name: 'Sanne Leder', email: 'sanne@silkeborg.example.org', phone: '+45 20 30 40 50', role: 'line_leader', contact: true }],
      });
      expect(res.headers.get('etag')).toBe(`"${(res.json as MunicipalityView).version}"`);
      const view = (await as(RIKKE, `/api/cohorts/${cohort.id}`)).json as { municipalities: MunicipalityView[] };
      expect(view.municipalities.map((m) => m.name)).toEqual(['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune', 'Aalborg Kommune', 'Esbjerg Kommune', 'Silkeborg Kommune']);
      // The new leader is now someone the tab knows, as a leader of that municipality.
      expect((await as('sanne@silkeborg.example.org', '/api/me')).json).toMatchObject({ memberships: [{ role: 'leader', municipalityName: 'Silkeborg Kommune' }] });
    });

    it('are refused a seventh municipality with the rule in Danish and English, and nothing changes', async () => {
      const res = await refused(RIKKE, base(), { method: 'POST', body: { name: 'Viborg Kommune', participants: [person('Vibe Leder', 'vibe@viborg.example.org', true)] } });
      expect(res).toMatchObject({
        status: 422,
        code: 'too_many_municipalities',
        da: 'Et gruppeforløb har højst 6 kommuner; der er ikke plads til flere.',
        en: 'A cohort has at most 6 municipalities; there is no room for another.',
      });
    });

    it('remove a municipality, with its people’s answers and its presentation reports; one holding a booked slot is refused, saying why', async () => {
      const silkeborg = await municipalityNamed('Silkeborg Kommune');
      const removed = await as(RIKKE, `${base()}/${silkeborg.id}`, { method: 'DELETE', ifMatch: municipalityTag(silkeborg) });
      expect(removed.status).toBe(200);
      expect((removed.json as { municipalities: MunicipalityView[] }).municipalities.map((m) => m.name)).not.toContain('Silkeborg Kommune');
      expect((await as('sanne@silkeborg.example.org', '/api/me')).json).toMatchObject({ memberships: [] });

      const aalborg = await municipalityNamed('Aalborg Kommune');
      const people = aalborg.participants.map((p) => p.id);
      expect((await stored()).cohort.rsvps.some((r) => people.includes(r.participantId))).toBe(true);
      expect((await as(RIKKE, `${base()}/${aalborg.id}`, { method: 'DELETE', ifMatch: municipalityTag(aalborg) })).status).toBe(200);
      const after = (await stored()).cohort;
      expect(after.municipalities.map((m) => m.name)).not.toContain('Aalborg Kommune');
      expect(after.rsvps.filter((r) => people.includes(r.participantId))).toEqual([]);
      expect(after.presentations.filter((p) => p.municipalityId === aalborg.id)).toEqual([]);
      const esbjerg = await municipalityNamed('Esbjerg Kommune');
      expect(await refused(RIKKE, `${base()}/${esbjerg.id}`, { method: 'DELETE', ifMatch: municipalityTag(esbjerg) })).toMatchObject({
        status: 422,
        code: 'municipality_in_use',
        da: expect.stringContaining('Esbjerg Kommune har booket individuelle møder. Aflys bookingerne først'),
      });
    });

    it('cannot take a booked series below three municipalities', async () => {
      const randers = booked.municipalities[0]!;
      const res = await refused(RIKKE, `/api/cohorts/${booked.id}/municipalities/${randers.id}`, { method: 'DELETE', ifMatch: municipalityTag(randers) }, booked.id);
      expect(res).toMatchObject({
        status: 422,
        code: 'too_few_municipalities',
        da: 'Mødeserien er booket i Outlook, og et gruppeforløb skal have mindst 3 kommuner. Derfor kan Randers Kommune ikke fjernes.',
      });
    });

    it('rename a municipality, but not to a name another has', async () => {
      const vejle = await municipalityNamed('Vejle Kommune');
      const renamed = await as(RIKKE, `${base()}/${vejle.id}`, { method: 'PUT', body: { name: 'Vejle Kommune (Sundhed)' }, ifMatch: municipalityTag(vejle) });
      expect(renamed.status).toBe(200);
      expect(renamed.json).toMatchObject({ id: vejle.id, name: 'Vejle Kommune (Sundhed)' });
      const { version } = renamed.json as MunicipalityView;
      expect(await refused(RIKKE, `${base()}/${vejle.id}`, { method: 'PUT', body: { name: 'aarhus kommune' }, ifMatch: version })).toMatchObject({
        status: 422,
        code: 'duplicate_municipality',
        da: 'aarhus kommune er allerede tilmeldt.',
      });
    });

    it('add, change and remove a participant; someone removed takes their answers along', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const path = `${base()}/${aarhus.id}/participants`;
      const added = await as(RIKKE, path, { method: 'POST', body: { ...person('Nina Ny', 'nina@aarhuskommune.example.org'), role: 'mact_coordinator', phone: '' } });
      expect(added.status).toBe(201);
      const nina = (added.json as MunicipalityView).participants.find((p) => p.name === 'Nina Ny')!;
      expect(nina).toEqual({ id: expect.any(String), name: 'Nina Ny', email: 'nina@aarhuskommune.example.org', phone: null, role: 'mact_coordinator', contact: false });

      const changed = await as(RIKKE, `${path}/${nina.id}`, {
        method: 'PUT',
        body: { ...person('Nina Nyborg', 'nina.nyborg@aarhuskommune.example.org', true), phone: '+45 11 11 11 11' },
        ifMatch: (added.json as MunicipalityView).version,
      });
      expect(changed.status).toBe(200);
      expect((changed.json as MunicipalityView).participants.find((p) => p.id === nina.id)).toMatchObject({ name: 'Nina Nyborg', contact: true, phone: '+45 11 11 11 11' });
      expect((await as('nina.nyborg@aarhuskommune.example.org', '/api/me')).json).toMatchObject({ memberships: [{ role: 'leader' }] });

      const consultant = aarhus.participants[1]!;
      expect((await stored()).cohort.rsvps.some((r) => r.participantId === consultant.id)).toBe(true);
      const removed = await as(RIKKE, `${path}/${consultant.id}`, { method: 'DELETE', ifMatch: (changed.json as MunicipalityView).version });
      expect(removed.status).toBe(200);
      expect((removed.json as MunicipalityView).participants.map((p) => p.id)).not.toContain(consultant.id);
      expect((await stored()).cohort.rsvps.some((r) => r.participantId === consultant.id)).toBe(false);
      expect((await as(AARHUS_CONSULTANT, '/api/me')).json).toMatchObject({ memberships: [] });
    });

    it('are refused an e-mail address already in the cohort, whatever its case, in another municipality or an advisor’s', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const path = `${base()}/${aarhus.id}/participants`;
      expect(await refused(RIKKE, path, { method: 'POST', body: person('Dobbelt', 'LEDER@odensekommune.example.org') })).toMatchObject({
        status: 422,
        code: 'duplicate_email',
        // Whichever of the two the cohort lists later is named: the address is the same but for its case.
        da: expect.stringMatching(/^E-mailadressen leder@odensekommune\.example\.org findes allerede i gruppeforløbet\.$/i),
        en: expect.stringMatching(/^The e-mail address leder@odensekommune\.example\.org is already in the cohort\.$/i),
      });
      expect(await refused(RIKKE, path, { method: 'POST', body: person('Rådgiverens tvilling', RIKKE) })).toMatchObject({ status: 422, code: 'duplicate_email' });
      const leader = aarhus.participants[0]!;
      expect(await refused(RIKKE, `${path}/${leader.id}`, { method: 'PUT', body: person('Leder i Aarhus Kommune', ODENSE_LEADER, true), ifMatch: municipalityTag(aarhus) })).toMatchObject({
        code: 'duplicate_email',
      });
    });

    it('cannot leave a municipality without a leader contact', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const leader = odense.participants[0]!;
      const path = `${base()}/${odense.id}/participants/${leader.id}`;
      const expected = { status: 422, code: 'no_leader_contact', da: 'Odense Kommune skal have mindst én leder/tovholder som kontaktperson.' };
      const ifMatch = municipalityTag(odense);
      expect(await refused(RIKKE, path, { method: 'DELETE', ifMatch })).toMatchObject(expected);
      expect(await refused(RIKKE, path, { method: 'PUT', body: person('Leder i Odense Kommune', ODENSE_LEADER, false), ifMatch })).toMatchObject(expected);
      expect(await refused(RIKKE, base(), { method: 'POST', body: { name: 'Viborg Kommune', participants: [person('Vibe', 'vibe@viborg.example.org')] } })).toMatchObject({
        code: 'no_leader_contact',
        da: 'Viborg Kommune skal have mindst én leder/tovholder som kontaktperson.',
      });
    });

    it('get 400 with each problem named for bad input, and nothing changes', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const path = `${base()}/${aarhus.id}/participants`;
      const bad = await refused(RIKKE, path, { method: 'POST', body: { name: ' ', email: 'not-an-address', role: 'chef', contact: 'yes', extra: 1 } });
      expect(bad).toMatchObject({ status: 400, code: 'invalid_request', da: 'Forespørgslen indeholder fejl; se problems', en: 'The request has mistakes; see problems' });
      expect(bad.problems).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.role', 'body.contact', 'body']));
      expect(await refused(RIKKE, base(), { method: 'POST', body: { name: 'Viborg Kommune', participants: [] } })).toMatchObject({ status: 400, problems: ['body.participants'] });
      expect(await refused(RIKKE, `${base()}/${aarhus.id}`, { method: 'PUT', body: {}, ifMatch: municipalityTag(aarhus) })).toMatchObject({ status: 400, problems: ['body.name'] });
      expect(await refused(RIKKE, `${base()}/${'x'.repeat(201)}`, { method: 'PUT', body: { name: 'Viborg' } })).toMatchObject({ status: 400, problems: ['params.municipalityId'] });
    });

    it('get 404 for a municipality or participant the cohort does not have', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      expect(await refused(RIKKE, `${base()}/nope`, { method: 'PUT', body: { name: 'Viborg Kommune' }, ifMatch: municipalityTag(aarhus) })).toMatchObject({ status: 404, code: 'unknown_municipality' });
      expect(await refused(RIKKE, `${base()}/${aarhus.id}/participants/nope`, { method: 'DELETE', ifMatch: municipalityTag(aarhus) })).toMatchObject({ status: 404, code: 'unknown_participant' });
      // A municipality of another cohort is unknown here too.
      expect(await refused(RIKKE, `${base()}/${booked.municipalities[0]!.id}`, { method: 'DELETE', ifMatch: municipalityTag(booked.municipalities[0]!) })).toMatchObject({ status: 404 });
    });

    it('are refused a change made from an older view of the municipality (412) or from none (428), and nothing changes', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const seen = municipalityTag(aarhus);
      const path = `${base()}/${aarhus.id}`;
      const leader = `${path}/participants/${aarhus.participants[0]!.id}`;
      // A colleague adds someone after the municipality was read.
      expect((await as(RIKKE, `${path}/participants`, { method: 'POST', body: person('Ulla Ny', 'ulla@aarhuskommune.example.org') })).status).toBe(201);

      const stale = { status: 412, code: 'stale_version', da: 'Aarhus Kommune er ændret af en anden i mellemtiden. Hent kommunen igen, og prøv så igen.' };
      expect(await refused(RIKKE, path, { method: 'PUT', body: { name: 'Aarhus' }, ifMatch: seen })).toMatchObject(stale);
      expect(await refused(RIKKE, leader, { method: 'PUT', body: person('Leder', AARHUS_LEADER, true), ifMatch: seen })).toMatchObject(stale);
      expect(await refused(RIKKE, leader, { method: 'DELETE', ifMatch: seen })).toMatchObject(stale);
      expect(await refused(RIKKE, path, { method: 'DELETE', ifMatch: seen })).toMatchObject(stale);
      const missing = { status: 428, code: 'precondition_required' };
      expect(await refused(RIKKE, path, { method: 'PUT', body: { name: 'Aarhus' } })).toMatchObject(missing);
      expect(await refused(RIKKE, leader, { method: 'PUT', body: person('Leder', AARHUS_LEADER, true) })).toMatchObject(missing);
      expect(await refused(RIKKE, leader, { method: 'DELETE', ifMatch: '*' })).toMatchObject(missing);
      expect(await refused(RIKKE, path, { method: 'DELETE' })).toMatchObject(missing);

      // Read again, the same change goes through.
      const now = ((await as(RIKKE, `/api/cohorts/${cohort.id}`)).json as { municipalities: MunicipalityView[] }).municipalities.find((m) => m.id === aarhus.id)!;
      expect(now.participants.map((p) => p.name)).toContain('Ulla Ny');
      expect((await as(RIKKE, path, { method: 'PUT', body: { name: 'Aarhus Kommune' }, ifMatch: now.version })).status).toBe(200);
    });

    it('take exactly the addresses a cohort document takes, so an exported cohort imports again', async () => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const addresses = ['søren@aarhuskommune.dk', 'a@b.c', 'jens@kommune', 'jens.hansen@aarhus.dk'];
      const verdicts = [];
      for (const address of addresses) {
        const inDocument = cohortDocumentSchema.safeParse(spoil(example('demo.cohort.json'), { 'municipalities.0.participants.2.email': address })).success;
        const res = await as(RIKKE, `${base()}/${aarhus.id}/participants`, { method: 'POST', body: person('Ny i Aarhus', address) });
        verdicts.push({ address, inDocument, status: res.status, problems: (res.json as { error?: { problems?: { path: string }[] } }).error?.problems?.map((p) => p.path) });
      }
      expect(verdicts).toEqual([
        { address: 'søren@aarhuskommune.dk', inDocument: false, status: 400, problems: ['body.email'] },
        { address: 'a@b.c', inDocument: false, status: 400, problems: ['body.email'] },
        { address: 'jens@kommune', inDocument: false, status: 400, problems: ['body.email'] },
        { address: 'jens.hansen@aarhus.dk', inDocument: true, status: 201, problems: undefined },
      ]);
    });

    it('add a participant to a booked series, and the plenaries’ Outlook invitations include them', async () => {
      const horsens = booked.municipalities[1]!;
      const res = await as(RIKKE, `/api/cohorts/${booked.id}/municipalities/${horsens.id}/participants`, { method: 'POST', body: person('Hanne Ny', 'hanne@horsens.example.org') });
      expect(res.status).toBe(201);
      const key = eventObjectKey(booked, meetingByKey(booked, 'opstart') as PlenaryMeeting, 1);
      const event = await fixture.store.db.selectFrom('outbox_objects').select(['desired_state']).where('object_key', '=', key).executeTakeFirstOrThrow();
      const state = typeof event.desired_state === 'string' ? event.desired_state : JSON.stringify(event.desired_state);
      expect(state).toContain('hanne@horsens.example.org');
    });
  });

  describe('no one else may', () => {
    it.each([
      ['a participant', AARHUS_LEADER],
      ['a stranger', STRANGER],
    ])('%s is refused every change with 403, before the body is read, and nothing changes', async (_who, email) => {
      const aarhus = await municipalityNamed('Aarhus Kommune');
      const expected = { status: 403, code: 'not_permitted', da: expect.stringContaining('Du kan ikke gøre dette i dette gruppeforløb') };
      expect(await refused(email, base(), { method: 'POST', body: { name: 'Viborg Kommune', participants: [person('Vibe', 'vibe@viborg.example.org', true)] } })).toMatchObject(expected);
      expect(await refused(email, base(), { method: 'POST', body: { nonsense: true } })).toMatchObject(expected);
      expect(await refused(email, `${base()}/${aarhus.id}`, { method: 'PUT', body: { name: 'Aarhus' } })).toMatchObject(expected);
      expect(await refused(email, `${base()}/${aarhus.id}`, { method: 'DELETE' })).toMatchObject(expected);
      expect(await refused(email, `${base()}/${aarhus.id}/participants`, { method: 'POST', body: person('X', 'x@aarhuskommune.example.org') })).toMatchObject(expected);
      const leader = aarhus.participants[0]!;
      expect(await refused(email, `${base()}/${aarhus.id}/participants/${leader.id}`, { method: 'PUT', body: person('X', 'x@aarhuskommune.example.org', true) })).toMatchObject(expected);
      expect(await refused(email, `${base()}/${aarhus.id}/participants/${leader.id}`, { method: 'DELETE' })).toMatchObject(expected);
    });

    it('a cohort that does not exist answers the same 403 as one the caller is not in', async () => {
      const res = await as(RIKKE, '/api/cohorts/no-such-cohort/municipalities', { method: 'POST', body: {} });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'not_permitted' } });
    });
  });

  describe('registration (tilmelding)', () => {
    const registration = (municipalityId: string) => `${base()}/${municipalityId}/registration`;

    it('shows the leader their municipality, its people and the preparatory days offered', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const res = await as(ODENSE_LEADER, registration(odense.id));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        cohortId: cohort.id,
        cohortName: 'M-ACT 2023',
        municipality: { id: odense.id, name: 'Odense Kommune', registration: null, participants: [{ email: ODENSE_LEADER, contact: true }, { email: 'konsulent@odensekommune.example.org', contact: false }] },
        preparatory: { days: ['2023-04-25', '2023-04-26'], from: '09:00', to: '15:00', title: { da: expect.any(String), en: expect.any(String) } },
      });
    });

    it('lets the leader register: contacts and participants changed, added and removed, and the wish, all in one', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const [leader, consultant] = odense.participants;
      const res = await as(ODENSE_LEADER, registration(odense.id), {
        method: 'PUT',
        ifMatch: municipalityTag(odense),
        body: {
          participants: [
            { id: leader!.id, ...person('Leder i Odense Kommune', ODENSE_LEADER, true), role: 'professional_leader', phone: '+45 66 66 66 66' },
            { ...person('Ole Tovholder', 'ole@odensekommune.example.org', true), role: 'project_leader' },
            { ...person('Kis Koordinator', 'kis@odensekommune.example.org'), role: 'mact_coordinator' },
          ],
          preparatoryDay: '2023-04-26',
          timeOfDay: 'afternoon',
        },
      });
      expect(res.status).toBe(200);
      const view = (res.json as { municipality: MunicipalityView }).municipality;
      expect(view.registration).toEqual({ preparatoryDay: '2023-04-26', timeOfDay: 'afternoon', registeredAt: clock.now() });
      expect(view.participants.map((p) => [p.name, p.role, p.contact, p.phone])).toEqual([
        ['Leder i Odense Kommune', 'professional_leader', true, '+45 66 66 66 66'],
        ['Ole Tovholder', 'project_leader', true, null],
        ['Kis Koordinator', 'mact_coordinator', false, null],
      ]);
      expect(view.participants[0]!.id).toBe(leader!.id);
      expect(view.participants.map((p) => p.id)).not.toContain(consultant!.id);
      // What the advisors see.
      const advisorView = (await as(RIKKE, `/api/cohorts/${cohort.id}`)).json as { municipalities: MunicipalityView[] };
      expect(advisorView.municipalities.find((m) => m.id === odense.id)).toEqual(view);
      // The new contact is a leader of the municipality now, and may register it too.
      expect((await as('ole@odensekommune.example.org', registration(odense.id))).status).toBe(200);
    });

    it('lets an advisor register on the municipality’s behalf', async () => {
      const vejle = await municipalityNamed('Vejle Kommune (Sundhed)');
      const current = vejle.participants;
      const res = await as(RIKKE, registration(vejle.id), {
        method: 'PUT',
        ifMatch: municipalityTag(vejle),
        body: { participants: current.map((p) => ({ id: p.id, name: p.person!.name, email: p.person!.email, phone: p.person!.phone, role: p.role, contact: p.contact })), preparatoryDay: '2023-04-25', timeOfDay: 'morning' },
      });
      expect(res.status).toBe(200);
      expect((res.json as { municipality: MunicipalityView }).municipality.registration).toMatchObject({ preparatoryDay: '2023-04-25', timeOfDay: 'morning' });
    });

    it('refuses a leader of another municipality and a participant of the same one with 403, and changes nothing', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const body = { participants: [person('Leder i Aarhus Kommune', AARHUS_LEADER, true)], preparatoryDay: '2023-04-25', timeOfDay: 'any' };
      const expected = { status: 403, code: 'not_permitted', da: 'Kun kommunens tovholder (eller en rådgiver) kan tilmelde kommunen. Kontakt jeres tovholder.' };
      expect(await refused(AARHUS_LEADER, registration(odense.id), { method: 'PUT', body })).toMatchObject(expected);
      expect((await as(AARHUS_LEADER, registration(odense.id))).status).toBe(403);
      expect(await refused('kis@odensekommune.example.org', registration(odense.id), { method: 'PUT', body })).toMatchObject(expected);
      expect((await as('kis@odensekommune.example.org', registration(odense.id))).status).toBe(403);
      expect(await refused(STRANGER, registration(odense.id), { method: 'PUT', body })).toMatchObject({ status: 403 });
    });

    it('refuses a day not offered, a duplicate address, no contact and bad input, leaving the people as they were', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const people = odense.participants.map((p) => ({ id: p.id, name: p.person!.name, email: p.person!.email, phone: p.person!.phone, role: p.role, contact: p.contact }));
      const path = registration(odense.id);
      const ifMatch = municipalityTag(odense);
      // The new person is added in the same request as the refused wish: neither is saved.
      const withNewcomer = [...people, person('Nyt Navn', 'nyt@odensekommune.example.org')];
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body: { participants: withNewcomer, preparatoryDay: '2023-04-27', timeOfDay: 'any' }, ifMatch })).toMatchObject({
        status: 422,
        code: 'outside_window',
        da: 'Vælg en af de tilbudte dage: tirsdag 25. april 2023 eller onsdag 26. april 2023.',
      });
      const twice = [...people, person('Tvilling', ODENSE_LEADER.toUpperCase())];
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body: { participants: twice, preparatoryDay: '2023-04-25', timeOfDay: 'any' }, ifMatch })).toMatchObject({ status: 422, code: 'duplicate_email' });
      const noContact = people.map((p) => ({ ...p, contact: false }));
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body: { participants: noContact, preparatoryDay: '2023-04-25', timeOfDay: 'any' }, ifMatch })).toMatchObject({
        status: 422,
        code: 'no_leader_contact',
      });
      const aarhusLeader = (await municipalityNamed('Aarhus Kommune')).participants[0]!;
      const foreign = [...people, { id: aarhusLeader.id, ...person('Leder i Aarhus Kommune', AARHUS_LEADER, true) }];
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body: { participants: foreign, preparatoryDay: '2023-04-25', timeOfDay: 'any' }, ifMatch })).toMatchObject({
        status: 404,
        code: 'unknown_participant',
      });
      const bad = await refused(ODENSE_LEADER, path, { method: 'PUT', body: { participants: people, preparatoryDay: '26/4', timeOfDay: 'evening' }, ifMatch });
      expect(bad).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(bad.problems).toEqual(expect.arrayContaining(['body.preparatoryDay', 'body.timeOfDay']));
    });

    it('refuses a form read before an advisor added someone (412), so that person stays; a form sent without If-Match is 428', async () => {
      const odense = await municipalityNamed('Odense Kommune');
      const path = registration(odense.id);
      const read = await as(ODENSE_LEADER, path);
      const form = (read.json as { municipality: MunicipalityView }).municipality;
      expect(read.headers.get('etag')).toBe(`"${form.version}"`);
      const body = { participants: form.participants, preparatoryDay: '2023-04-25', timeOfDay: 'any' };

      const added = await as(RIKKE, `${base()}/${odense.id}/participants`, { method: 'POST', body: person('Otto Ny', 'otto@odensekommune.example.org') });
      expect(added.status).toBe(201);
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body, ifMatch: form.version })).toMatchObject({
        status: 412,
        code: 'stale_version',
        da: 'Odense Kommune er ændret af en anden i mellemtiden. Hent kommunen igen, og prøv så igen.',
      });
      expect(await refused(ODENSE_LEADER, path, { method: 'PUT', body })).toMatchObject({ status: 428, code: 'precondition_required' });

      // Read again, the form shows Otto, and the registration keeps him.
      const again = (await as(ODENSE_LEADER, path)).json as { municipality: MunicipalityView };
      expect(again.municipality.participants.map((p) => p.name)).toContain('Otto Ny');
      const saved = await as(ODENSE_LEADER, path, { method: 'PUT', body: { ...body, participants: again.municipality.participants }, ifMatch: again.municipality.version });
      expect(saved.status).toBe(200);
      const view = (saved.json as { municipality: MunicipalityView }).municipality;
      expect(view.participants.map((p) => p.name)).toContain('Otto Ny');
      expect(saved.headers.get('etag')).toBe(`"${view.version}"`);
      expect(view.version).not.toBe(again.municipality.version);
    });
  });
});
