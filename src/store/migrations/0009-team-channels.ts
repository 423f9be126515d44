import type { Kysely, Migration } from 'kysely';

/**
 * Where the bot is installed in a team, as Teams told it: the team's General channel (its thread id
 * is the team's conversation id) and the Bot Connector's service URL for that tenant. From here
 * the bot posts a cohort's announcements in the channel and opens 1:1 chats with the team's members.
 */
export const teamChannelsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('team_channels')
      .addColumn('group_id', 'text', (c) => c.primaryKey())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('service_url', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('bot_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
