import type { Clock } from '../app/clock';
import { meetingByKey, plenaryByKey } from '../app/calendar-commands';
import { loadCohort } from '../app/load-cohort';
import type { Cohort, IndividualMeeting, Meeting, Participant, PlenaryMeeting } from '../domain/cohort';
import { erased } from '../domain/cohort-rules';
import { DomainError } from '../domain/errors';
import { addDays, instantOf, localDateTime, parseLocalTime, toInstant, type Instant } from '../domain/local-time';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import { newLinkId, signLink, type LinkPurpose } from './link-token';

export interface IssuedLink {
  url: string;
  linkId: string;
  expiresAt: Instant;
  participant: Participant;
  meeting: Meeting;
}

export interface IssueDeps {
  db: Executor;
  clock: Clock;
  secret: string;
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
}

const DAY_MS = 24 * 60 * 60_000;
const MIDNIGHT = parseLocalTime('00:00');

function participantByEmail(participants: readonly Participant[], email: string): Participant {
  const key = email.trim().toLowerCase();
  const found = participants.find((p) => p.person?.email.trim().toLowerCase() === key);
  if (!found) throw new DomainError('unknown_participant', { da: `Ingen deltager har e-mailadressen ${email}.`, en: `No participant has the e-mail address ${email}.` }, 'email');
  return found;
}

/** Until there is nothing left to do through the link: a plenary's start, or the end of a booking window's last day. */
function usefulUntil(meeting: Meeting): Instant {
  if (meeting.kind === 'plenary') return toInstant(meeting.schedule.start);
  const days = meeting.schedule.days;
  return toInstant(localDateTime(addDays(days[days.length - 1]!, 1), MIDNIGHT));
}

/** How long a link lives: `days` from now, or else as long as it is useful. */
function expiry(now: Instant, meeting: Meeting, days: number | null): Instant {
  if (days !== null) return instantOf(new Date(Date.parse(now) + days * DAY_MS));
  const until = usefulUntil(meeting);
  if (until <= now) {
    throw new DomainError('invalid_date', meeting.kind === 'plenary'
      ? { da: 'Mødet er allerede begyndt; angiv --days for et link, der gælder længere.', en: 'The meeting has already started; give --days for a link that lasts longer.' }
      : { da: 'Mødets sidste bookingdag er forbi; angiv --days for et link, der gælder længere.', en: "The meeting's last booking day is over; give --days for a link that lasts longer." }, 'days');
  }
  return until;
}

/** The signing half of the deps: what a link needs besides the cohort it names. */
export type SignDeps = Pick<IssueDeps, 'clock' | 'secret' | 'publicUrl'>;

/**
 * A signed link of `purpose` for one participant and one meeting of a cohort already loaded, valid
 * for `days` or else as long as it is useful: what `link` prints and the mails carry. The caller
 * has made sure the meeting fits the purpose (see `issueLink`).
 */
export function signLinkFor(deps: SignDeps, cohort: Cohort, participant: Participant, purpose: LinkPurpose, meeting: Meeting, days: number | null): IssuedLink {
  const expiresAt = expiry(deps.clock.now(), meeting, days);
  const linkId = newLinkId();
  const token = signLink(deps.secret, {
    v: 1,
    id: linkId,
    cohort: cohort.id,
    participant: participant.id,
    purpose,
    meeting: meeting.id,
    exp: Math.floor(Date.parse(expiresAt) / 1000),
  });
  return { url: `${deps.publicUrl}/l/${token}`, linkId, expiresAt, participant, meeting };
}

/** The RSVP link of an invitation mail. */
export function signRsvpLink(deps: SignDeps, cohort: Cohort, participant: Participant, meeting: PlenaryMeeting, days: number | null): IssuedLink {
  return signLinkFor(deps, cohort, participant, 'rsvp', meeting, days);
}

function openPlenary(cohort: Cohort, key: string): PlenaryMeeting {
  const meeting = plenaryByKey(cohort, key);
  if (meeting.cancelled) throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  return meeting;
}

function presentationPlenary(cohort: Cohort, key: string): PlenaryMeeting {
  const meeting = openPlenary(cohort, key);
  if (!meeting.presentations) {
    const keys = cohort.meetings.filter((m) => m.kind === 'plenary' && m.presentations).map((m) => m.key).join(', ');
    throw new DomainError('no_presentation_task', { da: `Der holdes ikke oplæg på "${key}"; vælg mellem ${keys}.`, en: `No presentations are given at "${key}"; choose from ${keys}.` }, 'meeting');
  }
  return meeting;
}

/** Only a leader contact books the municipality's individual meetings: a link for anyone else is not issued. */
function bookableMeeting(cohort: Cohort, key: string, participant: Participant): IndividualMeeting {
  const meeting = meetingByKey(cohort, key);
  if (meeting.kind === 'plenary') {
    const keys = cohort.meetings.filter((m) => m.kind !== 'plenary').map((m) => m.key).join(', ');
    throw new DomainError('not_an_individual_meeting', { da: `"${key}" er et fællesmøde; et bookinglink er til et individuelt møde: ${keys}.`, en: `"${key}" is a plenary meeting; a booking link is for an individual meeting: ${keys}.` }, 'meeting');
  }
  if (!participant.contact) {
    const name = participant.person?.name ?? participant.id;
    throw new DomainError('not_permitted', { da: `${name} er ikke tovholder for sin kommune; kun tovholdere kan booke kommunens møder.`, en: `${name} is not a lead contact of their municipality; only lead contacts can book its meetings.` }, 'email');
  }
  return meeting;
}

/** The meeting a link of each purpose is for, refused with the reason when it does not fit the purpose. */
const MEETING_FOR: Record<LinkPurpose, (cohort: Cohort, key: string, participant: Participant) => Meeting> = {
  rsvp: openPlenary,
  presentation: presentationPlenary,
  booking: bookableMeeting,
};

/** A signed link of `purpose` for one participant and one meeting, for advisors to send by hand. */
export async function issueLink(deps: IssueDeps, cohortId: string, email: string, meetingKey: string, purpose: LinkPurpose, days: number | null): Promise<IssuedLink> {
  const { cohort } = await loadCohort(cohortRepository(deps.db, deps.clock), cohortId);
  if (cohort.erasedAt) throw erased();
  const participant = participantByEmail(cohort.municipalities.flatMap((m) => m.participants), email);
  const meeting = MEETING_FOR[purpose](cohort, meetingKey, participant);
  return signLinkFor(deps, cohort, participant, purpose, meeting, days);
}
