import type { Clock } from '../app/clock';
import type { DeliveryDeps } from '../app/cohort-delivery';
import { linkedTeamStatus } from '../app/cohort-team';
import { createdTeam, linkCreatedTeam, requestCohortTeam } from '../app/create-cohort-team';
import type { NewId } from '../app/ids';
import { TEAM_INSTALL_KIND } from '../reach/cohort-team';
import { TEAM_CREATE_KIND } from '../reach/created-team';
import type { Command } from './cohort-args';
import { createdTeamText, noTenantTeamText, teamText } from './cohort-output';

export interface TeamCreateDeps extends DeliveryDeps {
  clock: Clock;
  newId: NewId;
  /** ORGANIZER_MAILBOX: the owner of a cohort not booked from a mailbox of its own. */
  organizer: string | null;
  tenant: boolean;
  /** Works the cohort's outbox now and waits for the answers, as the other commands that send do. */
  deliver: () => Promise<void>;
}

export type TeamCreateResult = { out: string; failed: boolean } | { err: string };

/**
 * `team ID --create [--name NAVN]`: records the cohort's one team, sends at once, and once Teams has
 * made it links it as `team ID TEAM-ID` links an existing one: the app installed there, the roster
 * read back. Run again, it creates nothing: it finds the team asked for and links it afresh, and a
 * team still being set up is linked by the run that finds it usable.
 */
export async function createTeamCommand(command: Extract<Command, { name: 'team-create' }>, deps: TeamCreateDeps): Promise<TeamCreateResult> {
  if (!deps.tenant || !deps.connectedKinds.includes(TEAM_CREATE_KIND)) return { err: noTenantTeamText() };
  const requested = await requestCohortTeam(deps, command.id, { name: command.teamName, organizer: deps.organizer });
  await deps.deliver();
  const created = await createdTeam(deps, command.id);
  const head = createdTeamText(command.id, { ...requested, askedName: command.teamName, status: created?.status ?? null });
  const linked = await linkCreatedTeam(deps, command.id);
  if (linked === null) return { out: head, failed: created?.status.state === 'failed' };
  const installing = deps.connectedKinds.includes(TEAM_INSTALL_KIND);
  if (installing) await deps.deliver();
  const installed = await linkedTeamStatus(deps, command.id);
  return { out: head + teamText(command.id, linked.teamId, installed, installing, linked.replaced), failed: installed?.state === 'failed' };
}
