import type { Clock } from '../app/clock';
import type { Cohort, IndividualMeeting, Meeting, Municipality, Participant, Person, PlenaryMeeting } from '../domain/cohort';
import type { Identity } from '../domain/identity';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import { isRevoked } from './link-revocations';
import { decodeLink, type LinkPayload, type LinkPurpose, type TokenRefusal } from './link-token';

export interface LinkDeps {
  db: Executor;
  clock: Clock;
  secret: string;
}

/** A link that checked out: its cohort as stored now, and the one person (with their municipality) and meeting it names. */
interface Named {
  payload: LinkPayload;
  cohort: Cohort;
  participant: Participant & { person: Person };
  municipality: Municipality;
}

export type RsvpLink = Named & { purpose: 'rsvp'; meeting: PlenaryMeeting };
export type PresentationLink = Named & { purpose: 'presentation'; meeting: PlenaryMeeting };
export type BookingLink = Named & { purpose: 'booking'; meeting: IndividualMeeting };
export type OpenedLink = RsvpLink | PresentationLink | BookingLink;
export type LinkFor<P extends LinkPurpose> = Extract<OpenedLink, { purpose: P }>;

export type LinkRefusal =
  | TokenRefusal
  | 'expired'
  | 'wrong_purpose'
  | 'revoked'
  | 'unknown_cohort'
  | 'cohort_erased'
  | 'unknown_participant'
  | 'unknown_meeting'
  | 'not_a_leader';

export type Refused = { ok: false; reason: LinkRefusal; linkId: string | null };
export type Opened<P extends LinkPurpose> = { ok: true; link: LinkFor<P> } | Refused;

function hasPerson(p: Participant): p is Participant & { person: Person } {
  return p.person !== null;
}

/** A plenary for an answer or a presentation, an individual meeting for a booking; any other pairing is no link we signed. */
function withMeeting(named: Named, purpose: LinkPurpose, meeting: Meeting): OpenedLink | null {
  if (purpose === 'booking') return meeting.kind === 'plenary' ? null : { ...named, purpose, meeting };
  return meeting.kind === 'plenary' ? { ...named, purpose, meeting } : null;
}

function isFor<P extends LinkPurpose>(link: OpenedLink, purposes: readonly P[]): link is LinkFor<P> {
  return (purposes as readonly LinkPurpose[]).includes(link.purpose);
}

/**
 * Every check a link must pass before anything is shown or changed, one of `purposes` among them:
 * a form posted to a link of another purpose (an RSVP link used to book) is refused like a forged
 * one. The reason of a refusal is for the server's log; the edge shows every refusal the same
 * way, so a visitor learns nothing from it.
 */
export async function openLink<P extends LinkPurpose>(deps: LinkDeps, token: string, purposes: readonly P[]): Promise<Opened<P>> {
  const decoded = decodeLink(deps.secret, token);
  if (!decoded.ok) return { ok: false, reason: decoded.reason, linkId: null };
  const payload = decoded.payload;
  const refuse = (reason: LinkRefusal): Refused => ({ ok: false, reason, linkId: payload.id });
  if (Date.parse(deps.clock.now()) >= payload.exp * 1000) return refuse('expired');
  if (await isRevoked(deps.db, payload.id)) return refuse('revoked');
  const stored = await cohortRepository(deps.db, deps.clock).load(payload.cohort);
  if (!stored) return refuse('unknown_cohort');
  const cohort = stored.cohort;
  if (cohort.erasedAt) return refuse('cohort_erased');
  const municipality = cohort.municipalities.find((m) => m.participants.some((p) => p.id === payload.participant));
  const participant = municipality?.participants.find((p) => p.id === payload.participant);
  if (!municipality || !participant || !hasPerson(participant)) return refuse('unknown_participant');
  // Booking is for leader contacts only: a link naming anyone else was never issued, or its person is no longer one.
  if (payload.purpose === 'booking' && !participant.contact) return refuse('not_a_leader');
  const meeting = cohort.meetings.find((m) => m.id === payload.meeting);
  const link = meeting && withMeeting({ payload, cohort, participant, municipality }, payload.purpose, meeting);
  if (!link) return refuse('unknown_meeting');
  return isFor(link, purposes) ? { ok: true, link } : refuse('wrong_purpose');
}

/**
 * Who acts through a link: the person it names, as Teams would vouch for them, so the use-cases
 * apply the same permission rules as in the bot and the tab.
 */
export function linkIdentity(link: OpenedLink): Identity {
  return { aadObjectId: link.participant.person.entraObjectId, email: link.participant.person.email };
}
