import { busyTimes } from '../../src/store/busy-times';
import { botEndpoint } from '../../bot/bot-endpoint';
import { bookSeries } from '../../src/app/calendar-commands';
import type { Clock } from '../../src/app/clock';
import { planReminders } from '../../src/app/plan-reminders';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
import { deliverPending } from '../../src/outbox/deliver-pending';
import { outboxStatus } from '../../src/outbox/outbox-status';
import { OutboxWorker } from '../../src/outbox/outbox-worker';
import { saveConversation } from '../../src/reach/conversation-references';
import { TEAMS_MESSAGE_KIND } from '../../src/reach/teams-message';
import { createLog } from '../../src/server/log';
import { BotConnectorDouble, type PersonalChat } from '../support/bot-connector-double';
import { engines, useStore } from '../support/engines';
import { sampleCohort } from '../support/sample-cohort';
import { chatOf, everyone } from './fixtures/bot-server';

describe.each(engines())('the Teams sender of reminders ($name)', (engine) => {
  const fixture = useStore(engine);
  let connector: BotConnectorDouble;
  let now = parseInstant('2023-04-01T08:00:00Z');
  const clock: Clock = { now: () => now };
  const log = createLog('error', () => undefined, () => undefined);

  beforeEach(async () => {
    connector = await BotConnectorDouble.start();
    now = parseInstant('2023-04-01T08:00:00Z');
  });
  afterEach(() => connector.close());

  /** A booked cohort whose first two participants have a 1:1 chat with the bot. */
  async function seeded(): Promise<{ cohort: Cohort; chats: PersonalChat[] }> {
    const created = (await fixture.store.cohorts.create(sampleCohort())).cohort;
    const cohort = (await bookSeries({ db: fixture.store.db, clock }, created.id, 'rikke@agency.example.org')).cohort;
    const chats = everyone(cohort).slice(0, 2).map((p) => chatOf(connector, p));
    for (const [i, chat] of chats.entries()) {
      const reference = { userId: chat.user.id, aadObjectId: chat.user.aadObjectId, conversationId: chat.conversationId, serviceUrl: chat.serviceUrl, tenantId: chat.tenantId, botId: `28:${chat.bot.appId}`, locale: 'da-DK' };
      await saveConversation(fixture.store.db, reference, everyone(cohort)[i]!.person!.email, now);
    }
    return { cohort, chats };
  }

  async function deliver(cohort: Cohort): Promise<void> {
    const { sender } = botEndpoint({ store: fixture.store.cohorts, db: fixture.store.db, clock, log, bot: null, authorityHost: '', busy: (cohortId) => busyTimes(fixture.store.db, cohortId) });
    const worker = new OutboxWorker({ db: fixture.store.db, engine: fixture.store.engine, senders: [sender], clock: { now: () => parseInstant(new Date().toISOString()) }, owner: 'test' });
    const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
    await deliverPending(worker, fixture.store.db, cohort.id, [TEAMS_MESSAGE_KIND], { timeoutMs: 15_000, pauseMs: 50, sleep, now: Date.now });
  }

  // Two weeks before the first reflection meeting (6 June 2023, virtual, with presentations).
  const presentationDue = parseInstant('2023-05-23T08:00:00Z');

  it('delivers each due reminder once, through throttling, with the card as the cohort is now', async () => {
    const { cohort, chats } = await seeded();
    now = presentationDue;
    await planReminders({ store: fixture.store.cohorts, db: fixture.store.db, clock, links: null, organizer: null });
    connector.failNext(2, { status: 429, retryAfterSeconds: 1 });
    await deliver(cohort);
    for (const chat of chats) {
      const sent = connector.activities(chat.conversationId);
      expect(sent).toHaveLength(1);
      expect(JSON.stringify(sent[0]!.attachments)).toContain('Om 14 dage');
    }
    const states = (await outboxStatus(fixture.store.db, cohort.id, [TEAMS_MESSAGE_KIND])).filter((o) => o.kind === TEAMS_MESSAGE_KIND);
    expect(states.map((o) => o.state)).toEqual(['sent', 'sent']);
  });

  it('drops the chat of a user who blocked the bot, records why, and reaches the others', async () => {
    const { cohort, chats } = await seeded();
    const [blocking, other] = chats;
    connector.block(blocking!.user.id);
    now = presentationDue;
    await planReminders({ store: fixture.store.cohorts, db: fixture.store.db, clock, links: null, organizer: null });
    await deliver(cohort);
    expect(connector.activities(blocking!.conversationId)).toEqual([]);
    expect(connector.activities(other!.conversationId)).toHaveLength(1);
    const known = await fixture.store.db.selectFrom('teams_conversations').select('conversation_id').execute();
    expect(known.map((k) => k.conversation_id)).not.toContain(blocking!.conversationId);
    const failed = (await outboxStatus(fixture.store.db, cohort.id, [TEAMS_MESSAGE_KIND])).filter((o) => o.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toContain('ConversationBlockedByUser');
  });
});
