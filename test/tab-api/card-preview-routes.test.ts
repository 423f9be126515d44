import { loadConfig } from '../../src/config/config';
import { bookCohort } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { recordRsvp } from '../../src/domain/rsvp';
import type { CardPreviewsResponse } from '../../src/server/tab-api/response-schemas';
import { cardProblems } from '../support/adaptive-card-validation';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { testClock } from '../support/test-clock';

const clock = testClock('2023-04-01T08:00:00.000Z');

const RIKKE = 'rikke@agency.example.org';
const AARHUS_LEADER = 'leder@aarhuskommune.example.org';
const AARHUS_CONSULTANT = 'konsulent@aarhuskommune.example.org';
const STRANGER = 'nobody@example.org';

/** Booked, with Aarhus's answer and dietary note for the kick-off and its preparatory meeting booked. */
function cohortWithData(): Cohort {
  let cohort = bookCohort(sampleCohort(), 'moeder@agency.example.org', parseInstant('2023-03-01T10:00:00.000Z'));
  const aarhus = cohort.municipalities[0]!;
  const opstart = meetingByKey(cohort, 'opstart').id;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: aarhus.participants[0]!.id, answer: 'in_person', dietaryNote: 'Vegetar', at: parseInstant('2023-03-20T09:00:00.000Z'), source: 'chat' }).cohort;
  const booking = {
    meetingId: meetingByKey(cohort, 'forberedende').id,
    municipalityId: aarhus.id,
    start: parseLocalDateTime('2023-04-25T10:15'),
    phone: null,
    bookedBy: aarhus.participants[0]!.id,
    bookedAt: parseInstant('2023-03-25T08:00:00.000Z'),
    version: 1,
    generation: 1,
    cancelled: false,
  };
  return { ...cohort, slotBookings: [booking] };
}

describe.each(engines())('card previews for advisors ($name)', (engine) => {
  const fixture = useStore(engine);
  let tab: TabServer;
  let cohort: Cohort;

  beforeAll(async () => {
    tab = await startTabServer(loadConfig({}, tempDir()), fixture.store, clock, { mode: 'local' });
    cohort = (await fixture.store.cohorts.create(cohortWithData())).cohort;
  });
  afterAll(() => tab.server.close());

  const previews = async (email: string, query = '') => tab.call(`/api/cohorts/${cohort.id}/card-previews${query}`, { headers: { 'x-demo-user': email } });
  const ok = async (lang: 'da' | 'en') => {
    const res = await previews(RIKKE, `?lang=${lang}`);
    expect(res.status).toBe(200);
    return (res.json as CardPreviewsResponse).previews;
  };
  const text = (card: unknown) => JSON.stringify(card);

  it.each(['da', 'en'] as const)('renders every card the bot sends, each a valid Adaptive Card 1.5 (%s)', async (lang) => {
    const all = await ok(lang);
    expect(all.map((p) => p.kind)).toEqual(['welcome', 'rsvp', 'moved', 'presentation', 'practical', 'headcount', 'booking', 'booking', 'confirmation']);
    for (const preview of all) {
      expect(preview.card).not.toBeNull();
      expect({ kind: preview.kind, problems: cardProblems(preview.card) }).toEqual({ kind: preview.kind, problems: [] });
    }
  });

  it("shows the cohort's own data, in the language asked for (Danish by default)", async () => {
    const da = (await previews(RIKKE)).json as CardPreviewsResponse;
    expect(da.lang).toBe('da');
    const byKind = (list: CardPreviewsResponse['previews'], kind: string) => list.filter((p) => p.kind === kind);
    const [welcome] = byKind(da.previews, 'welcome');
    expect(welcome).toMatchObject({ recipient: 'Leder i Aarhus Kommune, Aarhus Kommune', meeting: null });
    expect(text(welcome!.card)).toContain('Hej Leder');
    const [rsvp] = byKind(da.previews, 'rsvp');
    expect(rsvp!.meeting).toBe('Opstartsmøde');
    // The reader's own answer, as their card would show it.
    expect(text(rsvp!.card)).toContain('Jeg kommer');
    expect(text(byKind(da.previews, 'headcount')[0]!.card)).toContain('Vegetar');
    // Aarhus has booked its preparatory meeting: the reminder shows for one that has not, the confirmation is Aarhus's own.
    const [preparatory, followup] = byKind(da.previews, 'booking');
    expect(preparatory!.recipient).toContain('Odense Kommune');
    expect(text(followup!.card)).toContain('"id":"phone"');
    expect(text(byKind(da.previews, 'confirmation')[0]!.card)).toContain('10.15');

    const en = await ok('en');
    expect(en.find((p) => p.kind === 'rsvp')!.meeting).toBe('Kick-off meeting');
    expect(text(en.find((p) => p.kind === 'welcome')!.card)).toContain('Hi Leder');
  });

  it('says which card the bot would not send now, and why', async () => {
    const everyoneBooked = cohortWithData();
    const starts = ['2023-04-25T10:15', '2023-04-25T11:30', '2023-04-25T12:45'];
    const slotBookings = everyoneBooked.municipalities.map((m, i) => ({ ...everyoneBooked.slotBookings[0]!, municipalityId: m.id, start: parseLocalDateTime(starts[i]!) }));
    await fixture.store.cohorts.create({ ...everyoneBooked, id: 'all-booked', slotBookings });
    const res = await tab.call('/api/cohorts/all-booked/card-previews', { headers: { 'x-demo-user': RIKKE } });
    const preparatory = (res.json as CardPreviewsResponse).previews.find((p) => p.kind === 'booking' && p.meeting === 'Forberedende individuelt møde');
    expect(preparatory).toMatchObject({ card: null, notSent: { da: 'ikke sendt: kommunen har allerede booket', en: 'not sent: the municipality has already booked' } });
  });

  it.each([
    ['a participant', AARHUS_CONSULTANT],
    ['a leader', AARHUS_LEADER],
    ['someone in no cohort', STRANGER],
  ])('refuses %s with 403, showing nothing of the cohort', async (_who, email) => {
    const res = await previews(email, '?lang=da');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'not_permitted', message: { da: expect.any(String), en: expect.any(String) } } });
    for (const secret of ['Aarhus', 'Vegetar', 'AdaptiveCard']) expect(res.text).not.toContain(secret);
  });

  it('refuses an unknown language or parameter with 400', async () => {
    for (const query of ['?lang=de', '?lang=da&x=1']) {
      const res = await previews(RIKKE, query);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_request', problems: [expect.objectContaining({ path: expect.stringMatching(/^query/) })] } });
    }
  });

  it('sends nothing and records no reminder: the outbox and the cohort stay as they were', async () => {
    const outbox = () => fixture.store.db.selectFrom('outbox_objects').selectAll().orderBy('object_key').execute();
    const before = { rows: await outbox(), stored: await fixture.store.cohorts.load(cohort.id) };
    await ok('da');
    await ok('en');
    expect({ rows: await outbox(), stored: await fixture.store.cohorts.load(cohort.id) }).toEqual(before);
  });
});
