import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { MessageIds } from './ids';
import type { TeamsUser } from './teams-user';

export interface TeamsBot {
  appId: string;
  name: string;
}

/** A user's 1:1 chat with the bot, and where their Teams client runs: what every activity there carries. */
export interface PersonalChat {
  /** The Connector's URL, with the trailing slash Teams always sends. */
  serviceUrl: string;
  tenantId: string;
  conversationId: string;
  user: TeamsUser;
  bot: TeamsBot;
  /** `da-DK` when left out. */
  locale?: string;
  /** IANA zone of the user's client; `Europe/Copenhagen` when left out. */
  timeZone?: string;
}

/** An activity on the wire, as Teams posts it to the bot's messaging endpoint. */
export interface TeamsActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  localTimezone: string;
  serviceUrl: string;
  channelId: 'msteams';
  from: { id: string; name: string; aadObjectId: string };
  conversation: { id: string; conversationType: 'personal'; tenantId: string };
  recipient: { id: string; name: string };
  entities: Record<string, unknown>[];
  channelData: Record<string, unknown>;
  locale: string;
  text?: string;
  textFormat?: string;
  attachments?: { contentType: string; content: unknown }[];
  value?: unknown;
  name?: string;
  action?: 'add' | 'remove';
  membersAdded?: { id: string }[];
  replyToId?: string;
}

/** A message the user typed (`text`), or the `value` of a card they submitted the old way. */
export function messageActivity(chat: PersonalChat, text: string, options: { value?: unknown } = {}): TeamsActivity {
  return {
    ...common(chat, 'message', messageIds.next(Date.now())),
    text,
    textFormat: 'plain',
    // Teams adds the message as HTML beside the plain text.
    attachments: [{ contentType: 'text/html', content: `<p>${escapeHtml(text)}</p>` }],
    ...(options.value === undefined ? {} : { value: options.value }),
  };
}

/** The app installed (`add`) or uninstalled (`remove`) in the user's personal scope. */
export function installationUpdateActivity(chat: PersonalChat, action: 'add' | 'remove'): TeamsActivity {
  return { ...common(chat, 'installationUpdate', eventId()), action };
}

/** The bot added to the 1:1 chat, which Teams announces beside the installation. */
export function botAddedActivity(chat: PersonalChat): TeamsActivity {
  return { ...common(chat, 'conversationUpdate', eventId()), membersAdded: [{ id: `28:${chat.bot.appId}` }] };
}

export interface CardAction {
  verb: string;
  data?: Record<string, unknown>;
  /** The message holding the card, which Teams names as the activity replied to. */
  replyToId?: string;
}

/** A press on an `Action.Execute` button of an Adaptive Card (Universal Actions' request format). */
export function cardActionActivity(chat: PersonalChat, action: CardAction): TeamsActivity {
  return {
    ...common(chat, 'invoke', eventId()),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} }, trigger: 'manual' },
    ...(action.replyToId === undefined ? {} : { replyToId: action.replyToId }),
  };
}

function common(chat: PersonalChat, type: string, id: string): TeamsActivity {
  const locale = chat.locale ?? 'da-DK';
  const zone = chat.timeZone ?? 'Europe/Copenhagen';
  const now = DateTime.now();
  return {
    type,
    id,
    timestamp: now.toUTC().toISO()!,
    localTimestamp: now.setZone(zone).toISO()!,
    localTimezone: zone,
    serviceUrl: chat.serviceUrl,
    channelId: 'msteams',
    from: { id: chat.user.id, name: chat.user.name, aadObjectId: chat.user.aadObjectId },
    conversation: { id: chat.conversationId, conversationType: 'personal', tenantId: chat.tenantId },
    recipient: { id: `28:${chat.bot.appId}`, name: chat.bot.name },
    entities: [{ type: 'clientInfo', locale, country: locale.split('-')[1] ?? '', platform: 'Web', timezone: zone }],
    channelData: { tenant: { id: chat.tenantId } },
    locale,
  };
}

const messageIds = new MessageIds();

/** Event and invoke activities have ids like `f:6894910862892785420` in Microsoft's samples. */
const eventId = (): string => `f:${randomInt(1e9, 1e10 - 1)}${randomInt(1e9, 1e10 - 1)}`;

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
