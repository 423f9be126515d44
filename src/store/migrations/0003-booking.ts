import type { Kysely, Migration } from 'kysely';

/** Booking the series in Outlook: the organiser per cohort; per plenary, cancelled and its booking generation. */
export const bookingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('cohorts').addColumn('booking', 'text').execute();
    await db.schema.alterTable('meetings').addColumn('cancelled', 'integer').execute();
    await db.schema.alterTable('meetings').addColumn('generation', 'integer').execute();
  },
};
