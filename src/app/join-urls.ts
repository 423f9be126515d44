import { eventObjectKey } from '../calendar/plan-events';
import type { Cohort } from '../domain/cohort';
import type { RemoteDetails } from '../outbox/change';
import type { Executor } from '../store/schema';

/**
 * The Teams join link of each plenary with one, by meeting id, as Graph reported it when the
 * meeting's current event was made. A card asks for it on every click, so this reads only the
 * cohort's event rows, not its whole outbox.
 */
export async function joinUrls(db: Executor, cohort: Cohort): Promise<Map<string, string>> {
  const keys = new Map(cohort.meetings.flatMap((m) => (m.kind === 'plenary' ? [[eventObjectKey(cohort, m, m.generation), m.id] as const] : [])));
  if (keys.size === 0) return new Map();
  const rows = await db.selectFrom('outbox_objects').select(['object_key', 'remote_details']).where('object_key', 'in', [...keys.keys()]).execute();
  return new Map(
    rows.flatMap((row) => {
      const url = row.remote_details === null ? undefined : (JSON.parse(row.remote_details) as RemoteDetails).fields.joinUrl;
      const meetingId = keys.get(row.object_key);
      return url && meetingId ? [[meetingId, url] as const] : [];
    }),
  );
}
