import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { Clock } from '../src/app/clock';
import type { Identity } from '../src/domain/identity';
import { knownConversation, saveConversation, type ConversationReference } from '../src/reach/conversation-references';
import type { Executor } from '../src/store/schema';
import type { CardLanguage } from './cards/render-card';

/** Teams' words for a 1:1 chat with the bot; the Emulator sends no type at all. */
function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

export function referenceOf(activity: Partial<Activity>): ConversationReference | null {
  const { from, conversation, recipient, serviceUrl } = activity;
  if (!from?.id || !conversation?.id || !recipient?.id || !serviceUrl) return null;
  const tenantId = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return {
    userId: from.id,
    aadObjectId: from.aadObjectId ?? null,
    conversationId: conversation.id,
    serviceUrl,
    tenantId: typeof tenantId === 'string' ? tenantId : (conversation.tenantId ?? null),
    botId: recipient.id,
    locale: activity.locale ?? null,
  };
}

/** Teams' locale ("da-DK", "en-US"); Danish unless the person uses English. */
export function languageOf(locale: string | null | undefined): CardLanguage {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

/**
 * The address Teams knows for the user (a guest's real one, not the #EXT# UPN), asked once and
 * kept. Null when Teams cannot say: the person may still be known by Entra object id.
 */
async function emailOf(context: TurnContext): Promise<string | null> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.email ?? null;
  } catch {
    return null;
  }
}

/**
 * Who wrote, as the identity use-case needs it; a 1:1 conversation is remembered on the way, so
 * the bot can remind the person later. Group chats and channels are not anyone's 1:1 chat.
 */
export async function identify(context: TurnContext, deps: { db: Executor; clock: Clock }): Promise<Identity> {
  const reference = referenceOf(context.activity);
  const aadObjectId = context.activity.from?.aadObjectId ?? null;
  if (reference === null) return { aadObjectId };
  const known = await knownConversation(deps.db, reference);
  const email = known?.email ?? (await emailOf(context));
  if (isPersonal(context.activity)) await saveConversation(deps.db, reference, email, deps.clock.now());
  return { aadObjectId, email };
}
