import type { Transaction } from 'kysely';
import { systemClock, type Clock } from '../app/clock';
import type { Cohort } from '../domain/cohort';
import { DomainError } from '../domain/errors';
import { isPerson, type IdentityKeys } from '../domain/identity';
import { repeatedIdProblem, slotBookingProblem } from './cohort-integrity';
import { byName, readCohorts } from './cohort-reader';
import { summaryFrom, toRows, type CohortRows } from './cohort-rows';
import type { CohortStore, CohortSummary, StoredCohort } from './cohort-store';
import { cohortChanges, writeChanges } from './cohort-changes';
import { insertHead, updateHead, writeChildren } from './cohort-writer';
import { constraintError } from './constraint-errors';
import type { Database, Executor } from './schema';
import { inReadTransaction, inTransaction } from './transaction';

type Write = (trx: Transaction<Database>, rows: CohortRows) => Promise<StoredCohort>;

/** One transaction for the whole aggregate; a refused constraint comes out as the domain error it means. */
async function writing(executor: Executor, cohort: Cohort, write: Write): Promise<StoredCohort> {
  const problem = repeatedIdProblem(cohort) ?? slotBookingProblem(cohort);
  if (problem) throw problem;
  const rows = toRows(cohort);
  return inTransaction(executor, async (trx) => {
    try {
      return await write(trx, rows);
    } catch (error) {
      throw constraintError(error, cohort) ?? error;
    }
  });
}

async function refusedSave(trx: Transaction<Database>, cohortId: string): Promise<DomainError> {
  const exists = await trx.selectFrom('cohorts').select('id').where('id', '=', cohortId).executeTakeFirst();
  if (!exists) {
    return new DomainError('unknown_cohort', { da: 'Gruppeforløbet findes ikke.', en: 'No such cohort.' }, 'id');
  }
  return new DomainError('concurrent_change', {
    da: 'Gruppeforløbet er blevet ændret af en anden i mellemtiden. Hent det igen, og prøv en gang til.',
    en: 'The cohort was changed by someone else in the meantime. Reload it and try again.',
  });
}

async function listCohorts(db: Executor): Promise<CohortSummary[]> {
  const rows = await db
    .selectFrom('cohorts')
    .select((eb) => [
      'id',
      'name',
      'edition',
      'erased_at',
      eb
        .selectFrom('municipalities')
        .whereRef('municipalities.cohort_id', '=', 'cohorts.id')
        .select((c) => c.fn.countAll().as('n'))
        .as('municipalities'),
      eb
        .selectFrom('participants')
        .whereRef('participants.cohort_id', '=', 'cohorts.id')
        .select((c) => c.fn.countAll().as('n'))
        .as('participants'),
    ])
    .execute();
  return rows.map(summaryFrom).sort(byName);
}

/**
 * Participants are found by the address key the save keeps normalised or by their object id;
 * advisors, a handful per cohort, are compared by the domain's own rule.
 */
async function cohortIdsNaming(db: Executor, keys: IdentityKeys): Promise<string[]> {
  const { objectId, address } = keys;
  if (objectId === null && address === null) return [];
  const advisors = await db.selectFrom('advisors').select(['cohort_id', 'email', 'entra_object_id']).execute();
  const participants = await db
    .selectFrom('participants')
    .select('cohort_id')
    .where((eb) =>
      eb.or([
        ...(address === null ? [] : [eb('email_key', '=', address)]),
        ...(objectId === null ? [] : [eb(eb.fn('lower', [eb.fn('trim', ['entra_object_id'])]), '=', objectId)]),
      ]),
    )
    .execute();
  const ids = new Set(participants.map((p) => p.cohort_id));
  for (const a of advisors) if (isPerson({ email: a.email, entraObjectId: a.entra_object_id }, keys)) ids.add(a.cohort_id);
  return [...ids];
}

/**
 * The cohort store over `executor`: the root database (each write in its own transaction) or a
 * transaction a use-case opened (the writes join it). After a DomainError from a write inside a
 * caller's transaction, that transaction must be abandoned: PostgreSQL has already aborted it.
 */
export function cohortRepository(executor: Executor, clock: Clock = systemClock): CohortStore {
  return {
    list: () => listCohorts(executor),

    load: async (id) => (await inReadTransaction(executor, (trx) => readCohorts(trx, [id])))[0] ?? null,

    loadAll: async () => (await inReadTransaction(executor, (trx) => readCohorts(trx, null))).map((s) => s.cohort),

    loadNaming: async (keys) =>
      (
        await inReadTransaction(executor, async (trx) => {
          const ids = await cohortIdsNaming(trx, keys);
          return ids.length === 0 ? [] : readCohorts(trx, ids);
        })
      ).map((s) => s.cohort),

    create: (cohort) =>
      writing(executor, cohort, async (trx, rows) => {
        await insertHead(trx, rows, clock.now());
        await writeChildren(trx, rows);
        return { cohort, revision: 1 };
      }),

    save: (cohort, expectedRevision, previous) =>
      writing(executor, cohort, async (trx, rows) => {
        if (!(await updateHead(trx, rows, expectedRevision))) throw await refusedSave(trx, cohort.id);
        // The revision matched, so the rows stored are `previous`'s: nobody has saved since it was read.
        const changes = previous === undefined ? null : cohortChanges(toRows(previous), rows);
        if (changes) await writeChanges(trx, changes, cohort.id);
        else await writeChildren(trx, rows);
        return { cohort, revision: expectedRevision + 1 };
      }),
  };
}
