import type { Texts } from '../domain/errors';
import type { Instant } from '../domain/local-time';
import type { Executor } from '../store/schema';
import type { RemoteDetails } from './change';

export type DeliveryState = 'planned' | 'sent' | 'failed' | 'not_connected';

export interface ObjectStatus {
  objectKey: string;
  kind: string;
  label: Texts;
  state: DeliveryState;
  /** The service's own message for the last failed try, kept while it is still pending or failed. */
  reason: string | null;
  attempts: number;
  nextAttemptAt: Instant | null;
  /**
   * What the service reported at the last successful call (an event's web link, Teams join URL, a
   * warning): kept while a newer version is pending, since the object still exists as it was.
   */
  details: RemoteDetails | null;
}

export const DELIVERY_TEXTS: Record<DeliveryState, Texts> = {
  planned: { da: 'Planlagt', en: 'Planned' },
  sent: { da: 'Sendt', en: 'Sent' },
  failed: { da: 'Fejlet', en: 'Failed' },
  not_connected: { da: 'Ikke sendt – ikke forbundet til Microsoft 365', en: 'Not sent – not connected to Microsoft 365' },
};

/**
 * Per object of a cohort: sent (the newest version reached the service), failed (given up, with the
 * service's reason), not connected (nothing here can send it), or planned. Never "sent" on hope.
 */
export async function outboxStatus(db: Executor, cohortId: string, connectedKinds: readonly string[]): Promise<ObjectStatus[]> {
  const rows = await db
    .selectFrom('outbox_objects')
    .select(['object_key', 'kind', 'label', 'desired_version', 'sent_version', 'failed_at', 'last_error', 'attempts', 'next_attempt_at', 'remote_details'])
    .where('cohort_id', '=', cohortId)
    .orderBy('object_key')
    .execute();
  return rows.map((row) => {
    const state: DeliveryState =
      row.sent_version >= row.desired_version
        ? 'sent'
        : row.failed_at !== null
          ? 'failed'
          : connectedKinds.includes(row.kind)
            ? 'planned'
            : 'not_connected';
    return {
      objectKey: row.object_key,
      kind: row.kind,
      label: JSON.parse(row.label) as Texts,
      state,
      reason: state === 'sent' ? null : row.last_error,
      attempts: row.attempts,
      nextAttemptAt: state === 'planned' ? (row.next_attempt_at as Instant) : null,
      details: row.remote_details === null ? null : (JSON.parse(row.remote_details) as RemoteDetails),
    };
  });
}

/** An advisor's "try again" for the cohort's failed objects: fresh tries, from now. Returns how many. */
export async function retryFailed(db: Executor, cohortId: string, now: Instant): Promise<number> {
  const result = await db
    .updateTable('outbox_objects')
    .set({ failed_at: null, attempts: 0, next_attempt_at: now, updated_at: now })
    .where('cohort_id', '=', cohortId)
    .where('failed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
