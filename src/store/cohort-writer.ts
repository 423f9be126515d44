import type { Transaction } from 'kysely';
import type { CohortRows } from './cohort-rows';
import type { Database } from './schema';

type Trx = Transaction<Database>;

/**
 * Meetings, municipalities and participants are deleted only when they are gone from the cohort
 * (and upserted otherwise), so rows that refer to them, an outbox entry for a meeting's event say,
 * keep pointing at the same row across saves. Deleting first frees a name or e-mail for a newcomer.
 */
async function deleteRemoved(trx: Trx, rows: CohortRows): Promise<void> {
  const cohortId = rows.cohort.id;
  const kept = (list: { id: string }[]) => list.map((r) => r.id);

  let participants = trx.deleteFrom('participants').where('cohort_id', '=', cohortId);
  if (rows.participants.length > 0) participants = participants.where('id', 'not in', kept(rows.participants));
  await participants.execute();

  let municipalities = trx.deleteFrom('municipalities').where('cohort_id', '=', cohortId);
  if (rows.municipalities.length > 0) municipalities = municipalities.where('id', 'not in', kept(rows.municipalities));
  await municipalities.execute();

  let meetings = trx.deleteFrom('meetings').where('cohort_id', '=', cohortId);
  if (rows.meetings.length > 0) meetings = meetings.where('id', 'not in', kept(rows.meetings));
  await meetings.execute();
}

/**
 * Leaf rows nothing refers to are replaced wholesale: simpler than a diff, and a plain insert lets
 * the primary key refuse a second answer of one participant to one meeting, which an upsert would merge.
 */
async function deleteLeaves(trx: Trx, cohortId: string): Promise<void> {
  await trx.deleteFrom('rsvps').where('cohort_id', '=', cohortId).execute();
  await trx.deleteFrom('presentations').where('cohort_id', '=', cohortId).execute();
  await trx.deleteFrom('slot_bookings').where('cohort_id', '=', cohortId).execute();
  await trx.deleteFrom('registrations').where('cohort_id', '=', cohortId).execute();
  await trx.deleteFrom('advisors').where('cohort_id', '=', cohortId).execute();
}

export async function upsertMeetings(trx: Trx, rows: CohortRows['meetings']): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('meetings')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['cohort_id', 'id']).doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        key: eb.ref('excluded.key'),
        kind: eb.ref('excluded.kind'),
        form: eb.ref('excluded.form'),
        title: eb.ref('excluded.title'),
        themes: eb.ref('excluded.themes'),
        schedule: eb.ref('excluded.schedule'),
        place: eb.ref('excluded.place'),
        presentations: eb.ref('excluded.presentations'),
        version: eb.ref('excluded.version'),
        history: eb.ref('excluded.history'),
        cancelled: eb.ref('excluded.cancelled'),
        generation: eb.ref('excluded.generation'),
      })),
    )
    .execute();
}

export async function upsertMunicipalities(trx: Trx, rows: CohortRows['municipalities']): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('municipalities')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['cohort_id', 'id']).doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        name: eb.ref('excluded.name'),
        name_key: eb.ref('excluded.name_key'),
      })),
    )
    .execute();
}

export async function upsertParticipants(trx: Trx, rows: CohortRows['participants']): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('participants')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['cohort_id', 'id']).doUpdateSet((eb) => ({
        municipality_id: eb.ref('excluded.municipality_id'),
        position: eb.ref('excluded.position'),
        role: eb.ref('excluded.role'),
        contact: eb.ref('excluded.contact'),
        name: eb.ref('excluded.name'),
        email: eb.ref('excluded.email'),
        email_key: eb.ref('excluded.email_key'),
        phone: eb.ref('excluded.phone'),
        entra_object_id: eb.ref('excluded.entra_object_id'),
      })),
    )
    .execute();
}

async function insertLeaves(trx: Trx, rows: CohortRows): Promise<void> {
  if (rows.advisors.length > 0) await trx.insertInto('advisors').values(rows.advisors).execute();
  if (rows.registrations.length > 0) await trx.insertInto('registrations').values(rows.registrations).execute();
  if (rows.presentations.length > 0) await trx.insertInto('presentations').values(rows.presentations).execute();
  if (rows.slot_bookings.length > 0) await trx.insertInto('slot_bookings').values(rows.slot_bookings).execute();
  if (rows.rsvps.length > 0) await trx.insertInto('rsvps').values(rows.rsvps).execute();
}

/**
 * Two municipalities trading names (or two people trading e-mails) in one save would collide with
 * each other half-way through the upserts; with the keys released first, the unique constraints
 * judge only the state the cohort ends up in.
 */
async function releaseUniqueKeys(trx: Trx, cohortId: string): Promise<void> {
  await trx.updateTable('participants').set({ email_key: null }).where('cohort_id', '=', cohortId).execute();
  await trx.updateTable('municipalities').set({ name_key: null }).where('cohort_id', '=', cohortId).execute();
}

/** Makes the stored children exactly the cohort's; the cohorts row itself is written by the caller. */
export async function writeChildren(trx: Trx, rows: CohortRows): Promise<void> {
  await deleteLeaves(trx, rows.cohort.id);
  await deleteRemoved(trx, rows);
  await releaseUniqueKeys(trx, rows.cohort.id);
  await upsertMeetings(trx, rows.meetings);
  await upsertMunicipalities(trx, rows.municipalities);
  await upsertParticipants(trx, rows.participants);
  await insertLeaves(trx, rows);
}

export async function insertHead(trx: Trx, rows: CohortRows, createdAt: string): Promise<void> {
  await trx
    .insertInto('cohorts')
    .values({ ...rows.cohort, revision: 1, created_at: createdAt })
    .execute();
}

/** Bumps the revision only if it is still the one the caller read; false when it is not (or the cohort is gone). */
export async function updateHead(trx: Trx, rows: CohortRows, expectedRevision: number): Promise<boolean> {
  const { id, ...fields } = rows.cohort;
  const result = await trx
    .updateTable('cohorts')
    .set((eb) => ({ ...fields, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
