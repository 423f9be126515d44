import type { DeliveryDeps } from '../../app/cohort-delivery';
import { joinUrls } from '../../app/join-urls';
import { seriesStatus, type MeetingDelivery } from '../../app/series-status';
import type { Cohort, PlenaryMeeting } from '../../domain/cohort';
import { addMinutes } from '../../domain/local-time';
import { reminderKindsOf } from '../../domain/reminders';
import type { PlenaryView } from './response-schemas';

/** A plenary as advisors see it: its time, form and place, its Teams link and where its Outlook event stands. */
export function plenaryView(meeting: PlenaryMeeting, joinUrl: string | null, delivery: MeetingDelivery | undefined): PlenaryView {
  const { start, durationMinutes } = meeting.schedule;
  return {
    id: meeting.id,
    key: meeting.key,
    kind: 'plenary',
    title: meeting.title,
    themes: meeting.themes,
    version: meeting.version,
    start,
    end: addMinutes(start, durationMinutes),
    form: meeting.form,
    place: meeting.form === 'physical' && meeting.place.trim() !== '' ? meeting.place : null,
    presentations: meeting.presentations,
    cancelled: meeting.cancelled,
    reminderKinds: reminderKindsOf(meeting),
    joinUrl,
    delivery: {
      state: delivery?.state ?? 'not_booked',
      reason: delivery?.reason ?? null,
      webLink: delivery?.webLink ?? null,
      warning: delivery?.warning ?? null,
    },
  };
}

/** A plenary just changed, as advisors see it now: what a change answers with. */
export async function changedPlenaryView(deps: DeliveryDeps, cohort: Cohort, meeting: PlenaryMeeting): Promise<PlenaryView> {
  const series = await seriesStatus(deps, cohort.id);
  return plenaryView(meeting, (await joinUrls(deps.db, cohort)).get(meeting.id) ?? null, series.find((s) => s.key === meeting.key));
}
