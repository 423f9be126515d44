import { busyRanges } from '../calendar/busy-ranges';
import { OutlookUnreadable } from '../calendar/outlook-responses';
import { mailboxKey, type MailboxSchedule, type OutlookSchedules } from '../calendar/outlook-schedules';
import type { Cohort } from '../domain/cohort';
import { dateOf, toLocal } from '../domain/local-time';
import { forgetBusyTimes, recordBusyTimes } from '../store/busy-times';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import type { Clock } from './clock';

export interface RefreshBusyDeps {
  db: Executor;
  clock: Clock;
  schedules: OutlookSchedules;
  /** ORGANIZER_MAILBOX: the calendar lookups go through for a cohort not booked yet; null when unset. */
  organizer: string | null;
}

export interface BusyReport {
  /** Cohorts whose advisors' calendars were read, with how many blocks were kept. */
  read: { cohortId: string; mailboxes: number; blocks: number }[];
  /** Advisors whose calendars could not be read this round, and why; their last good blocks stand. */
  unread: { cohortId: string; mailbox: string; reason: string }[];
}

/**
 * The calendar the lookup goes through. The organiser's is the one the tenant's Exchange RBAC
 * scope (or access policy) is sure to let the app into; an advisor's own is the last resort.
 */
function viaOf(cohort: Cohort, organizer: string | null): string {
  return cohort.booking?.organizer ?? organizer ?? cohort.advisors[0]!.email;
}

async function readCohort(deps: RefreshBusyDeps, cohort: Cohort, report: BusyReport): Promise<void> {
  const today = dateOf(toLocal(deps.clock.now()));
  const ranges = busyRanges(cohort, today);
  if (cohort.erasedAt || cohort.advisors.length === 0 || ranges.length === 0) {
    await forgetBusyTimes(deps.db, cohort.id);
    return;
  }
  const mailboxes = cohort.advisors.map((a) => a.email);
  let reads: Map<string, MailboxSchedule>;
  try {
    reads = await deps.schedules.read(viaOf(cohort, deps.organizer), mailboxes, ranges);
  } catch (error) {
    if (!(error instanceof OutlookUnreadable)) throw error;
    reads = new Map(mailboxes.map((m) => [mailboxKey(m), { ok: false, reason: error.message }]));
  }
  await recordBusyTimes(deps.db, cohort.id, reads, deps.clock.now());
  let read = 0;
  let blocks = 0;
  for (const [mailbox, schedule] of reads) {
    if (!schedule.ok) report.unread.push({ cohortId: cohort.id, mailbox, reason: schedule.reason });
    else {
      read++;
      blocks += schedule.busy.length;
    }
  }
  if (read > 0) report.read.push({ cohortId: cohort.id, mailboxes: read, blocks });
}

/**
 * Reads the advisors' busy time from Outlook ahead of time and keeps it in the database, where slot
 * booking finds it without waiting for Graph (a card action must answer at once). For every
 * cohort not erased, with advisors and an individual meeting's window still to come: the days of
 * those windows, replaced per advisor on each successful read. Cohorts one after the other, so
 * Outlook sees one lookup at a time; a cohort with nothing ahead has its busy time dropped.
 */
export async function refreshBusyTimes(deps: RefreshBusyDeps): Promise<BusyReport> {
  const report: BusyReport = { read: [], unread: [] };
  for (const cohort of await cohortRepository(deps.db, deps.clock).loadAll()) await readCohort(deps, cohort, report);
  return report;
}
