import type { Clock } from '../app/clock';
import { refreshBusyTimes } from '../app/refresh-busy-times';
import type { OutlookSchedules } from '../calendar/outlook-schedules';
import type { Executor } from '../store/schema';
import type { Log } from './log';
import type { PeriodicTask } from './periodic';

/**
 * As often as Outlook's answers are read: a meeting an advisor accepts shows as busy within the
 * quarter, and a lookup of a few advisors every quarter costs their mailboxes next to nothing.
 */
export const BUSY_EVERY_MS = 15 * 60_000;

/** The advisors' busy time read from Outlook every quarter of an hour; calendars that could not be read are logged. */
export function busyTask(deps: { db: Executor; clock: Clock; schedules: OutlookSchedules; organizer: string | null }, log: Log): PeriodicTask {
  return {
    name: 'Optaget tid fra Outlook / busy time from Outlook',
    everyMs: BUSY_EVERY_MS,
    run: async () => {
      const report = await refreshBusyTimes(deps);
      for (const cohort of report.read) {
        log.debug(`Optaget tid fra Outlook / busy time from Outlook: ${cohort.cohortId}: ${cohort.mailboxes} kalendere / calendars, ${cohort.blocks} optagne tider / busy blocks`);
      }
      for (const unread of report.unread) {
        log.warn(`Optaget tid fra Outlook kunne ikke læses / busy time from Outlook could not be read: ${unread.mailbox} (${unread.cohortId}): ${unread.reason}`);
      }
    },
  };
}
