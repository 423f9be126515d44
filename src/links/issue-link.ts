import type { Clock } from '../app/clock';
import { plenaryByKey } from '../app/calendar-commands';
import { loadCohort } from '../app/load-cohort';
import type { Cohort, Participant, PlenaryMeeting } from '../domain/cohort';
import { erased } from '../domain/cohort-rules';
import { DomainError } from '../domain/errors';
import { instantOf, toInstant, type Instant } from '../domain/local-time';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import { newLinkId, signLink } from './link-token';

export interface IssuedLink {
  url: string;
  linkId: string;
  expiresAt: Instant;
  participant: Participant;
  meeting: PlenaryMeeting;
}

export interface IssueDeps {
  db: Executor;
  clock: Clock;
  secret: string;
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
}

const DAY_MS = 24 * 60 * 60_000;

function participantByEmail(participants: readonly Participant[], email: string): Participant {
  const key = email.trim().toLowerCase();
  const found = participants.find((p) => p.person?.email.trim().toLowerCase() === key);
  if (!found) throw new DomainError('unknown_participant', { da: `Ingen deltager har e-mailadressen ${email}.`, en: `No participant has the e-mail address ${email}.` }, 'email');
  return found;
}

/** How long a link lives: `days` from now, or else until the meeting starts (answering later is pointless). */
function expiry(now: Instant, meeting: PlenaryMeeting, days: number | null): Instant {
  if (days !== null) return instantOf(new Date(Date.parse(now) + days * DAY_MS));
  const start = toInstant(meeting.schedule.start);
  if (start <= now) {
    throw new DomainError('invalid_date', { da: 'Mødet er allerede begyndt; angiv --days for et link, der gælder længere.', en: 'The meeting has already started; give --days for a link that lasts longer.' }, 'days');
  }
  return start;
}

/** The signing half of the deps: what a link needs besides the cohort it names. */
export type SignDeps = Pick<IssueDeps, 'clock' | 'secret' | 'publicUrl'>;

/**
 * A signed RSVP link for one participant and one plenary of a cohort already loaded, valid for
 * `days` or else until the meeting starts: what `link` prints and the RSVP mails carry.
 */
export function signRsvpLink(deps: SignDeps, cohort: Cohort, participant: Participant, meeting: PlenaryMeeting, days: number | null): IssuedLink {
  const expiresAt = expiry(deps.clock.now(), meeting, days);
  const linkId = newLinkId();
  const token = signLink(deps.secret, {
    v: 1,
    id: linkId,
    cohort: cohort.id,
    participant: participant.id,
    purpose: 'rsvp',
    meeting: meeting.id,
    exp: Math.floor(Date.parse(expiresAt) / 1000),
  });
  return { url: `${deps.publicUrl}/l/${token}`, linkId, expiresAt, participant, meeting };
}

/** A signed RSVP link for one participant and one plenary, for advisors to send by hand. */
export async function issueRsvpLink(deps: IssueDeps, cohortId: string, email: string, meetingKey: string, days: number | null): Promise<IssuedLink> {
  const { cohort } = await loadCohort(cohortRepository(deps.db, deps.clock), cohortId);
  if (cohort.erasedAt) throw erased();
  const meeting = plenaryByKey(cohort, meetingKey);
  if (meeting.cancelled) throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  const participant = participantByEmail(cohort.municipalities.flatMap((m) => m.participants), email);
  return signRsvpLink(deps, cohort, participant, meeting, days);
}
