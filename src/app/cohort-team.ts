import { outboxStatus, type ObjectStatus } from '../outbox/outbox-status';
import { recordDesired, type DesiredObject } from '../outbox/record-desired';
import { TEAM_INSTALL_KIND, TEAM_INSTALL_TARGET, teamObjectKey, type TeamInstallState } from '../reach/cohort-team';
import type { Executor } from '../store/schema';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import type { DeliveryDeps } from './cohort-delivery';
import { loadCohort } from './load-cohort';

function teamObject(cohortId: string, teamId: string, state: TeamInstallState | null): DesiredObject {
  return {
    objectKey: teamObjectKey(cohortId, teamId),
    cohortId,
    kind: TEAM_INSTALL_KIND,
    target: TEAM_INSTALL_TARGET,
    label: { da: `Teams-app i gruppeforløbets team ${teamId}`, en: `Teams app in the cohort team ${teamId}` },
    state,
  };
}

/** The team linked to the cohort, or null. */
export async function linkedTeam(db: Executor, cohortId: string): Promise<string | null> {
  const row = await db.selectFrom('cohort_teams').select('team_id').where('cohort_id', '=', cohortId).executeTakeFirst();
  return row?.team_id ?? null;
}

/**
 * Links an existing Teams team to the cohort (replacing a team linked before) and records, in the
 * same transaction, the app's installation there with the roster read back. Linking again records a
 * new version, so the roster is read afresh; Graph answers the repeated install with 409, harmless.
 */
export async function linkTeam(deps: { store: DeliveryDeps['store']; db: DeliveryDeps['db']; clock: Clock }, cohortId: string, teamId: string): Promise<{ objectKey: string; replaced: string | null }> {
  await loadCohort(deps.store, cohortId);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const before = await linkedTeam(trx, cohortId);
    if (before !== null && before !== teamId) await recordDesired(trx, teamObject(cohortId, before, null), now);
    await trx
      .insertInto('cohort_teams')
      .values({ cohort_id: cohortId, team_id: teamId, linked_at: now })
      .onConflict((oc) => oc.column('cohort_id').doUpdateSet({ team_id: teamId, linked_at: now }))
      .execute();
    const object = teamObject(cohortId, teamId, { teamId });
    await recordDesired(trx, object, now);
    return { objectKey: object.objectKey, replaced: before !== null && before !== teamId ? before : null };
  });
}

/** The outbox status of the linked team's installation, or null when no team is linked. */
export async function linkedTeamStatus(deps: Pick<DeliveryDeps, 'db' | 'connectedKinds'>, cohortId: string): Promise<ObjectStatus | null> {
  const teamId = await linkedTeam(deps.db, cohortId);
  if (teamId === null) return null;
  const key = teamObjectKey(cohortId, teamId);
  return (await outboxStatus(deps.db, cohortId, deps.connectedKinds)).find((o) => o.objectKey === key) ?? null;
}
