import type { Kysely, Migration } from 'kysely';

/**
 * Signed links: the ids of links an advisor revoked (links themselves are not stored, so a
 * revocation is the only trace), and secrets the server made for itself — in local mode the link
 * secret, kept so links sent before a restart still open after it.
 */
export const linksMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('link_revocations')
      .addColumn('link_id', 'text', (c) => c.primaryKey())
      .addColumn('revoked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
