import type { Kysely, Migration } from 'kysely';

/**
 * The Teams team an advisor linked to a cohort (optional, one per cohort): the app is installed
 * there, and the team's members and guests are reached through the bot. Kept beside the cohort, not
 * in its document: it is the tenant's setup, not the programme's content.
 */
export const cohortTeamsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('cohort_teams')
      .addColumn('cohort_id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .execute();
  },
};
