import type { Kysely, Migration } from 'kysely';

/**
 * The advisors' busy time, read from Outlook ahead of time so that offering slots never waits for
 * Graph: `busy_times` holds each advisor's busy blocks per cohort (Copenhagen wall-clock text, the
 * blocks of one mailbox never overlapping), replaced whole by every successful read of that
 * mailbox; `busy_reads` says when each mailbox was last read well, and why the last try failed if
 * it did, for the advisors' status. Per cohort, since each cohort needs its own windows' days.
 */
export const busyTimesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('busy_times')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('start', 'text', (c) => c.notNull())
      .addColumn('end', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('busy_times_pk', ['cohort_id', 'mailbox', 'start'])
      .addForeignKeyConstraint('busy_times_cohort_fk', ['cohort_id'], 'cohorts', ['id'], (f) => f.onDelete('cascade'))
      .execute();

    await db.schema
      .createTable('busy_reads')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('fetched_at', 'text')
      .addColumn('attempted_at', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('busy_reads_pk', ['cohort_id', 'mailbox'])
      .addForeignKeyConstraint('busy_reads_cohort_fk', ['cohort_id'], 'cohorts', ['id'], (f) => f.onDelete('cascade'))
      .execute();
  },
};
