import type { Instant } from '../domain/local-time';
import type { Executor, TeamsConversationsTable } from '../store/schema';

/** What the bot needs to write to a Teams user unprompted, as Teams told it; no botbuilder types here. */
export interface ConversationReference {
  userId: string;
  aadObjectId: string | null;
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  botId: string;
  locale: string | null;
}

export interface KnownConversation {
  reference: ConversationReference;
  email: string | null;
}

const lower = (value: string | null | undefined) => value?.trim().toLowerCase() || null;

function userKey(reference: Pick<ConversationReference, 'aadObjectId' | 'userId'>): string {
  const oid = lower(reference.aadObjectId);
  return oid === null ? `teams:${reference.userId}` : `aad:${oid}`;
}

function fromRow(row: TeamsConversationsTable): KnownConversation {
  const reference = {
    userId: row.user_id,
    aadObjectId: row.aad_object_id,
    conversationId: row.conversation_id,
    serviceUrl: row.service_url,
    tenantId: row.tenant_id,
    botId: row.bot_id,
    locale: row.locale,
  };
  return { reference, email: row.email };
}

/**
 * Kept, or brought up to date, whenever the bot hears from or of the user: the service URL can
 * change, and the e-mail address is kept only once Teams has told it (null leaves a known one).
 */
export async function saveConversation(db: Executor, reference: ConversationReference, email: string | null, now: Instant): Promise<void> {
  const row: TeamsConversationsTable = {
    user_key: userKey(reference),
    aad_object_id: lower(reference.aadObjectId),
    user_id: reference.userId,
    email: lower(email),
    conversation_id: reference.conversationId,
    service_url: reference.serviceUrl,
    tenant_id: reference.tenantId,
    bot_id: reference.botId,
    locale: reference.locale,
    updated_at: now,
  };
  const changed = {
    aad_object_id: row.aad_object_id,
    user_id: row.user_id,
    conversation_id: row.conversation_id,
    service_url: row.service_url,
    tenant_id: row.tenant_id,
    bot_id: row.bot_id,
    locale: row.locale,
    updated_at: row.updated_at,
  };
  await db
    .insertInto('teams_conversations')
    .values(row)
    .onConflict((oc) => oc.column('user_key').doUpdateSet(row.email === null ? changed : { ...changed, email: row.email }))
    .execute();
}

/** On uninstall, or when Teams says the user blocked the bot or left: the bot must not write there again. */
export async function dropConversation(db: Executor, conversationId: string): Promise<number> {
  const result = await db.deleteFrom('teams_conversations').where('conversation_id', '=', conversationId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** By Entra object id when the person has one, else by e-mail address: the identity rule of the product. */
export async function findConversation(db: Executor, person: { entraObjectId: string | null; email: string }): Promise<KnownConversation | null> {
  const oid = lower(person.entraObjectId);
  if (oid !== null) {
    const row = await db.selectFrom('teams_conversations').selectAll().where('user_key', '=', `aad:${oid}`).executeTakeFirst();
    if (row) return fromRow(row);
  }
  const email = lower(person.email);
  if (email === null) return null;
  const rows = await db.selectFrom('teams_conversations').selectAll().where('email', '=', email).orderBy('updated_at', 'desc').execute();
  // Someone else's account with the same address is not this person when the ids differ.
  const row = rows.find((r) => oid === null || r.aad_object_id === null || r.aad_object_id === oid);
  return row ? fromRow(row) : null;
}

/** What the bot knows of the user who wrote, e.g. the e-mail address it looked up before. */
export async function knownConversation(db: Executor, reference: Pick<ConversationReference, 'aadObjectId' | 'userId'>): Promise<KnownConversation | null> {
  const row = await db.selectFrom('teams_conversations').selectAll().where('user_key', '=', userKey(reference)).executeTakeFirst();
  return row ? fromRow(row) : null;
}
