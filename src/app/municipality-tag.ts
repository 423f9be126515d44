import { createHash } from 'node:crypto';
import type { Municipality } from '../domain/cohort';
import { DomainError } from '../domain/errors';

/** What `municipalityTag` answers: 16 hex digits. */
export const MUNICIPALITY_TAG = /^[0-9a-f]{16}$/;

/**
 * A short fingerprint of what the municipality's forms show and send back: its name, its people
 * and its registration. Sent back in If-Match, it tells a form read before a colleague's change
 * from one read after it. A hash of the data rather than a stored counter, so nothing is migrated
 * and no change can forget to bump it. The Entra object id is left out: sign-in finds it, no form
 * shows or sends it, and a save keeps it.
 */
export function municipalityTag(municipality: Municipality): string {
  const { name, participants, registration } = municipality;
  const people = participants.map((p) => [p.id, p.role, p.contact, p.person && [p.person.name, p.person.email, p.person.phone]]);
  const wish = registration && [registration.preparatoryDay, registration.timeOfDay, registration.registeredAt];
  return createHash('sha256').update(JSON.stringify([name, people, wish])).digest('hex').slice(0, 16);
}

/**
 * Optimistic concurrency for a municipality, as a meeting's version is for the meeting: a form
 * sends the whole list of people, so one read before a colleague added someone would delete them.
 */
export function assertMunicipalityTag(municipality: Municipality, expected: string): void {
  if (municipalityTag(municipality) === expected) return;
  throw new DomainError('stale_version', {
    da: `${municipality.name} er ændret af en anden i mellemtiden. Hent kommunen igen, og prøv så igen.`,
    en: `${municipality.name} was changed by someone else meanwhile. Load it again and try again.`,
  });
}
