import { erased } from '../domain/cohort-rules';
import { DomainError } from '../domain/errors';
import { signRsvpLink, type SignDeps } from '../links/issue-link';
import { recordDesired } from '../outbox/record-desired';
import { hasPerson, MAIL_KIND, rsvpMailObjectKey, rsvpMailState } from '../reach/rsvp-mail';
import { inTransaction } from '../store/transaction';
import { plenaryByKey } from './calendar-commands';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';
import { cohortReach, type ReachDeps } from './plan-reach';

export interface InviteDeps extends ReachDeps {
  clock: Clock;
  /** LINK_SECRET (or local mode's generated one) and PUBLIC_URL. */
  links: Omit<SignDeps, 'clock'>;
}

export interface InviteRecorded {
  /** The organiser's mailbox the mails go from. */
  organizer: string;
  /** The mails recorded now, each with a fresh signed link. */
  objectKeys: string[];
  /** Mails of this meeting's version recorded before (sent, or on their way): not recorded again. */
  alreadyRecorded: number;
}

export interface MailsDelivered {
  sent: number;
  waiting: number;
  failed: { objectKey: string; reason: string }[];
}

/**
 * Records one RSVP mail per participant the product reaches by e-mail only (in local mode: every
 * participant, none being reachable in Teams), each with a signed link valid until the meeting
 * starts, sent from the cohort's organiser (its booking's, else ORGANIZER_MAILBOX). A mail
 * recorded before for the same version of the meeting is left alone unless it failed for good, so
 * running the command again sends nothing twice; a moved meeting gets new mails.
 */
export async function recordRsvpMails(deps: InviteDeps, cohortId: string, meetingKey: string, configuredOrganizer: string | null): Promise<InviteRecorded> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  if (cohort.erasedAt) throw erased();
  const meeting = plenaryByKey(cohort, meetingKey);
  if (meeting.cancelled) throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  const organizer = cohort.booking?.organizer ?? configuredOrganizer;
  if (organizer === null) {
    throw new DomainError('invalid_mailbox', {
      da: 'Ingen arrangørpostkasse at sende fra: book forløbet (book ID --organizer POSTKASSE) eller sæt ORGANIZER_MAILBOX.',
      en: 'No organiser mailbox to send from: book the cohort (book ID --organizer MAILBOX) or set ORGANIZER_MAILBOX.',
    }, 'organizer');
  }
  const emailOnly = new Set(
    (await cohortReach(deps, cohortId)).filter((r) => r.state === 'email' || r.state === 'not_connected').map((r) => r.participantId),
  );
  const participants = cohort.municipalities.flatMap((m) => m.participants).filter(hasPerson).filter((p) => emailOnly.has(p.id));
  const keys = participants.map((p) => rsvpMailObjectKey(cohort.id, meeting.key, p.id, meeting.version));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const rows = keys.length === 0 ? [] : await trx.selectFrom('outbox_objects').select(['object_key', 'failed_at']).where('object_key', 'in', keys).execute();
    const known = new Map(rows.map((r) => [r.object_key, r]));
    const recorded: string[] = [];
    for (const [i, participant] of participants.entries()) {
      const objectKey = keys[i]!;
      const before = known.get(objectKey);
      if (before !== undefined && before.failed_at === null) continue;
      const link = signRsvpLink({ ...deps.links, clock: deps.clock }, cohort, participant, meeting, null);
      await recordDesired(trx, {
        objectKey,
        cohortId: cohort.id,
        kind: MAIL_KIND,
        target: organizer,
        label: { da: `Tilmeldingsmail til ${participant.person.name} om ${meeting.title.da}`, en: `RSVP mail to ${participant.person.name} about ${meeting.title.en}` },
        state: rsvpMailState(cohort, meeting, participant.person, objectKey, link.url),
      }, now);
      recorded.push(objectKey);
    }
    return { organizer, objectKeys: recorded, alreadyRecorded: participants.length - recorded.length };
  });
}

/** How the mails recorded went: sent, still waiting (or not connected), failed for good with the reason. */
export async function mailsDelivered(deps: Pick<InviteDeps, 'db'>, objectKeys: readonly string[]): Promise<MailsDelivered> {
  if (objectKeys.length === 0) return { sent: 0, waiting: 0, failed: [] };
  const rows = await deps.db
    .selectFrom('outbox_objects')
    .select(['object_key', 'desired_version', 'sent_version', 'failed_at', 'last_error'])
    .where('object_key', 'in', [...objectKeys])
    .orderBy('object_key')
    .execute();
  const sent = rows.filter((r) => r.sent_version >= r.desired_version).length;
  const failed = rows.filter((r) => r.sent_version < r.desired_version && r.failed_at !== null).map((r) => ({ objectKey: r.object_key, reason: r.last_error ?? '' }));
  return { sent, waiting: rows.length - sent - failed.length, failed };
}
