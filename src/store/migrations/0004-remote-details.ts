import type { Kysely, Migration } from 'kysely';

/** What the service said about each sent object (links, a warning), for the advisors' status view. */
export const remoteDetailsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('outbox_objects').addColumn('remote_details', 'text').execute();
  },
};
