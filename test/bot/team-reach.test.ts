import { busyTimes } from '../../src/store/busy-times';
import { randomUUID } from 'node:crypto';
import { botEndpoint } from '../../bot/bot-endpoint';
import { announceMeeting } from '../../src/app/announce-meeting';
import { bookSeries } from '../../src/app/calendar-commands';
import type { Clock } from '../../src/app/clock';
import { planReminders } from '../../src/app/plan-reminders';
import type { Cohort, Participant } from '../../src/domain/cohort';
import { parseInstant } from '../../src/domain/local-time';
import { deliverPending } from '../../src/outbox/deliver-pending';
import { OutboxWorker } from '../../src/outbox/outbox-worker';
import { teamObjectKey } from '../../src/reach/cohort-team';
import { TEAMS_MESSAGE_KIND } from '../../src/reach/teams-message';
import { createLog } from '../../src/server/log';
import { cardActionActivity, installationUpdateActivity, postActivity, type PersonalChat, type TeamsUser } from '../support/bot-connector-double';
import { engines, useStore } from '../support/engines';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { chatOf, everyone, invokeCard, startBotServer, teamsUserFor, textOf, type BotServer } from './fixtures/bot-server';
import { validateCard } from '../support/adaptive-card-validation';

/**
 * The cohort's team: the bot is installed there, so it can post the cohort's announcements in the
 * General channel and open 1:1 chats with members who never installed the app themselves.
 */
describe.each(engines())('reaching people through the cohort team ($name)', (engine) => {
  const fixture = useStore(engine);
  let bot: BotServer;
  let now = parseInstant('2023-04-01T08:00:00Z');
  let teams = 0;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    bot = await startBotServer(fixture.store, clock);
  });
  afterAll(() => bot.close());

  interface TeamSetup {
    cohort: Cohort;
    groupId: string;
    channelId: string;
    members: { participant: Participant; user: TeamsUser }[];
  }

  /** A booked cohort whose first municipality's people are members of a team the bot was installed in. */
  async function teamWithBot(): Promise<TeamSetup> {
    // People of their own per test: one person is one Entra id, in the double as in a tenant.
    const tag = 'abcdefghijklmnopqrstuvwxyz'[teams++]!;
    const created = (await fixture.store.cohorts.create(sampleCohort([`Aarhus${tag}`, `Odense${tag}`, `Vejle${tag}`]))).cohort;
    const cohort = (await bookSeries({ db: fixture.store.db, clock }, created.id, 'rikke@agency.example.org')).cohort;
    const members = cohort.municipalities[0]!.participants.map((participant) => ({ participant, user: teamsUserFor(participant) }));
    members.forEach((m) => bot.connector.addUser(m.user));
    const channelId = bot.connector.addTeam({ memberIds: members.map((m) => m.user.id) });
    const groupId = randomUUID();
    // What the Graph team-install sender keeps once it has installed the app and read the roster.
    await fixture.store.db.insertInto('cohort_teams').values({ cohort_id: cohort.id, team_id: groupId, linked_at: now }).execute();
    const roster = JSON.stringify(members.map((m) => ({ userId: m.user.aadObjectId, email: m.user.email })));
    await fixture.store.db
      .insertInto('outbox_objects')
      .values({
        object_key: teamObjectKey(cohort.id, groupId), cohort_id: cohort.id, kind: 'graph.team-install', target: 'teams-install', label: '{"da":"team","en":"team"}',
        desired_version: 1, desired_state: JSON.stringify({ teamId: groupId }), sent_version: 1, sent_state: JSON.stringify({ teamId: groupId }), remote_id: groupId,
        unconfirmed_state: null, remote_details: JSON.stringify({ fields: { members: roster }, warning: null }), attempts: 0, next_attempt_at: now, failed_at: null, last_error: null, updated_at: now,
      })
      .execute();
    // Teams tells the bot it was added to the team, naming the team's thread and its group id.
    const installer = chatOf(bot.connector, members[0]!.participant);
    const install = installationUpdateActivity(installer, 'add');
    const inTeam = { ...install, conversation: { id: channelId, conversationType: 'channel', tenantId: installer.tenantId }, channelData: { ...install.channelData, team: { id: channelId, aadGroupId: groupId } } };
    expect((await postActivity(`${bot.server.url}/api/messages`, inTeam)).status).toBe(200);
    return { cohort, groupId, channelId, members };
  }

  async function deliver(cohort: Cohort): Promise<void> {
    const log = createLog('error', () => undefined, () => undefined);
    const { sender } = botEndpoint({ store: fixture.store.cohorts, db: fixture.store.db, clock, log, bot: null, authorityHost: '', busy: (cohortId) => busyTimes(fixture.store.db, cohortId) });
    const worker = new OutboxWorker({ db: fixture.store.db, engine: fixture.store.engine, senders: [sender], clock: { now: () => parseInstant(new Date().toISOString()) }, owner: 'test' });
    const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
    await deliverPending(worker, fixture.store.db, cohort.id, [TEAMS_MESSAGE_KIND], { timeoutMs: 10_000, pauseMs: 50, sleep, now: Date.now });
  }

  it('remembers the team on install, and sends nothing into the channel by itself', async () => {
    const { groupId, channelId } = await teamWithBot();
    const rows = await fixture.store.db.selectFrom('team_channels').selectAll().where('group_id', '=', groupId).execute();
    expect(rows).toEqual([expect.objectContaining({ channel_id: channelId, service_url: bot.connector.serviceUrl })]);
    expect(bot.connector.activities(channelId)).toEqual([]);
  });

  it('opens a 1:1 chat with a team member who never installed the app, sends the reminder there, and keeps the chat', async () => {
    const { cohort, members } = await teamWithBot();
    now = parseInstant('2023-05-23T08:00:00Z');
    await planReminders({ store: fixture.store.cohorts, db: fixture.store.db, clock, links: null, organizer: null });
    await deliver(cohort);
    now = parseInstant('2023-04-01T08:00:00Z');
    const member = members[1]!;
    const conversationId = bot.connector.personalConversation(member.user.id);
    const sent = bot.connector.activities(conversationId);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.attachments)).toContain('Om 14 dage');
    expect(bot.connector.counts().createdConversations).toBeGreaterThan(0);
    const kept = await fixture.store.db.selectFrom('teams_conversations').selectAll().where('conversation_id', '=', conversationId).execute();
    expect(kept).toHaveLength(1);
  });

  it("shares a meeting's RSVP card in the channel, and a press there answers for whoever pressed", async () => {
    const { cohort, channelId, members } = await teamWithBot();
    const meeting = meetingByKey(cohort, 'refleksion-2');
    expect(await announceMeeting({ store: fixture.store.cohorts, db: fixture.store.db, clock }, cohort.id, 'refleksion-2')).toEqual({ recorded: true, members: members.length });
    expect((await announceMeeting({ store: fixture.store.cohorts, db: fixture.store.db, clock }, cohort.id, 'refleksion-2')).recorded).toBe(false);
    await deliver(cohort);
    const posted = bot.connector.activities(channelId);
    expect(posted).toHaveLength(1);
    const card = (posted[0]!.attachments as { content: Record<string, unknown> }[])[0]!.content;
    validateCard(card);
    expect(card.refresh).toMatchObject({ userIds: members.map((m) => `8:orgid:${m.user.aadObjectId}`) });
    expect(textOf(card)).not.toContain('Dit svar');

    const presser = members[1]!;
    const chat: PersonalChat = bot.connector.chat(presser.user);
    const press = cardActionActivity(chat, { verb: 'rsvp', data: { cohortId: cohort.id, meetingId: meeting.id, version: meeting.version, answer: 'in_person' } });
    const inChannel = { ...press, conversation: { id: channelId, conversationType: 'channel', tenantId: chat.tenantId } };
    const answer = invokeCard((await postActivity(`${bot.server.url}/api/messages`, inChannel)).body);
    expect(textOf(answer)).toContain('Dit svar: Jeg kommer');
    expect(answer.refresh).toMatchObject({ userIds: expect.arrayContaining([`8:orgid:${presser.user.aadObjectId}`]) });
    const stored = (await fixture.store.cohorts.load(cohort.id))!.cohort;
    expect(stored.rsvps).toEqual([expect.objectContaining({ participantId: presser.participant.id, answer: 'in_person' })]);
    expect(everyone(stored).length).toBeGreaterThan(members.length);
  });
});
