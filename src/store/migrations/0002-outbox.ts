import type { Kysely, Migration } from 'kysely';

/** The outbox: desired and sent state per Microsoft 365 object, and a lease per target. */
export const outboxMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('outbox_objects')
      .addColumn('object_key', 'text', (c) => c.notNull())
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('desired_version', 'integer', (c) => c.notNull())
      .addColumn('desired_state', 'text')
      .addColumn('sent_version', 'integer', (c) => c.notNull())
      .addColumn('sent_state', 'text')
      .addColumn('remote_id', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('outbox_objects_pk', ['object_key'])
      .execute();
    await db.schema.createIndex('outbox_objects_due_idx').on('outbox_objects').columns(['target', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_objects_cohort_idx').on('outbox_objects').column('cohort_id').execute();

    await db.schema
      .createTable('outbox_targets')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('not_before', 'text')
      .addPrimaryKeyConstraint('outbox_targets_pk', ['target'])
      .execute();
  },
};
