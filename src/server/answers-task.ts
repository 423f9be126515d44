import type { Clock } from '../app/clock';
import { mergeOutlookAnswers } from '../app/merge-outlook-answers';
import type { OutlookResponses } from '../calendar/outlook-responses';
import type { Executor } from '../store/schema';
import type { Log } from './log';
import type { PeriodicTask } from './periodic';

/**
 * Often enough that the advisors' head-counts follow what people answer in Outlook within the
 * hour, rarely enough that reading every booked event costs the mailboxes next to nothing.
 */
export const ANSWERS_EVERY_MS = 15 * 60_000;

/** Outlook's answers merged into the RSVPs every quarter of an hour; what was merged or held back is logged. */
export function answersTask(deps: { db: Executor; clock: Clock; responses: OutlookResponses }, log: Log): PeriodicTask {
  return {
    name: 'Svar fra Outlook / answers from Outlook',
    everyMs: ANSWERS_EVERY_MS,
    run: async () => {
      const report = await mergeOutlookAnswers(deps);
      for (const cohort of report.merged) {
        if (cohort.recorded.length > 0) log.info(`Svar fra Outlook / answers from Outlook: ${cohort.cohortId}: ${cohort.recorded.length} nye / new`);
      }
      for (const unread of report.unread) {
        log.warn(`Svar fra Outlook kunne ikke læses / answers from Outlook could not be read: ${unread.mailbox} (${unread.cohortIds.join(', ')}): ${unread.reason}`);
      }
      if (report.changedMeanwhile.length > 0) {
        log.info(`Svar fra Outlook venter til næste runde / answers from Outlook wait for the next round: ${report.changedMeanwhile.join(', ')}`);
      }
    },
  };
}
