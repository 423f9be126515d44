import { bookSeries, cancelPlenaryByKey, movePlenaryByKey } from '../../src/app/calendar-commands';
import { parseLocalDateTime } from '../../src/domain/local-time';
import type { Cohort } from '../../src/domain/cohort';
import { cardActionActivity, messageActivity } from '../support/bot-connector-double';
import { engines, useStore } from '../support/engines';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';
import { chatOf, everyone, invokeCard, startBotServer, textOf, type BotServer } from './fixtures/bot-server';

const clock = testClock('2023-04-20T08:00:00.000Z');

describe.each(engines())('the bot refuses bad input and changes nothing ($name)', (engine) => {
  const fixture = useStore(engine);
  let bot: BotServer;

  beforeAll(async () => {
    bot = await startBotServer(fixture.store, clock);
  });
  afterAll(() => bot.close());

  async function seeded(names?: string[]): Promise<Cohort> {
    const created = (await fixture.store.cohorts.create(sampleCohort(names))).cohort;
    return (await bookSeries({ db: fixture.store.db, clock }, created.id, 'rikke@agency.example.org')).cohort;
  }
  const revision = async (cohort: Cohort) => (await fixture.store.cohorts.load(cohort.id))!.revision;

  /** Presses a card action as the given participant; expects an error card and no change to any cohort. */
  async function refused(cohorts: Cohort[], who: Parameters<typeof chatOf>[1], verb: string, data: Record<string, unknown>, expected: string): Promise<void> {
    const before = await Promise.all(cohorts.map(revision));
    const answer = await bot.post(cardActionActivity(chatOf(bot.connector, who), { verb, data }));
    expect(answer.status).toBe(200);
    expect(textOf(invokeCard(answer.body))).toContain(expected);
    expect(await Promise.all(cohorts.map(revision))).toEqual(before);
  }

  it('refuses an RSVP for another cohort, with the same words as for an unknown one', async () => {
    const mine = await seeded();
    const theirs = await seeded(['Kolding Kommune', 'Fredericia Kommune', 'Horsens Kommune']);
    const me = everyone(mine)[0]!;
    const meeting = meetingByKey(theirs, 'opstart');
    await refused([mine, theirs], me, 'rsvp', { cohortId: theirs.id, meetingId: meeting.id, version: meeting.version, answer: 'in_person' }, 'Du kan ikke gøre dette');
    await refused([mine, theirs], me, 'rsvp', { cohortId: 'no-such-cohort', meetingId: meeting.id, version: meeting.version, answer: 'in_person' }, 'Du kan ikke gøre dette');
    await refused([mine, theirs], me, 'rsvp', { cohortId: mine.id, meetingId: meeting.id, version: meeting.version, answer: 'in_person' }, 'Du kan ikke gøre dette');
  });

  it("refuses a presentation report for another municipality's task", async () => {
    const cohort = await seeded();
    const [ours, other] = cohort.municipalities;
    const meeting = meetingByKey(cohort, 'refleksion-1');
    await refused([cohort], ours!.participants[0]!, 'presentation', { cohortId: cohort.id, meetingId: meeting.id, municipalityId: other!.id, status: 'ready' }, 'Du kan ikke gøre dette');
  });

  it('refuses answers the meeting does not offer, too long notes and links that are not https', async () => {
    const cohort = await seeded();
    const me = everyone(cohort)[0]!;
    const physical = meetingByKey(cohort, 'opstart');
    const virtual = meetingByKey(cohort, 'refleksion-1');
    await refused([cohort], me, 'rsvp', { cohortId: cohort.id, meetingId: physical.id, version: 1, answer: 'online' }, 'passer ikke til mødets form');
    await refused([cohort], me, 'rsvp', { cohortId: cohort.id, meetingId: virtual.id, version: 1, answer: 'online', dietaryNote: 'Vegetar' }, 'ingen forplejning');
    await refused([cohort], me, 'rsvp', { cohortId: cohort.id, meetingId: physical.id, version: 1, answer: 'in_person', dietaryNote: 'x'.repeat(501) }, 'intet blev ændret');
    await refused([cohort], me, 'presentation', { cohortId: cohort.id, meetingId: virtual.id, municipalityId: cohort.municipalities[0]!.id, status: 'ready', presentationLink: 'javascript:alert(1)' }, 'https-adresse');
  });

  it('refuses unknown verbs, malformed values and oversized data', async () => {
    const cohort = await seeded();
    const me = everyone(cohort)[0]!;
    const meeting = meetingByKey(cohort, 'opstart');
    await refused([cohort], me, 'delete-everything', { cohortId: cohort.id }, 'intet blev ændret');
    await refused([cohort], me, 'rsvp', { cohortId: cohort.id, meetingId: meeting.id, version: meeting.version, answer: 'maybe' }, 'intet blev ændret');
    await refused([cohort], me, 'rsvp', { cohortId: cohort.id, meetingId: meeting.id, version: meeting.version, answer: 'in_person', padding: 'x'.repeat(9_000) }, 'intet blev ændret');

    const before = await revision(cohort);
    const malformed = { ...cardActionActivity(chatOf(bot.connector, me), { verb: 'rsvp' }), value: { action: 'rsvp' } };
    expect(textOf(invokeCard((await bot.post(malformed)).body))).toContain('intet blev ændret');
    expect(await revision(cohort)).toBe(before);
    expect(bot.logged.some((line) => line.includes('card action refused'))).toBe(true);
  });

  it('answers a press on a called-off meeting with the card as it is now', async () => {
    const cohort = await seeded();
    const me = everyone(cohort)[0]!;
    await cancelPlenaryByKey({ db: fixture.store.db, clock }, cohort.id, 'opstart');
    const before = await revision(cohort);
    const answer = await bot.post(cardActionActivity(chatOf(bot.connector, me), { verb: 'rsvp', data: { cohortId: cohort.id, meetingId: meetingByKey(cohort, 'opstart').id, version: 1, answer: 'in_person' } }));
    expect(textOf(invokeCard(answer.body))).toContain('Mødet er aflyst');
    expect(await revision(cohort)).toBe(before);
  });

  it('does not record a press on a card of a meeting that has moved since, and shows the new date', async () => {
    const cohort = await seeded();
    const me = everyone(cohort)[0]!;
    const meeting = meetingByKey(cohort, 'refleksion-2');
    await movePlenaryByKey({ db: fixture.store.db, clock }, cohort.id, 'refleksion-2', parseLocalDateTime('2023-09-06T09:30'));
    const before = await revision(cohort);
    const answer = await bot.post(cardActionActivity(chatOf(bot.connector, me), { verb: 'rsvp', data: { cohortId: cohort.id, meetingId: meeting.id, version: 1, answer: 'in_person' } }));
    const card = textOf(invokeCard(answer.body));
    expect(card).toContain('6. september 2023');
    expect(card).toContain('"version":2');
    expect(await revision(cohort)).toBe(before);
  });

  it('answers 400 to a body that is no activity, to a service URL off this machine in local mode, and 413 to an oversized body', async () => {
    const cohort = await seeded();
    const chat = chatOf(bot.connector, everyone(cohort)[0]!);
    const url = `${bot.server.url}/api/messages`;
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{"type":')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post(JSON.stringify({ ...messageActivity(chat, 'møder'), serviceUrl: 'https://attacker.example/' }))).status).toBe(400);
    expect((await post(JSON.stringify({ ...messageActivity(chat, 'x'.repeat(200_000)) }))).status).toBe(413);
    expect(bot.connector.activities(chat.conversationId)).toEqual([]);
  });
});
