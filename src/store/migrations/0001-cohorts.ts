import type { Kysely, Migration } from 'kysely';

/**
 * The cohort aggregate. Written with the schema builder only, so the same migration runs on SQLite
 * and PostgreSQL. Constraint names are part of the contract: constraint-errors.ts maps them to
 * domain errors, so never rename one here; add a migration instead.
 */
export const cohortsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('cohorts')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('erased_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cohorts_pk', ['id'])
      .execute();

    await db.schema
      .createTable('advisors')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('entra_object_id', 'text')
      .addPrimaryKeyConstraint('advisors_pk', ['cohort_id', 'id'])
      .addForeignKeyConstraint('advisors_cohort_fk', ['cohort_id'], 'cohorts', ['id'], (f) => f.onDelete('cascade'))
      .execute();

    await db.schema
      .createTable('meetings')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('themes', 'text', (c) => c.notNull())
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('presentations', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('history', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meetings_pk', ['cohort_id', 'id'])
      .addUniqueConstraint('meetings_key_unique', ['cohort_id', 'key'])
      .addForeignKeyConstraint('meetings_cohort_fk', ['cohort_id'], 'cohorts', ['id'], (f) => f.onDelete('cascade'))
      .execute();

    await db.schema
      .createTable('municipalities')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // Nullable so a save can release it before writing it again (see cohort-writer.ts).
      .addColumn('name_key', 'text')
      .addPrimaryKeyConstraint('municipalities_pk', ['cohort_id', 'id'])
      .addUniqueConstraint('municipalities_name_unique', ['cohort_id', 'name_key'])
      .addForeignKeyConstraint('municipalities_cohort_fk', ['cohort_id'], 'cohorts', ['id'], (f) => f.onDelete('cascade'))
      .execute();

    await db.schema
      .createTable('participants')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('municipality_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('contact', 'integer', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('email', 'text')
      .addColumn('email_key', 'text')
      .addColumn('phone', 'text')
      .addColumn('entra_object_id', 'text')
      .addPrimaryKeyConstraint('participants_pk', ['cohort_id', 'id'])
      // Erased participants have a null email_key; both engines let any number of nulls through.
      .addUniqueConstraint('participants_email_unique', ['cohort_id', 'email_key'])
      .addForeignKeyConstraint(
        'participants_municipality_fk',
        ['cohort_id', 'municipality_id'],
        'municipalities',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();

    await db.schema
      .createTable('registrations')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('municipality_id', 'text', (c) => c.notNull())
      .addColumn('preparatory_day', 'text', (c) => c.notNull())
      .addColumn('time_of_day', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('registrations_pk', ['cohort_id', 'municipality_id'])
      .addForeignKeyConstraint(
        'registrations_municipality_fk',
        ['cohort_id', 'municipality_id'],
        'municipalities',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();

    await db.schema
      .createTable('rsvps')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('dietary_note', 'text')
      .addColumn('for_start', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      // One answer per participant and meeting.
      .addPrimaryKeyConstraint('rsvps_pk', ['cohort_id', 'meeting_id', 'participant_id'])
      .addForeignKeyConstraint('rsvps_meeting_fk', ['cohort_id', 'meeting_id'], 'meetings', ['cohort_id', 'id'], (f) =>
        f.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'rsvps_participant_fk',
        ['cohort_id', 'participant_id'],
        'participants',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();

    await db.schema
      .createTable('presentations')
      .addColumn('cohort_id', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('municipality_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('updated_at', 'text')
      .addPrimaryKeyConstraint('presentations_pk', ['cohort_id', 'meeting_id', 'municipality_id'])
      .addForeignKeyConstraint(
        'presentations_meeting_fk',
        ['cohort_id', 'meeting_id'],
        'meetings',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'presentations_municipality_fk',
        ['cohort_id', 'municipality_id'],
        'municipalities',
        ['cohort_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();
  },
};
