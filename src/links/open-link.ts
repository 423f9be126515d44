import type { Clock } from '../app/clock';
import type { Cohort, Participant, Person, PlenaryMeeting } from '../domain/cohort';
import { cohortRepository } from '../store/cohort-repository';
import type { Executor } from '../store/schema';
import { isRevoked } from './link-revocations';
import { decodeLink, type LinkPayload, type LinkPurpose, type TokenRefusal } from './link-token';

export interface LinkDeps {
  db: Executor;
  clock: Clock;
  secret: string;
}

/** A link that checked out: its cohort as stored now, and the one person and meeting it names. */
export interface OpenedLink {
  payload: LinkPayload;
  cohort: Cohort;
  participant: Participant & { person: Person };
  meeting: PlenaryMeeting;
}

export type LinkRefusal = TokenRefusal | 'expired' | 'wrong_purpose' | 'revoked' | 'unknown_cohort' | 'cohort_erased' | 'unknown_participant' | 'unknown_meeting';

export type Opened = { ok: true; link: OpenedLink } | { ok: false; reason: LinkRefusal; linkId: string | null };

function hasPerson(p: Participant): p is Participant & { person: Person } {
  return p.person !== null;
}

/**
 * Every check a link must pass before anything is shown or changed. The reason of a refusal is for
 * the server's log; the edge shows every refusal the same way, so a visitor learns nothing from it.
 */
export async function openLink(deps: LinkDeps, token: string, purpose: LinkPurpose): Promise<Opened> {
  const decoded = decodeLink(deps.secret, token);
  if (!decoded.ok) return { ok: false, reason: decoded.reason, linkId: null };
  const payload = decoded.payload;
  const refuse = (reason: LinkRefusal): Opened => ({ ok: false, reason, linkId: payload.id });
  if (Date.parse(deps.clock.now()) >= payload.exp * 1000) return refuse('expired');
  if (payload.purpose !== purpose) return refuse('wrong_purpose');
  if (await isRevoked(deps.db, payload.id)) return refuse('revoked');
  const stored = await cohortRepository(deps.db, deps.clock).load(payload.cohort);
  if (!stored) return refuse('unknown_cohort');
  const cohort = stored.cohort;
  if (cohort.erasedAt) return refuse('cohort_erased');
  const participant = cohort.municipalities.flatMap((m) => m.participants).find((p) => p.id === payload.participant);
  if (!participant || !hasPerson(participant)) return refuse('unknown_participant');
  const meeting = cohort.meetings.find((m) => m.id === payload.meeting);
  if (!meeting || meeting.kind !== 'plenary') return refuse('unknown_meeting');
  return { ok: true, link: { payload, cohort, participant, meeting } };
}
