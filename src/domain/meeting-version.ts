import type { Meeting } from './cohort';
import { DomainError } from './errors';

/**
 * Optimistic concurrency for one meeting: a change asked for while looking at an older version (an
 * advisor moving a meeting a colleague has just moved) is refused, never laid over the newer one.
 */
export function assertMeetingVersion(meeting: Meeting, expected: number): void {
  if (meeting.version === expected) return;
  throw new DomainError('stale_version', {
    da: `Mødet er ændret i mellemtiden (det er nu version ${meeting.version}). Hent det igen, og prøv så igen.`,
    en: `The meeting was changed meanwhile (it is now version ${meeting.version}). Load it again and try again.`,
  });
}
