import type { Settings } from './options';

/** The `teamsAsyncOperation` of a team made by "Create team". */
export interface TeamCreation {
  operationId: string;
  /** When the create was accepted (ms since the epoch). */
  createdAt: number;
  /** Reads of the operation answered so far. */
  polls: number;
  /** Once succeeded, it stays so, whatever the settings become. */
  succeeded: boolean;
}

/**
 * Whether the team is usable now: a team the tenant had from the start always is; a created one
 * once its operation has been read `teamProvisioning.polls` times or `ms` have passed.
 */
export function provisioned(creation: TeamCreation | null, settings: Settings, now: number): boolean {
  if (creation === null) return true;
  const { polls, ms } = settings.teamProvisioning;
  if (!creation.succeeded && (creation.polls >= polls || now - creation.createdAt >= ms)) creation.succeeded = true;
  return creation.succeeded;
}
