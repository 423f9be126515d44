import type { Kysely, Migration } from 'kysely';

/**
 * The state of a create that went out but whose answer never came (a timeout, a reset connection, a
 * killed worker): the object may exist though nothing was recorded, so a cancellation must look for it.
 */
export const unconfirmedCreatesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('outbox_objects').addColumn('unconfirmed_state', 'text').execute();
  },
};
