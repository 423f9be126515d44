import { eventObjectKey } from '../calendar/plan-events';
import type { Texts } from '../domain/errors';
import type { LocalDateTime } from '../domain/local-time';
import { outboxStatus, type DeliveryState } from '../outbox/outbox-status';
import type { DeliveryDeps } from './cohort-delivery';
import { loadCohort } from './load-cohort';

export interface MeetingDelivery {
  key: string;
  title: Texts;
  start: LocalDateTime;
  cancelled: boolean;
  /** Where its Outlook event stands; `not_booked` before the series is booked. */
  state: DeliveryState | 'not_booked';
  reason: string | null;
  webLink: string | null;
  joinUrl: string | null;
  /** Sent, but not as asked: a Teams meeting that got no join link. */
  warning: Texts | null;
}

/** Per plenary of the cohort: its Outlook event's state, its links, and what went wrong if anything did. */
export async function seriesStatus(deps: DeliveryDeps, cohortId: string): Promise<MeetingDelivery[]> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  const objects = new Map((await outboxStatus(deps.db, cohortId, deps.connectedKinds)).map((o) => [o.objectKey, o]));
  return cohort.meetings.flatMap((meeting) => {
    if (meeting.kind !== 'plenary') return [];
    const object = objects.get(eventObjectKey(cohort, meeting, meeting.generation));
    const fields = object?.details?.fields ?? {};
    return [
      {
        key: meeting.key,
        title: meeting.title,
        start: meeting.schedule.start,
        cancelled: meeting.cancelled,
        state: object?.state ?? 'not_booked',
        reason: object?.reason ?? null,
        webLink: fields.webLink ?? null,
        joinUrl: fields.joinUrl ?? null,
        warning: object?.details?.warning ?? null,
      },
    ];
  });
}
