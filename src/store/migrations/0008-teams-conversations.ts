import type { Kysely, Migration } from 'kysely';

/**
 * Where the bot can write to a Teams user: the 1:1 conversation and the Bot Connector's service URL
 * of that user's region, as Teams told the bot on install or in a message. One row per user, keyed
 * by Entra object id (or by Teams user id where Teams sends none, as the Emulator does), dropped on
 * uninstall or when Teams says the user blocked the bot or left.
 */
export const teamsConversationsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('teams_conversations')
      .addColumn('user_key', 'text', (c) => c.primaryKey())
      .addColumn('aad_object_id', 'text')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('service_url', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('bot_id', 'text', (c) => c.notNull())
      .addColumn('locale', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('teams_conversations_email').on('teams_conversations').column('email').execute();
  },
};
