import { CALENDAR_EVENT_KIND } from '../calendar/event-state';
import { plannedEvents } from '../calendar/plan-events';
import { plannedSlotEvents } from '../calendar/plan-slot-events';
import type { Cohort } from '../domain/cohort';
import type { Instant } from '../domain/local-time';
import { recordDesired } from '../outbox/record-desired';
import type { Executor } from '../store/schema';

/**
 * Brings the outbox's events in line with the cohort, in the caller's transaction: a new version
 * only for an event whose state really changed, and nothing for a meeting cancelled before it was
 * ever booked. Returns how many events got a new version.
 */
export async function recordCalendar(trx: Executor, cohort: Cohort, now: Instant): Promise<number> {
  const planned = [...plannedEvents(cohort), ...plannedSlotEvents(cohort)];
  if (planned.length === 0) return 0;
  const rows = await trx
    .selectFrom('outbox_objects')
    .select(['object_key', 'desired_state'])
    .where('cohort_id', '=', cohort.id)
    .where('kind', '=', CALENDAR_EVENT_KIND)
    .execute();
  const recorded = new Map(rows.map((r) => [r.object_key, r.desired_state]));
  let changed = 0;
  for (const event of planned) {
    const state = event.state === null ? null : JSON.stringify(event.state);
    const known = recorded.has(event.objectKey);
    if ((!known && state === null) || (known && recorded.get(event.objectKey) === state)) continue;
    await recordDesired(trx, event, now);
    changed += 1;
  }
  return changed;
}
