import type { Transaction } from 'kysely';
import type { MailboxSchedule } from '../calendar/outlook-schedules';
import type { Instant, LocalDateTime } from '../domain/local-time';
import type { Database, Executor } from './schema';
import { inTransaction } from './transaction';

/** A busy block of one advisor, Copenhagen wall-clock time. */
export interface BusyTime {
  start: LocalDateTime;
  end: LocalDateTime;
  mailbox: string;
}

/** When an advisor's calendar was last read for a cohort, and why the last try failed if it did. */
export interface BusyFreshness {
  mailbox: string;
  /** The last successful read, whose blocks busyTimes returns; null while none has succeeded. */
  fetchedAt: Instant | null;
  attemptedAt: Instant;
  error: string | null;
}

/** Rows per insert: well inside SQLite's and PostgreSQL's limits on bound values, however busy a calendar is. */
const ROWS_PER_INSERT = 500;

async function replaceBlocks(trx: Transaction<Database>, cohortId: string, mailbox: string, schedule: Extract<MailboxSchedule, { ok: true }>): Promise<void> {
  await trx.deleteFrom('busy_times').where('cohort_id', '=', cohortId).where('mailbox', '=', mailbox).execute();
  const rows = schedule.busy.map((b) => ({ cohort_id: cohortId, mailbox, start: b.start, end: b.end }));
  for (let first = 0; first < rows.length; first += ROWS_PER_INSERT) await trx.insertInto('busy_times').values(rows.slice(first, first + ROWS_PER_INSERT)).execute();
}

async function recordRead(trx: Transaction<Database>, cohortId: string, mailbox: string, schedule: MailboxSchedule, at: Instant): Promise<void> {
  const outcome = schedule.ok ? { fetched_at: at, attempted_at: at, error: null } : { attempted_at: at, error: schedule.reason };
  await trx
    .insertInto('busy_reads')
    .values({ cohort_id: cohortId, mailbox, fetched_at: null, ...outcome })
    .onConflict((oc) => oc.columns(['cohort_id', 'mailbox']).doUpdateSet(outcome))
    .execute();
}

/**
 * One read of a cohort's advisors, in one transaction: each mailbox read well has its blocks
 * replaced (so a block cancelled in Outlook disappears); one that failed keeps its last good blocks
 * and gets the reason. Mailboxes not in `reads` — advisors no longer in the cohort — are forgotten.
 * Keys of `reads` are the mailboxes in lower case.
 */
export async function recordBusyTimes(db: Executor, cohortId: string, reads: ReadonlyMap<string, MailboxSchedule>, at: Instant): Promise<void> {
  const mailboxes = [...reads.keys()];
  await inTransaction(db, async (trx) => {
    for (const table of ['busy_times', 'busy_reads'] as const) {
      const stale = trx.deleteFrom(table).where('cohort_id', '=', cohortId);
      await (mailboxes.length > 0 ? stale.where('mailbox', 'not in', mailboxes) : stale).execute();
    }
    for (const [mailbox, schedule] of reads) {
      if (schedule.ok) await replaceBlocks(trx, cohortId, mailbox, schedule);
      await recordRead(trx, cohortId, mailbox, schedule, at);
    }
  });
}

/** Drops a cohort's busy time: no window of it lies ahead, or it was erased, and calendar data is kept no longer than needed. */
export async function forgetBusyTimes(db: Executor, cohortId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('busy_times').where('cohort_id', '=', cohortId).execute();
    await trx.deleteFrom('busy_reads').where('cohort_id', '=', cohortId).execute();
  });
}

/** The advisors' busy blocks for a cohort's slot booking, by start; read from the database only, never from Graph. */
export async function busyTimes(db: Executor, cohortId: string): Promise<BusyTime[]> {
  const rows = await db.selectFrom('busy_times').select(['mailbox', 'start', 'end']).where('cohort_id', '=', cohortId).orderBy('start').orderBy('mailbox').execute();
  return rows.map((r) => ({ start: r.start as LocalDateTime, end: r.end as LocalDateTime, mailbox: r.mailbox }));
}

/** When each advisor's calendar was last read for the cohort, and the error if the last read failed; by mailbox. */
export async function busyFreshness(db: Executor, cohortId: string): Promise<BusyFreshness[]> {
  const rows = await db.selectFrom('busy_reads').selectAll().where('cohort_id', '=', cohortId).orderBy('mailbox').execute();
  return rows.map((r) => ({ mailbox: r.mailbox, fetchedAt: r.fetched_at as Instant | null, attemptedAt: r.attempted_at as Instant, error: r.error }));
}
