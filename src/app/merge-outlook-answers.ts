import { CALENDAR_EVENT_KIND } from '../calendar/event-state';
import { mergeOutlookAnswers as mergeInto, type AnswersTally, type MeetingRead } from '../calendar/outlook-answers';
import { OutlookUnreadable, type EventResponses, type OutlookResponses } from '../calendar/outlook-responses';
import { eventObjectKey } from '../calendar/plan-events';
import type { Cohort } from '../domain/cohort';
import { erased } from '../domain/cohort-rules';
import { DomainError, isDomainError } from '../domain/errors';
import { cohortRepository } from '../store/cohort-repository';
import { changeCohort, type ChangeDeps } from './change-cohort';
import { loadCohort } from './load-cohort';

export interface MergeDeps extends ChangeDeps {
  responses: OutlookResponses;
}

export interface CohortAnswers extends AnswersTally {
  cohortId: string;
  name: string;
}

export interface MergeReport {
  merged: CohortAnswers[];
  /** Changed by someone else while Outlook was read: merged in the next round. */
  changedMeanwhile: string[];
  /** Calendars that could not be read this round, why, and whose answers wait for the next. */
  unread: { mailbox: string; reason: string; cohortIds: string[] }[];
}

/** A sent event of a plenary's current booking: where it lives and what Graph calls it. */
interface SentEvent {
  cohortId: string;
  meetingId: string;
  objectKey: string;
  mailbox: string;
  eventId: string;
}

/** The cohorts' sent plenary events, only those of each meeting's current generation; cancelled meetings have none to read. */
async function sentEvents(deps: ChangeDeps, cohorts: readonly Cohort[]): Promise<SentEvent[]> {
  if (cohorts.length === 0) return [];
  const rows = await deps.db
    .selectFrom('outbox_objects')
    .select(['object_key', 'target', 'remote_id'])
    .where('kind', '=', CALENDAR_EVENT_KIND)
    .where('remote_id', 'is not', null)
    .where('cohort_id', 'in', cohorts.map((c) => c.id))
    .execute();
  const sent = new Map(rows.map((r) => [r.object_key, r]));
  return cohorts.flatMap((cohort) =>
    cohort.meetings.flatMap((meeting) => {
      if (meeting.kind !== 'plenary' || meeting.cancelled) return [];
      const objectKey = eventObjectKey(cohort, meeting, meeting.generation);
      const row = sent.get(objectKey);
      return row?.remote_id ? [{ cohortId: cohort.id, meetingId: meeting.id, objectKey, mailbox: row.target, eventId: row.remote_id }] : [];
    }),
  );
}

/** Each organiser's calendar read once for all its cohorts; one that cannot be read holds back only its own cohorts. */
async function readAll(responses: OutlookResponses, events: readonly SentEvent[], report: MergeReport): Promise<Map<string, Map<string, EventResponses>>> {
  const byMailbox = new Map<string, SentEvent[]>();
  for (const event of events) byMailbox.set(event.mailbox, [...(byMailbox.get(event.mailbox) ?? []), event]);
  const read = new Map<string, Map<string, EventResponses>>();
  await Promise.all(
    [...byMailbox].map(async ([mailbox, of]) => {
      try {
        read.set(mailbox, await responses.read(mailbox, of.map((e) => e.eventId)));
      } catch (error) {
        if (!(error instanceof OutlookUnreadable)) throw error;
        report.unread.push({ mailbox, reason: error.message, cohortIds: [...new Set(of.map((e) => e.cohortId))] });
      }
    }),
  );
  return read;
}

/**
 * Merges the answers attendees gave in Outlook into the RSVPs of every booked cohort (or of one):
 * reads the sent events of each meeting's current booking from the organisers' calendars, then per
 * cohort applies them in one transaction through changeCohort, against the cohort as it is by then.
 * A cohort changed in between is left for the next round; nothing is saved when nothing changed.
 */
export async function mergeOutlookAnswers(deps: MergeDeps, onlyCohortId?: string): Promise<MergeReport> {
  const cohorts = onlyCohortId === undefined ? (await cohortRepository(deps.db, deps.clock).loadAll()).filter((c) => c.booking && !c.erasedAt) : [await bookedCohort(deps, onlyCohortId)];
  const report: MergeReport = { merged: [], changedMeanwhile: [], unread: [] };
  const events = await sentEvents(deps, cohorts);
  const read = await readAll(deps.responses, events, report);
  const unread = new Set(report.unread.flatMap((u) => u.cohortIds));
  for (const cohort of cohorts) {
    if (unread.has(cohort.id)) continue;
    const reads: MeetingRead[] = events
      .filter((e) => e.cohortId === cohort.id)
      .flatMap((e) => {
        const event = read.get(e.mailbox)?.get(e.eventId);
        return event ? [{ meetingId: e.meetingId, objectKey: e.objectKey, event }] : [];
      });
    const outcome: { tally: AnswersTally | null } = { tally: null };
    try {
      await changeCohort(deps, cohort.id, (current) => {
        const merged = mergeInto(current, reads);
        outcome.tally = merged.tally;
        return merged.cohort;
      });
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'concurrent_change') throw error;
      report.changedMeanwhile.push(cohort.id);
      continue;
    }
    if (outcome.tally) report.merged.push({ cohortId: cohort.id, name: cohort.name, ...outcome.tally });
  }
  return report;
}

async function bookedCohort(deps: ChangeDeps, id: string): Promise<Cohort> {
  const { cohort } = await loadCohort(cohortRepository(deps.db, deps.clock), id);
  if (cohort.erasedAt) throw erased();
  if (!cohort.booking) {
    throw new DomainError('not_booked', {
      da: `"${cohort.name}" er ikke booket i Outlook endnu; der er ingen svar at hente. Book det med npm run cohort -- book ${id}.`,
      en: `"${cohort.name}" is not booked in Outlook yet; there are no answers to read. Book it with npm run cohort -- book ${id}.`,
    });
  }
  return cohort;
}
