import { INSTALL_TARGET } from './personal-install';

/** The outbox kind of the app installed in a cohort's team, with the team's roster read back. */
export const TEAM_INSTALL_KIND = 'graph.team-install';

/** What the team's installation wants: the team (its group id, as Teams and Entra ID know it). */
export interface TeamInstallState {
  teamId: string;
}

/** One member of the team's roster, as the sender found it: what reach matches participants by. */
export interface TeamMember {
  /** Entra object id; null for a member Graph gave none. */
  userId: string | null;
  email: string | null;
}

/** Per cohort and team: linking the same team again is the same object. */
export function teamObjectKey(cohortId: string, teamId: string): string {
  return `team:${cohortId}:${teamId}`;
}

/** Installations in teams are paced with those in personal scopes: Graph limits them per app. */
export const TEAM_INSTALL_TARGET = INSTALL_TARGET;

/** The roster as the sender keeps it in `details.fields.members` (JSON); empty when unreadable. */
export function membersOf(fields: Record<string, string> | undefined): TeamMember[] {
  const text = fields?.members;
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((m: unknown) => {
      if (typeof m !== 'object' || m === null) return [];
      const { userId, email } = m as Record<string, unknown>;
      return [{ userId: typeof userId === 'string' ? userId : null, email: typeof email === 'string' ? email : null }];
    });
  } catch {
    return [];
  }
}
