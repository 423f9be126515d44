import { bookSeries } from '../../src/app/calendar-commands';
import type { Cohort } from '../../src/domain/cohort';
import { cardActionActivity, installationUpdateActivity, makeTeamsUser, messageActivity, type PersonalChat } from '../support/bot-connector-double';
import { engines, useStore } from '../support/engines';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';
import { cardsSent, chatOf, everyone, invokeCard, startBotServer, textOf, type BotServer } from './fixtures/bot-server';

const clock = testClock('2023-04-20T08:00:00.000Z');

describe.each(engines())('the bot in Teams chat ($name)', (engine) => {
  const fixture = useStore(engine);
  let bot: BotServer;

  beforeAll(async () => {
    bot = await startBotServer(fixture.store, clock);
  });
  afterAll(() => bot.close());

  async function seeded(): Promise<Cohort> {
    const created = (await fixture.store.cohorts.create(sampleCohort())).cohort;
    return (await bookSeries({ db: fixture.store.db, clock }, created.id, 'rikke@agency.example.org')).cohort;
  }
  const advisorChat = (cohort: Cohort): PersonalChat => {
    const advisor = cohort.advisors[0]!;
    return bot.connector.chat({ ...makeTeamsUser(advisor.name), email: advisor.email, userPrincipalName: advisor.email, aadObjectId: advisor.entraObjectId! });
  };
  const lastCard = (chat: PersonalChat) => cardsSent(bot.connector, chat.conversationId).at(-1);

  it('welcomes a participant by first name on install, and remembers the chat for reminders', async () => {
    const cohort = await seeded();
    const leader = everyone(cohort)[0]!;
    const chat = chatOf(bot.connector, leader);
    expect((await bot.post(installationUpdateActivity(chat, 'add'))).status).toBe(200);
    expect(textOf(lastCard(chat))).toContain(leader.person!.name.split(' ')[0]);
    const saved = await fixture.store.db.selectFrom('teams_conversations').selectAll().where('conversation_id', '=', chat.conversationId).execute();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ email: leader.person!.email, service_url: chat.serviceUrl });

    await bot.post(installationUpdateActivity(chat, 'remove'));
    expect(await fixture.store.db.selectFrom('teams_conversations').selectAll().where('conversation_id', '=', chat.conversationId).execute()).toEqual([]);
  });

  it('answers hjælp, møder and unknown text, in Danish, and in English for an English client', async () => {
    const cohort = await seeded();
    const chat = chatOf(bot.connector, everyone(cohort)[1]!);
    await bot.post(messageActivity(chat, 'hjælp'));
    expect(textOf(lastCard(chat))).toContain('møder');
    await bot.post(messageActivity(chat, 'Møder'));
    const meetings = textOf(lastCard(chat));
    expect(meetings).toContain(meetingByKey(cohort, 'refleksion-1').title.da);
    expect(meetings).toContain('Ikke besvaret');
    await bot.post(messageActivity(chat, 'hvad kan du?'));
    const unknown = bot.connector.activities(chat.conversationId).at(-1)!;
    expect(unknown.text).toContain('Det forstod jeg ikke');

    const english = { ...chat, locale: 'en-GB' };
    await bot.post(messageActivity(english, 'meetings'));
    expect(textOf(lastCard(chat))).toContain('Not answered');
  });

  it('shows status to advisors only', async () => {
    const cohort = await seeded();
    const participant = chatOf(bot.connector, everyone(cohort)[1]!);
    await bot.post(messageActivity(participant, 'status'));
    expect(textOf(lastCard(participant))).toContain('kun for gruppeforløbets rådgivere');
    const advisor = advisorChat(cohort);
    await bot.post(messageActivity(advisor, 'status'));
    const status = textOf(lastCard(advisor));
    expect(status).toContain(cohort.name);
    expect(status).toContain(cohort.municipalities[0]!.name);
  });

  it('tells a stranger politely whom to contact', async () => {
    await seeded();
    const chat = bot.connector.chat(makeTeamsUser('Ukendt Person', 'elsewhere.example'));
    await bot.post(messageActivity(chat, 'hej'));
    const card = textOf(lastCard(chat));
    expect(card).toContain('Jeg kan ikke finde dig');
    expect(card).toContain('rikke@agency.example.org');
  });

  it('records an RSVP from a card, shows it back with the head-count, and changes nothing on a repeated invoke', async () => {
    const cohort = await seeded();
    const person = everyone(cohort)[0]!;
    const meeting = meetingByKey(cohort, 'opstart');
    const chat = chatOf(bot.connector, person);
    const press = cardActionActivity(chat, { verb: 'rsvp', data: { cohortId: cohort.id, meetingId: meeting.id, version: meeting.version, answer: 'in_person', dietaryNote: 'Vegetar' } });
    const answer = await bot.post(press);
    expect(answer.status).toBe(200);
    const card = textOf(invokeCard(answer.body));
    expect(card).toContain('Dit svar: Jeg kommer');
    expect(card).toContain('1 kommer');
    const stored = (await fixture.store.cohorts.load(cohort.id))!;
    expect(stored.cohort.rsvps).toEqual([expect.objectContaining({ participantId: person.id, answer: 'in_person', dietaryNote: 'Vegetar', source: 'chat' })]);

    // Teams repeats an invoke it got no answer to within its timeout.
    expect((await bot.post(press)).status).toBe(200);
    expect((await fixture.store.cohorts.load(cohort.id))!.revision).toBe(stored.revision);
  });

  it('updates the presentation task for the whole municipality from a card', async () => {
    const cohort = await seeded();
    const [municipality] = cohort.municipalities;
    const meeting = meetingByKey(cohort, 'refleksion-1');
    const chat = chatOf(bot.connector, municipality!.participants[1]!);
    const data = { cohortId: cohort.id, meetingId: meeting.id, municipalityId: municipality!.id, status: 'ready', presentationLink: 'https://example.org/oplaeg.pptx' };
    const card = textOf(invokeCard((await bot.post(cardActionActivity(chat, { verb: 'presentation', data }))).body));
    expect(card).toContain('Klar');
    const stored = (await fixture.store.cohorts.load(cohort.id))!.cohort;
    expect(stored.presentations).toEqual([expect.objectContaining({ municipalityId: municipality!.id, status: 'ready', link: 'https://example.org/oplaeg.pptx' })]);
  });
});
