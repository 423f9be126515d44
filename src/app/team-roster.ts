import type { RemoteDetails } from '../outbox/change';
import { membersOf, teamObjectKey, type TeamMember } from '../reach/cohort-team';
import type { Executor } from '../store/schema';
import { linkedTeam } from './cohort-team';

export interface CohortTeamRoster {
  teamId: string;
  members: TeamMember[];
}

/**
 * The cohort's linked team and its members as Graph last listed them when the app was installed
 * there; null without a linked team. An empty roster means it has not been read yet.
 */
export async function cohortTeamRoster(db: Executor, cohortId: string): Promise<CohortTeamRoster | null> {
  const teamId = await linkedTeam(db, cohortId);
  if (teamId === null) return null;
  const row = await db.selectFrom('outbox_objects').select('remote_details').where('object_key', '=', teamObjectKey(cohortId, teamId)).executeTakeFirst();
  const details = row?.remote_details ? (JSON.parse(row.remote_details) as RemoteDetails) : null;
  return { teamId, members: membersOf(details?.fields) };
}

/** A person's Entra object id in the roster: the one the cohort knows, else the member with their address. */
export function memberObjectId(roster: CohortTeamRoster, person: { entraObjectId: string | null; email: string }): string | null {
  const known = person.entraObjectId?.trim().toLowerCase() || null;
  const email = person.email.trim().toLowerCase();
  const member = roster.members.find((m) => (known !== null && m.userId?.toLowerCase() === known) || m.email?.toLowerCase() === email);
  return member?.userId ?? null;
}
