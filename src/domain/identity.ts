import type { Cohort } from './cohort';

/** What Teams or Entra ID says about a signed-in user. */
export interface Identity {
  aadObjectId?: string | null;
  email?: string | null;
  userPrincipalName?: string | null;
}

export type Role = 'advisor' | 'leader' | 'participant';

export interface Membership {
  cohortId: string;
  role: Role;
  /** The advisor's or participant's id. */
  personId: string;
  municipalityId: string | null;
}

const normal = (s: string) => s.trim().toLowerCase();

/**
 * A guest's UPN (`jane_example.org#EXT#@agency.onmicrosoft.com`) is not an address anyone
 * registered with; only `mail` carries the real one. A member's UPN usually is the address.
 */
function addressOf(identity: Identity): string | null {
  const email = identity.email?.trim();
  if (email) return normal(email);
  const upn = identity.userPrincipalName?.trim();
  return upn && !upn.toUpperCase().includes('#EXT#') ? normal(upn) : null;
}

/** What a record is matched on: the Entra object id and the address, both in their compared form. */
export interface IdentityKeys {
  objectId: string | null;
  address: string | null;
}

export function identityKeys(identity: Identity): IdentityKeys {
  return { objectId: identity.aadObjectId?.trim().toLowerCase() || null, address: addressOf(identity) };
}

/** Whether a person record is this identity, by the rule findMemberships states. */
export function isPerson(person: { email: string; entraObjectId?: string | null }, keys: IdentityKeys): boolean {
  const known = person.entraObjectId?.trim().toLowerCase() || null;
  return known !== null && keys.objectId !== null ? known === keys.objectId : keys.address !== null && normal(person.email) === keys.address;
}

/** Everyone the cohort names, each with their role in it: its advisors, and the participants whose personal data is still kept. */
export function peopleOf(cohort: Cohort) {
  return [
    ...cohort.advisors.map((a) => ({ role: 'advisor' as const, personId: a.id, municipalityId: null, person: a })),
    ...cohort.municipalities.flatMap((m) =>
      m.participants.flatMap((p) =>
        p.person
          ? [{ role: p.contact ? ('leader' as const) : ('participant' as const), personId: p.id, municipalityId: m.id, person: p.person }]
          : [],
      ),
    ),
  ];
}

/**
 * Who is who, for the bot, the tab and signed links alike, decided per record. When both the
 * identity and the record carry an Entra object id, the ids decide (another account with the same
 * address is someone else); otherwise the e-mail address does, case-insensitively. So an advisor
 * whose id is known in one cohort and not yet in another is found in both.
 */
export function findMemberships(cohorts: readonly Cohort[], identity: Identity): Membership[] {
  const people = cohorts.filter((c) => !c.erasedAt).flatMap((c) => peopleOf(c).map((e) => ({ ...e, cohortId: c.id })));
  const keys = identityKeys(identity);
  const matches = people.filter(({ person }) => isPerson(person, keys));
  return matches.map(({ cohortId, role, personId, municipalityId }) => ({ cohortId, role, personId, municipalityId }));
}
