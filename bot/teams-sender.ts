import { CardFactory, MessageFactory, type CloudAdapter, type ConversationParameters, type ConversationReference as BotReference, type TurnContext } from 'botbuilder';
import type { Clock } from '../src/app/clock';
import { joinUrls } from '../src/app/join-urls';
import type { BusyTime } from '../src/domain/slots';
import type { Change, Outcome } from '../src/outbox/change';
import type { Sender } from '../src/outbox/sender';
import { dropConversation, saveConversation, type ConversationReference } from '../src/reach/conversation-references';
import { dropTeamChannel, type TeamChannel } from '../src/reach/team-channels';
import { TEAMS_MESSAGE_KIND, type TeamsDestination, type TeamsMessageState } from '../src/reach/teams-message';
import type { CohortStore } from '../src/store/cohort-store';
import type { Executor } from '../src/store/schema';
import { connectorFailureOf, GONE_CODES, RETRYABLE_STATUSES } from './connector-failures';
import { announcementCard, reminderCard, type MessageCard } from './reminder-cards';
import type { SendPace } from './send-pace';
import { languageOf } from './teams-identity';

export interface TeamsSenderDeps {
  adapter: CloudAdapter;
  /** BOT_ID; empty in local mode, where nothing is signed. */
  appId: string;
  store: CohortStore;
  db: Executor;
  clock: Clock;
  /** The advisors' busy time, for the slots a booking reminder offers. */
  busy(cohortId: string): Promise<BusyTime[]>;
  /** Shared by every conversation: Teams' limit per bot and tenant. */
  pace: SendPace;
  /** Local mode writes only to an Emulator on this machine, never to a host a request named. */
  allowServiceUrl(url: string): boolean;
  /** The Bot Connector's token audience; empty in local mode, where nothing is signed. */
  audience: string;
}

/**
 * Teams allows 7 messages a second and 60 in 30 seconds per conversation; one message every half
 * second keeps within both however long a run of reminders to one person lasts.
 */
export const CONVERSATION_PACING_MS = 500;

function botReference(conversation: ConversationReference): Partial<BotReference> {
  return {
    channelId: 'msteams',
    serviceUrl: conversation.serviceUrl,
    conversation: { id: conversation.conversationId, conversationType: 'personal', tenantId: conversation.tenantId ?? undefined, isGroup: false, name: '' },
    bot: { id: conversation.botId, name: '' },
    user: { id: conversation.userId, name: '', aadObjectId: conversation.aadObjectId ?? undefined },
    locale: conversation.locale ?? undefined,
  };
}

function channelReference(team: TeamChannel): Partial<BotReference> {
  return {
    channelId: 'msteams',
    serviceUrl: team.serviceUrl,
    conversation: { id: team.channelId, conversationType: 'channel', tenantId: team.tenantId ?? undefined, isGroup: true, name: '' },
    bot: { id: team.botId, name: '' },
  };
}

const notSent = (message: string): Outcome => ({ ok: false, retryable: false, message });

/**
 * Proactive messages (reminders, announcements) through botbuilder's CloudAdapter. The card is
 * rendered from the cohort as it is at sending time. A user who blocked the bot or left loses the
 * conversation reference, so later reminders go by e-mail. The Bot Connector has no idempotency
 * key: a send whose answer is lost after Teams accepted it is sent again on the retry (botbuilder's
 * own client retries too), the one way a message can arrive twice.
 */
export function teamsSender(deps: TeamsSenderDeps): Sender {
  return {
    kind: TEAMS_MESSAGE_KIND,
    batchSize: 1,
    pacingMs: CONVERSATION_PACING_MS,
    send: (_target, changes) => Promise.all(changes.map((change) => sendOne(deps, change))),
  };
}

function serviceUrlOf(to: TeamsDestination): string {
  return to.kind === 'chat' ? to.conversation.serviceUrl : to.team.serviceUrl;
}

async function render(deps: TeamsSenderDeps, { content, to }: TeamsMessageState): Promise<MessageCard> {
  const cohortId = content.kind === 'reminder' ? content.reminder.cohortId : content.cohortId;
  const stored = await deps.store.load(cohortId);
  if (stored === null) return { ok: false, reason: { da: 'ikke sendt: gruppeforløbet findes ikke længere', en: 'not sent: the cohort no longer exists' } };
  const links = await joinUrls(deps.db, stored.cohort);
  if (content.kind === 'announcement') {
    const userIds = to.kind === 'channel' ? to.userIds : [];
    return announcementCard(stored.cohort, content.meetingId, content.meetingVersion, userIds, links);
  }
  const locale = to.kind === 'chat' ? to.conversation.locale : to.kind === 'new_chat' ? to.locale : null;
  const busy = content.reminder.kind === 'booking' ? await deps.busy(cohortId) : [];
  return reminderCard(stored.cohort, content.reminder, languageOf(locale), links, deps.clock.now(), busy);
}

interface Sent {
  id: string | null;
  /** A failed send inside the turn: the adapter's onTurnError would swallow it; it is judged here. */
  error: unknown;
  /** The chat the bot opened, to remember for the next message. */
  opened: ConversationReference | null;
}

async function sendOne(deps: TeamsSenderDeps, change: Change): Promise<Outcome> {
  // A message is recorded once and never changed or withdrawn; there is nothing to update.
  if (change.action !== 'create') return { ok: true, remoteId: change.remoteId };
  const state = change.desired as TeamsMessageState;
  const serviceUrl = serviceUrlOf(state.to);
  if (!deps.allowServiceUrl(serviceUrl)) {
    return notSent(`ikke sendt: ${serviceUrl} er ikke en Bot Connector, der må skrives til / not sent: not an allowed Bot Connector address`);
  }
  const card = await render(deps, state);
  if (!card.ok) return notSent(`${card.reason.da} / ${card.reason.en}`);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card.card));
  const sent: Sent = { id: null, error: null, opened: null };
  const send = async (context: TurnContext): Promise<void> => {
    try {
      sent.id = (await context.sendActivity(activity))?.id ?? null;
    } catch (error) {
      sent.error = error ?? new Error('send failed');
    }
  };
  await deps.pace.take();
  try {
    if (state.to.kind === 'new_chat') sent.opened = await openChat(deps, state.to, send);
    else await deps.adapter.continueConversationAsync(deps.appId, state.to.kind === 'chat' ? botReference(state.to.conversation) : channelReference(state.to.team), send);
  } catch (error) {
    sent.error = error ?? new Error('send failed');
  }
  if (sent.opened !== null) await saveConversation(deps.db, sent.opened, null, deps.clock.now());
  if (sent.error !== null) return failed(deps, state.to, sent.error);
  const conversationId = sent.opened?.conversationId ?? (state.to.kind === 'chat' ? state.to.conversation.conversationId : state.to.kind === 'channel' ? state.to.team.channelId : '');
  const fields: Record<string, string> = { conversationId };
  if (sent.id !== null) fields.activityId = sent.id;
  return { ok: true, remoteId: sent.id, details: { fields, warning: null } };
}

/**
 * Opens the 1:1 chat with a member of a team the bot is installed in, which Teams allows by Entra
 * object id; creating a conversation counts against the bot's rate limit like a message. Returns
 * the chat, once Teams has made it, so it is remembered even when the send in it fails.
 */
async function openChat(deps: TeamsSenderDeps, to: Extract<TeamsDestination, { kind: 'new_chat' }>, send: (context: TurnContext) => Promise<void>): Promise<ConversationReference | null> {
  await deps.pace.take();
  const tenant = to.team.tenantId ?? undefined;
  const parameters = {
    isGroup: false,
    bot: { id: to.team.botId, name: '' },
    members: [{ id: to.aadObjectId, name: '' }],
    tenantId: tenant,
    channelData: { tenant: { id: tenant } },
  } as ConversationParameters;
  let opened: ConversationReference | null = null;
  await deps.adapter.createConversationAsync(deps.appId, 'msteams', to.team.serviceUrl, deps.audience, parameters, async (context) => {
    opened = {
      userId: to.aadObjectId,
      aadObjectId: to.aadObjectId,
      conversationId: context.activity.conversation.id,
      serviceUrl: to.team.serviceUrl,
      tenantId: to.team.tenantId,
      botId: to.team.botId,
      locale: to.locale,
    };
    await send(context);
  });
  return opened;
}

async function failed(deps: TeamsSenderDeps, to: TeamsDestination, error: unknown): Promise<Outcome> {
  const failure = connectorFailureOf(error);
  const said = `Teams ${failure.status ?? '-'}${failure.code ? ` ${failure.code}` : ''}: ${failure.message}`;
  if (failure.code !== null && GONE_CODES.has(failure.code)) {
    if (to.kind === 'chat') await dropConversation(deps.db, to.conversation.conversationId);
    if (to.kind === 'channel') await dropTeamChannel(deps.db, to.team.channelId);
    return notSent(`brugeren har blokeret eller forladt appen; fremover bruges e-mail / the user blocked or left the app; e-mail from now on (${said})`);
  }
  if (failure.status === null || RETRYABLE_STATUSES.has(failure.status)) return { ok: false, retryable: true, message: said, retryAfterMs: failure.retryAfterMs };
  return notSent(said);
}
