import { bookSeries } from '../../src/app/calendar-commands';
import { CALENDAR_EVENT_KIND, type CalendarEventState } from '../../src/calendar/event-state';
import type { Cohort, Participant } from '../../src/domain/cohort';
import { cardActionActivity, messageActivity, type PersonalChat } from '../support/bot-connector-double';
import { engines, useStore } from '../support/engines';
import { meetingByKey, municipality, participant, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';
import { cardsSent, chatOf, invokeCard, startBotServer, textOf, type BotServer } from './fixtures/bot-server';

const clock = testClock('2023-04-01T08:00:00.000Z');

describe.each(engines())('leaders book their slots in chat ($name)', (engine) => {
  const fixture = useStore(engine);
  let bot: BotServer;

  beforeAll(async () => {
    bot = await startBotServer(fixture.store, clock);
  });
  afterAll(() => bot.close());

  let cohorts = 0;
  /** A booked cohort of its own (people of their own, so identities never meet across tests). */
  async function seeded(leadersEach = 1, count = 3): Promise<Cohort> {
    const tag = 'abcdefghijklmnopqrstuvwxyz'[cohorts++]!;
    const names = ['Aarhus', 'Odense', 'Vejle', 'Kolding', 'Horsens', 'Randers'].slice(0, count).map((n) => `${n}${tag} Kommune`);
    const municipalities = names.map((name) => {
      const slug = name.toLowerCase().replace(/[^a-z]/g, '');
      const leaders = Array.from({ length: leadersEach }, (_, i) => participant(`Leder ${i + 1} i ${name}`, `leder${i + 1}@${slug}.example.org`, true));
      return municipality(name, [...leaders, participant(`Konsulent i ${name}`, `konsulent@${slug}.example.org`)]);
    });
    const created = (await fixture.store.cohorts.create({ ...sampleCohort(), municipalities })).cohort;
    return (await bookSeries({ db: fixture.store.db, clock }, created.id, 'rikke@agency.example.org')).cohort;
  }
  const leaderOf = (cohort: Cohort, i: number, which = 0): Participant => cohort.municipalities[i]!.participants[which]!;
  const chats = new Map<string, PersonalChat>();
  /** One Teams user per participant: their chat is the same each time they write. */
  const chat = (who: Participant, server = bot): PersonalChat => {
    const key = `${server.connector.serviceUrl}|${who.id}|${who.person!.email}`;
    if (!chats.has(key)) chats.set(key, chatOf(server.connector, who));
    return chats.get(key)!;
  };
  const lastCard = (who: Participant) => cardsSent(bot.connector, chat(who).conversationId).at(-1);
  const press = (who: Participant, verb: string, data: Record<string, unknown>) => bot.post(cardActionActivity(chat(who), { verb, data }));
  const events = async (cohort: Cohort) =>
    (await fixture.store.db.selectFrom('outbox_objects').selectAll().where('cohort_id', '=', cohort.id).where('kind', '=', CALENDAR_EVENT_KIND).execute()).filter((e) => e.object_key.includes(':opfoelgning:'));

  it('offers the follow-up slots on "opfølgning", asks for a phone number, books, rebooks and cancels with one event following', async () => {
    const cohort = await seeded();
    const leader = leaderOf(cohort, 0);
    const choice = { cohortId: cohort.id, meetingId: meetingByKey(cohort, 'opfoelgning').id, municipalityId: cohort.municipalities[0]!.id };
    await bot.post(messageActivity(chat(leader), 'opfølgning'));
    const offered = textOf(lastCard(leader));
    expect(offered).toContain('"id":"slot"');
    expect(offered).toContain('"id":"phone"');
    expect(offered).toContain('2024-01-09T09:00');

    const booked = textOf(invokeCard((await press(leader, 'bookSlot', { ...choice, slot: '2024-01-09T09:00', phone: '+45 11 22 33 44' })).body));
    expect(booked).toContain('+45 11 22 33 44');
    let live = await events(cohort);
    expect(live).toHaveLength(1);
    const state = JSON.parse(live[0]!.desired_state!) as CalendarEventState;
    expect(state).toMatchObject({ start: '2024-01-09T09:00', end: '2024-01-09T10:00', online: false, location: { displayName: 'Telefon: +45 11 22 33 44' } });
    expect(state.attendees.map((a) => a.email)).toEqual([leader.person!.email, 'rikke@agency.example.org']);

    await press(leader, 'bookSlot', { ...choice, slot: '2024-01-10T10:15' });
    live = await events(cohort);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ desired_version: 2 });
    expect((JSON.parse(live[0]!.desired_state!) as CalendarEventState).start).toBe('2024-01-10T10:15');

    expect(textOf(invokeCard((await press(leader, 'cancelSlot', choice)).body))).toContain('aflyst');
    await press(leader, 'bookSlot', { ...choice, slot: '2024-01-11T09:00' });
    live = await events(cohort);
    expect(live.map((e) => [e.object_key.split(':').at(-1), e.desired_state === null])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('refuses participants who are not leaders, and leaders of another municipality, with nothing booked', async () => {
    const cohort = await seeded();
    const consultant = cohort.municipalities[0]!.participants[1]!;
    const choice = { cohortId: cohort.id, meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: cohort.municipalities[0]!.id };
    await bot.post(messageActivity(chat(consultant), 'forberedelse'));
    expect(textOf(lastCard(consultant))).toContain('tovholder');
    expect(textOf(invokeCard((await press(consultant, 'bookSlot', { ...choice, slot: '2023-04-25T09:00' })).body))).toContain('tovholder');
    expect(textOf(invokeCard((await press(leaderOf(cohort, 1), 'bookSlot', { ...choice, slot: '2023-04-25T09:00' })).body))).toContain('tovholder');
    expect((await fixture.store.cohorts.load(cohort.id))!.cohort.slotBookings).toEqual([]);
  });

  it("leaves out the advisors' busy time read from Outlook, and answers a slot made busy since with a fresh card", async () => {
    const cohort = await seeded();
    const leader = leaderOf(cohort, 0);
    const choice = { cohortId: cohort.id, meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: cohort.municipalities[0]!.id };
    await fixture.store.db
      .insertInto('busy_times')
      .values({ cohort_id: cohort.id, mailbox: 'rikke@agency.example.org', start: '2023-04-25T09:30', end: '2023-04-25T10:30' })
      .execute();
    const card = textOf(invokeCard((await press(leader, 'slots', choice)).body));
    expect(card).not.toContain('2023-04-25T09:00');
    expect(card).not.toContain('2023-04-25T10:15');
    expect(card).toContain('2023-04-25T11:30');
    const refused = textOf(invokeCard((await press(leader, 'bookSlot', { ...choice, slot: '2023-04-25T10:15' })).body));
    expect(refused).toContain('kan ikke længere vælges');
    expect((await fixture.store.cohorts.load(cohort.id))!.cohort.slotBookings).toEqual([]);
  });

  it('of 50 leaders pressing one slot at once, exactly one municipality gets it, and every other leader a fresh card', async () => {
    const cohort = await seeded(8, 6);
    const leaders = cohort.municipalities.flatMap((m) => m.participants.filter((p) => p.contact)).slice(0, 48);
    leaders.push(leaderOf(cohort, 0, 1), leaderOf(cohort, 1, 1));
    const meetingId = meetingByKey(cohort, 'forberedende').id;
    const municipalityOf = (p: Participant) => cohort.municipalities.find((m) => m.participants.includes(p))!.id;
    const second = await startBotServer(engine.name === 'postgres' ? await fixture.open() : fixture.store, clock);
    try {
      const answers = await Promise.all(
        leaders.map((leader, i) => {
          const server = i % 2 === 0 ? bot : second;
          const data = { cohortId: cohort.id, meetingId, municipalityId: municipalityOf(leader), slot: '2023-04-25T09:00' };
          return server.post(cardActionActivity(chat(leader, server), { verb: 'bookSlot', data })).then((a) => textOf(invokeCard(a.body)));
        }),
      );
      const stored = (await fixture.store.cohorts.load(cohort.id))!.cohort;
      const holders = stored.slotBookings.filter((b) => b.start === '2023-04-25T09:00' && !b.cancelled);
      expect(holders).toHaveLength(1);
      const winners = leaders.filter((l) => municipalityOf(l) === holders[0]!.municipalityId).length;
      expect(answers.filter((a) => a.includes('Tiden blev lige taget af en anden kommune'))).toHaveLength(leaders.length - winners);
    } finally {
      await second.close();
    }
  }, 30_000);
});
