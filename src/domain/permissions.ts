import type { Cohort } from './cohort';
import { DomainError, type Texts } from './errors';
import { identityKeys, isPerson, type Identity, type Membership } from './identity';
import type { Founder } from './new-cohort';

/** Only for people of the cohort; a forged cohort id meets the same refusal as a stranger. */
export function notPermitted(): DomainError {
  return new DomainError('not_permitted', {
    da: 'Du kan ikke gøre dette i dette gruppeforløb. Kontakt jeres rådgiver, hvis det er en fejl.',
    en: 'You cannot do this in this cohort. Contact your advisor if this is a mistake.',
  });
}

/** A participant (or leader) answers for themselves only: the answer is recorded for this membership. */
export function participantIn(memberships: readonly Membership[], cohortId: string): Membership & { municipalityId: string } {
  const found = memberships.find((m) => m.cohortId === cohortId && m.role !== 'advisor');
  if (!found || found.municipalityId === null) throw notPermitted();
  return { ...found, municipalityId: found.municipalityId };
}

export function advisorIn(memberships: readonly Membership[], cohortId: string): Membership {
  const found = memberships.find((m) => m.cohortId === cohortId && m.role === 'advisor');
  if (!found) throw notPermitted();
  return found;
}

/** The presentation is the municipality's: any of its participants reports on it, or an advisor on its behalf. */
export function assertMayReportPresentation(memberships: readonly Membership[], cohortId: string, municipalityId: string): void {
  const allowed = memberships.some((m) => m.cohortId === cohortId && (m.role === 'advisor' || m.municipalityId === municipalityId));
  if (!allowed) throw notPermitted();
}

/** The municipality's own leader contact, else an advisor acting on its behalf; `refusal` says what only they may do. */
function leaderOrAdvisorIn(memberships: readonly Membership[], cohortId: string, municipalityId: string, refusal: Texts): Membership {
  const found =
    memberships.find((m) => m.cohortId === cohortId && m.role === 'leader' && m.municipalityId === municipalityId) ??
    memberships.find((m) => m.cohortId === cohortId && m.role === 'advisor');
  if (!found) throw new DomainError('not_permitted', refusal);
  return found;
}

/** Booking the municipality's individual meetings is for its leader contacts, or an advisor on their behalf. */
export function bookerIn(memberships: readonly Membership[], cohortId: string, municipalityId: string): Membership {
  return leaderOrAdvisorIn(memberships, cohortId, municipalityId, {
    da: 'Kun kommunens tovholder (eller en rådgiver) kan booke kommunens møder. Kontakt jeres tovholder.',
    en: "Only the municipality's lead contact (or an advisor) can book its meetings. Contact your lead contact.",
  });
}

/** Registering the municipality (its people and its wish for the preparatory meeting) is for its leader contacts, or an advisor. */
export function registrarIn(memberships: readonly Membership[], cohortId: string, municipalityId: string): Membership {
  return leaderOrAdvisorIn(memberships, cohortId, municipalityId, {
    da: 'Kun kommunens tovholder (eller en rådgiver) kan tilmelde kommunen. Kontakt jeres tovholder.',
    en: "Only the municipality's lead contact (or an advisor) can register it. Contact your lead contact.",
  });
}

/** The title a founder known only from their sign-in gets; advisors can be described better in the cohort later. */
const ADVISOR_TITLE = 'Rådgiver';

/**
 * What the installation's list of advisors is matched on. A signed-in Entra user (with an object id)
 * by their own sign-in name, never by an e-mail claim, which a guest's home tenant sets and need not
 * have verified: the list grants a power, so only the agency's members can hold it. A caller without
 * a token (local mode) has only the address they named.
 */
function listedName(identity: Identity): string | null {
  const signIn = identity.aadObjectId?.trim() ? identity.userPrincipalName : identity.email;
  const name = signIn?.trim().toLowerCase();
  return name && !name.includes('#ext#') ? name : null;
}

/**
 * Who may create a cohort: someone who already advises one (their record there is copied, title and
 * phone included), or whose address the installation lists as an advisor's. Null: nobody may.
 */
export function founderOf(
  cohorts: readonly Cohort[],
  memberships: readonly Membership[],
  identity: Identity,
  tokenName: string | null,
  advisorAddresses: readonly string[],
): Founder | null {
  const keys = identityKeys(identity);
  const advised = new Set(memberships.filter((m) => m.role === 'advisor').map((m) => m.cohortId));
  const known = cohorts.filter((c) => advised.has(c.id)).flatMap((c) => c.advisors).find((a) => isPerson(a, keys));
  if (known) {
    const { id: _id, ...founder } = known;
    return founder;
  }
  const address = listedName(identity);
  if (address === null || !advisorAddresses.some((a) => a.trim().toLowerCase() === address)) return null;
  return { name: tokenName?.trim() || address, title: ADVISOR_TITLE, email: address, phone: null, entraObjectId: identity.aadObjectId?.trim() || null };
}
