import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference as BotReference } from 'botbuilder';
import type { Clock } from '../src/app/clock';
import { joinUrls } from '../src/app/join-urls';
import type { Change, Outcome } from '../src/outbox/change';
import type { Sender } from '../src/outbox/sender';
import { dropConversation, type ConversationReference } from '../src/reach/conversation-references';
import { TEAMS_MESSAGE_KIND, type TeamsReminderState } from '../src/reach/teams-message';
import type { CohortStore } from '../src/store/cohort-store';
import type { Executor } from '../src/store/schema';
import { connectorFailureOf, GONE_CODES, RETRYABLE_STATUSES } from './connector-failures';
import { reminderCard } from './reminder-cards';
import type { SendPace } from './send-pace';
import { languageOf } from './teams-identity';

export interface TeamsSenderDeps {
  adapter: CloudAdapter;
  /** BOT_ID; empty in local mode, where nothing is signed. */
  appId: string;
  store: CohortStore;
  db: Executor;
  clock: Clock;
  /** Shared by every conversation: Teams' limit per bot and tenant. */
  pace: SendPace;
  /** Local mode writes only to an Emulator on this machine, never to a host a request named. */
  allowServiceUrl(url: string): boolean;
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

const notSent = (message: string): Outcome => ({ ok: false, retryable: false, message });

/**
 * Proactive reminders into 1:1 chats, through botbuilder's CloudAdapter. The card is rendered from
 * the cohort as it is at sending time. A user who blocked the bot or left loses the conversation
 * reference, so later reminders go by e-mail. The Bot Connector has no idempotency key: a send whose
 * answer is lost after Teams accepted it is sent again on the retry, the one way a reminder can
 * arrive twice.
 */
export function teamsSender(deps: TeamsSenderDeps): Sender {
  return {
    kind: TEAMS_MESSAGE_KIND,
    batchSize: 1,
    pacingMs: CONVERSATION_PACING_MS,
    send: (_target, changes) => Promise.all(changes.map((change) => sendOne(deps, change))),
  };
}

async function sendOne(deps: TeamsSenderDeps, change: Change): Promise<Outcome> {
  // A reminder is recorded once and never changed or withdrawn; there is nothing to update.
  if (change.action !== 'create') return { ok: true, remoteId: change.remoteId };
  const { reminder, conversation } = change.desired as TeamsReminderState;
  if (!deps.allowServiceUrl(conversation.serviceUrl)) {
    return notSent(`ikke sendt: ${conversation.serviceUrl} er ikke en Bot Connector, der må skrives til / not sent: not an allowed Bot Connector address`);
  }
  const stored = await deps.store.load(reminder.cohortId);
  if (stored === null) return notSent('ikke sendt: gruppeforløbet findes ikke længere / not sent: the cohort no longer exists');
  const card = reminderCard(stored.cohort, reminder, languageOf(conversation.locale), await joinUrls(deps.db, stored.cohort), deps.clock.now());
  if (!card.ok) return notSent(`${card.reason.da} / ${card.reason.en}`);
  await deps.pace.take();
  // The adapter's onTurnError would swallow a failed send inside the turn: keep it to judge here.
  const sent: { id: string | null; error: unknown } = { id: null, error: null };
  try {
    await deps.adapter.continueConversationAsync(deps.appId, botReference(conversation), async (context) => {
      try {
        sent.id = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card.card))))?.id ?? null;
      } catch (error) {
        sent.error = error ?? new Error('send failed');
      }
    });
  } catch (error) {
    sent.error = error ?? new Error('send failed');
  }
  if (sent.error !== null) return failed(deps, conversation, sent.error);
  const fields: Record<string, string> = { conversationId: conversation.conversationId };
  if (sent.id !== null) fields.activityId = sent.id;
  return { ok: true, remoteId: sent.id, details: { fields, warning: null } };
}

async function failed(deps: TeamsSenderDeps, conversation: ConversationReference, error: unknown): Promise<Outcome> {
  const failure = connectorFailureOf(error);
  const said = `Teams ${failure.status ?? '-'}${failure.code ? ` ${failure.code}` : ''}: ${failure.message}`;
  if (failure.code !== null && GONE_CODES.has(failure.code)) {
    await dropConversation(deps.db, conversation.conversationId);
    return notSent(`brugeren har blokeret eller forladt appen; fremover bruges e-mail / the user blocked or left the app; e-mail from now on (${said})`);
  }
  if (failure.status === null || RETRYABLE_STATUSES.has(failure.status)) return { ok: false, retryable: true, message: said, retryAfterMs: failure.retryAfterMs };
  return notSent(said);
}
