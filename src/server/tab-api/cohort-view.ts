import { municipalityTag } from '../../app/municipality-tag';
import type { MeetingDelivery } from '../../app/series-status';
import type { Cohort, Municipality } from '../../domain/cohort';
import { presentationTasks } from '../../domain/presentations';
import { reminderKindsOf } from '../../domain/reminders';
import { plenaryView } from './plenary-view';
import type { CohortResponse, MunicipalityView } from './response-schemas';

/** A municipality with its people; someone erased has no name or address left to show. */
export function municipalityView(m: Municipality): MunicipalityView {
  return {
    id: m.id,
    name: m.name,
    version: municipalityTag(m),
    registration: m.registration,
    participants: m.participants.flatMap((p) =>
      p.person ? [{ id: p.id, name: p.person.name, email: p.person.email, phone: p.person.phone, role: p.role, contact: p.contact }] : [],
    ),
  };
}

/**
 * The whole cohort for its advisors: meetings, municipalities with their people, bookings and
 * presentations. Dietary notes are not here: they belong to the catering list alone.
 */
export function cohortView(cohort: Cohort, joinUrls: ReadonlyMap<string, string>, series: readonly MeetingDelivery[]): CohortResponse {
  const delivery = new Map(series.map((d) => [d.key, d]));
  return {
    id: cohort.id,
    name: cohort.name,
    edition: cohort.edition,
    booking: cohort.booking,
    advisors: cohort.advisors.map((a) => ({ id: a.id, name: a.name, title: a.title, email: a.email, phone: a.phone })),
    meetings: cohort.meetings.map((m) =>
      m.kind === 'plenary'
        ? plenaryView(m, joinUrls.get(m.id) ?? null, delivery.get(m.key))
        : { id: m.id, key: m.key, kind: m.kind, title: m.title, themes: m.themes, version: m.version, form: m.form, ...m.schedule, reminderKinds: reminderKindsOf(m) },
    ),
    municipalities: cohort.municipalities.map(municipalityView),
    slotBookings: cohort.slotBookings.map((b) => ({ meetingId: b.meetingId, municipalityId: b.municipalityId, start: b.start, phone: b.phone, cancelled: b.cancelled, version: b.version })),
    presentations: presentationTasks(cohort),
  };
}
