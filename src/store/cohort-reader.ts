import type { StoredCohort } from './cohort-store';
import { fromRows, type CohortRows } from './cohort-rows';
import type { Executor } from './schema';

/** The child tables whose rows keep a list's order; registrations hang one-to-one off a municipality. */
type ListTable = Exclude<keyof CohortRows, 'cohort' | 'registrations'>;

/** Children of the given cohorts (or of all of them), in saved order; one query per table. */
async function childRows<T extends ListTable>(db: Executor, table: T, ids: readonly string[] | null): Promise<CohortRows[T]> {
  let query = db.selectFrom(table as ListTable).selectAll();
  if (ids) query = query.where('cohort_id', 'in', ids);
  // The union of table types loses which table T is; the rows are exactly that table's rows.
  return (await query.orderBy('cohort_id').orderBy('position').execute()) as CohortRows[T];
}

async function registrationRows(db: Executor, ids: readonly string[] | null): Promise<CohortRows['registrations']> {
  let query = db.selectFrom('registrations').selectAll();
  if (ids) query = query.where('cohort_id', 'in', ids);
  return query.execute();
}

function byCohort<R extends { cohort_id: string }>(rows: R[]): (cohortId: string) => R[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.cohort_id);
    if (group) group.push(row);
    else groups.set(row.cohort_id, [row]);
  }
  return (cohortId) => groups.get(cohortId) ?? [];
}

/** Same order on both engines, whatever collation the database was created with. */
const danish = new Intl.Collator('da');
export const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  danish.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Whole aggregates, ordered by name. Call it inside one transaction so every table is read from the
 * same state of the database.
 */
export async function readCohorts(db: Executor, ids: readonly string[] | null): Promise<StoredCohort[]> {
  let cohorts = db.selectFrom('cohorts').selectAll();
  if (ids) cohorts = cohorts.where('id', 'in', ids);
  const heads = await cohorts.execute();
  if (heads.length === 0) return [];

  const advisors = byCohort(await childRows(db, 'advisors', ids));
  const meetings = byCohort(await childRows(db, 'meetings', ids));
  const municipalities = byCohort(await childRows(db, 'municipalities', ids));
  const participants = byCohort(await childRows(db, 'participants', ids));
  const registrations = byCohort(await registrationRows(db, ids));
  const rsvps = byCohort(await childRows(db, 'rsvps', ids));
  const presentations = byCohort(await childRows(db, 'presentations', ids));
  const slotBookings = byCohort(await childRows(db, 'slot_bookings', ids));

  return heads.sort(byName).map((head) => {
    const cohort = fromRows({
      cohort: head,
      advisors: advisors(head.id),
      meetings: meetings(head.id),
      municipalities: municipalities(head.id),
      participants: participants(head.id),
      registrations: registrations(head.id),
      rsvps: rsvps(head.id),
      presentations: presentations(head.id),
      slot_bookings: slotBookings(head.id),
    });
    return { cohort, revision: head.revision };
  });
}
