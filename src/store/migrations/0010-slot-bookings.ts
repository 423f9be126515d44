import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Each municipality's slot for an individual meeting (preparatory meeting, follow-up call), one row
 * per meeting and municipality; a cancelled booking keeps its row. The partial unique index lets no
 * two municipalities hold one slot of one meeting, whatever the code above it does; cancelled
 * bookings are left out of it, so a freed slot can be booked again. Names are part of the contract
 * (constraint-errors.ts maps them), as in 0001.
 */
export const slotBookingsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('slot_bookings')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('municipality_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('start', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('booked_by', 'text', (c) => c.notNull())
      .addColumn('booked_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('generation', 'integer', (c) => c.notNull())
      .addColumn('cancelled', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('slot_bookings_pk', ['cohort_id', 'meeting_id', 'municipality_id'])
      .addForeignKeyConstraint(
        'slot_bookings_meeting_fk',
        ['cohort_id', 'meeting_id'],
        'meetings',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'slot_bookings_municipality_fk',
        ['cohort_id', 'municipality_id'],
        'municipalities',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();

    await db.schema
      .createIndex('slot_bookings_slot_unique')
      .on('slot_bookings')
      .columns(['cohort_id', 'meeting_id', 'start'])
      .unique()
      .where(sql.ref('cancelled'), '=', 0)
      .execute();
  },
};
