import type { Transaction } from 'kysely';
import type { CohortRows } from './cohort-rows';
import { upsertMeetings, upsertMunicipalities, upsertParticipants } from './cohort-writer';
import type { Database } from './schema';

type Trx = Transaction<Database>;
type ChildTable = Exclude<keyof CohortRows, 'cohort'>;
type Leaf = 'advisors' | 'registrations' | 'presentations' | 'slot_bookings' | 'rsvps';

/** Each child table's primary key besides cohort_id: what says two rows are the same row. */
const KEYS: { [T in ChildTable]: readonly (keyof CohortRows[T][number] & string)[] } = {
  advisors: ['id'],
  meetings: ['id'],
  municipalities: ['id'],
  participants: ['id'],
  registrations: ['municipality_id'],
  rsvps: ['meeting_id', 'participant_id'],
  presentations: ['meeting_id', 'municipality_id'],
  slot_bookings: ['meeting_id', 'municipality_id'],
};

interface TableChanges<R> {
  removed: R[];
  changed: R[];
  added: R[];
}

const keyOf = <R>(row: R, columns: readonly string[]) => JSON.stringify(columns.map((c) => (row as Record<string, unknown>)[c]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Null when `after` holds one key twice: only a plain insert lets the database refuse that. */
function changesOf<T extends ChildTable>(table: T, before: CohortRows[T], after: CohortRows[T]): TableChanges<CohortRows[T][number]> | null {
  type R = CohortRows[T][number];
  const columns = KEYS[table];
  const old = new Map<string, R>(before.map((row: R) => [keyOf(row, columns), row]));
  const now = new Map<string, R>(after.map((row: R) => [keyOf(row, columns), row]));
  if (now.size !== after.length) return null;
  return {
    removed: [...old].filter(([key]) => !now.has(key)).map(([, row]) => row),
    changed: [...now].filter(([key, row]) => old.has(key) && !same(old.get(key), row)).map(([, row]) => row),
    added: [...now].filter(([key]) => !old.has(key)).map(([, row]) => row),
  };
}

type AllChanges = { [T in ChildTable]: TableChanges<CohortRows[T][number]> };

/** Every child table's changes, or null when one of them must be written whole to be judged. */
export function cohortChanges(before: CohortRows, after: CohortRows): AllChanges | null {
  const all = {} as Record<ChildTable, TableChanges<unknown> | null>;
  for (const table of Object.keys(KEYS) as ChildTable[]) all[table] = changesOf(table, before[table], after[table]);
  return Object.values(all).some((c) => c === null) ? null : (all as AllChanges);
}

async function deleteRows<T extends ChildTable>(trx: Trx, table: T, cohortId: string, rows: readonly CohortRows[T][number][]): Promise<void> {
  const columns = KEYS[table];
  for (const row of rows) {
    // The union of table types loses which table T is; the columns are exactly that table's key.
    let query = trx.deleteFrom(table as Leaf).where('cohort_id', '=', cohortId);
    for (const column of columns) query = query.where(column as 'cohort_id', '=', (row as unknown as Record<string, string>)[column]!);
    await query.execute();
  }
}

async function insertRows<T extends Leaf>(trx: Trx, table: T, rows: readonly CohortRows[T][number][]): Promise<void> {
  if (rows.length > 0) await trx.insertInto(table).values(rows as CohortRows[Leaf][number][] as never).execute();
}

const LEAVES: readonly Leaf[] = ['rsvps', 'presentations', 'slot_bookings', 'registrations', 'advisors'];

/**
 * Writes only what differs from `before`, the cohort's rows as they stand in the database (read in
 * this transaction under its lock): an answer is one row, not the whole aggregate rewritten, so
 * the cohort's lock is held for a moment. The order is writeChildren's: leaves that go or change
 * first, then removed entities, released unique keys of the entities that change, upserts, leaves.
 */
export async function writeChanges(trx: Trx, changes: AllChanges, cohortId: string): Promise<void> {
  for (const leaf of LEAVES) await deleteRows(trx, leaf, cohortId, [...changes[leaf].removed, ...changes[leaf].changed]);
  await deleteRows(trx, 'participants', cohortId, changes.participants.removed);
  await deleteRows(trx, 'municipalities', cohortId, changes.municipalities.removed);
  await deleteRows(trx, 'meetings', cohortId, changes.meetings.removed);

  const renamedPeople = changes.participants.changed.map((p) => p.id);
  if (renamedPeople.length > 0) await trx.updateTable('participants').set({ email_key: null }).where('cohort_id', '=', cohortId).where('id', 'in', renamedPeople).execute();
  const renamedPlaces = changes.municipalities.changed.map((m) => m.id);
  if (renamedPlaces.length > 0) await trx.updateTable('municipalities').set({ name_key: null }).where('cohort_id', '=', cohortId).where('id', 'in', renamedPlaces).execute();

  await upsertMeetings(trx, [...changes.meetings.changed, ...changes.meetings.added]);
  await upsertMunicipalities(trx, [...changes.municipalities.changed, ...changes.municipalities.added]);
  await upsertParticipants(trx, [...changes.participants.changed, ...changes.participants.added]);
  for (const leaf of [...LEAVES].reverse()) await insertRows(trx, leaf, [...changes[leaf].changed, ...changes[leaf].added]);
}
