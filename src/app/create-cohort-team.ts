import type { Cohort } from '../domain/cohort';
import { DomainError } from '../domain/errors';
import { outboxStatus, type ObjectStatus } from '../outbox/outbox-status';
import { recordDesired } from '../outbox/record-desired';
import { TEAM_CREATE_KIND, TEAM_CREATE_TARGET, teamCreateKey, teamMarker, type TeamCreateState } from '../reach/created-team';
import type { Executor } from '../store/schema';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import type { DeliveryDeps } from './cohort-delivery';
import { linkTeam } from './cohort-team';
import type { NewId } from './ids';
import { loadCohort } from './load-cohort';

type Deps = { store: DeliveryDeps['store']; db: DeliveryDeps['db']; clock: Clock };

export interface TeamWanted {
  /** `--name`; the cohort's name after "Gruppeforløb: " when null. */
  name: string | null;
  /** ORGANIZER_MAILBOX: the owner when the cohort is not booked by an organiser of its own. */
  organizer: string | null;
}

/** The team's owner: the organiser the series is booked from, else the configured mailbox. */
function ownerOf(cohort: Cohort, organizer: string | null): string {
  const owner = cohort.booking?.organizer ?? organizer?.trim() ?? '';
  if (owner !== '') return owner;
  throw new DomainError('invalid_mailbox', {
    da: 'Teamet skal have en ejer: book forløbet fra arrangørens postkasse, eller sæt ORGANIZER_MAILBOX.',
    en: "The team needs an owner: book the series from the organiser's mailbox, or set ORGANIZER_MAILBOX.",
  });
}

function wantedState(cohort: Cohort, wanted: TeamWanted, nonce: string): TeamCreateState {
  const marker = teamMarker(cohort.id, nonce);
  return {
    displayName: wanted.name ?? `Gruppeforløb: ${cohort.name}`,
    description: `Team for gruppeforløbet "${cohort.name}" / Team of the cohort "${cohort.name}" (${marker})`,
    owner: ownerOf(cohort, wanted.organizer),
    marker,
  };
}

/** The team the cohort asked for before, and whether Teams made it (its id is known); null when never asked. */
async function askedBefore(db: Executor, cohortId: string): Promise<{ state: TeamCreateState; made: boolean } | null> {
  const row = await db.selectFrom('outbox_objects').select(['desired_state', 'remote_id']).where('object_key', '=', teamCreateKey(cohortId)).executeTakeFirst();
  return row?.desired_state ? { state: JSON.parse(row.desired_state) as TeamCreateState, made: row.remote_id !== null } : null;
}

/**
 * Records, through the outbox, the team the product is to create for the cohort. Asking again
 * records a new version of the same object with the state first asked for (name, owner, marker):
 * the sender then only checks the team it made, and a create whose answer was lost still looks for
 * what it asked for. `again`: the cohort had asked before (a new `--name` is not used then);
 * `existed`: a team was made for it before.
 */
export async function requestCohortTeam(
  deps: Deps & { newId: NewId },
  cohortId: string,
  wanted: TeamWanted,
): Promise<{ state: TeamCreateState; again: boolean; existed: boolean }> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const before = await askedBefore(trx, cohortId);
    const state = before?.state ?? wantedState(cohort, wanted, deps.newId());
    await recordDesired(
      trx,
      {
        objectKey: teamCreateKey(cohortId),
        cohortId,
        kind: TEAM_CREATE_KIND,
        target: TEAM_CREATE_TARGET,
        label: { da: `Teams-team "${state.displayName}" til gruppeforløbet`, en: `Teams team "${state.displayName}" for the cohort` },
        state,
      },
      now,
    );
    return { state, again: before !== null, existed: before?.made === true };
  });
}

/** Where the cohort's created team stands in the outbox, and its id once it is usable; null when none was asked for. */
export async function createdTeam(deps: Pick<DeliveryDeps, 'db' | 'connectedKinds'>, cohortId: string): Promise<{ status: ObjectStatus; teamId: string | null } | null> {
  const key = teamCreateKey(cohortId);
  const status = (await outboxStatus(deps.db, cohortId, deps.connectedKinds)).find((o) => o.objectKey === key);
  if (status === undefined) return null;
  return { status, teamId: status.state === 'sent' ? (status.details?.fields.teamId ?? null) : null };
}

/**
 * Links the cohort's created team once it is usable, exactly as an existing team is linked (the
 * app's installation there, with the roster read back); null while it is not. Linking again reads
 * the roster afresh.
 */
export async function linkCreatedTeam(deps: Deps & Pick<DeliveryDeps, 'connectedKinds'>, cohortId: string): Promise<{ teamId: string; replaced: string | null } | null> {
  const created = await createdTeam(deps, cohortId);
  if (created?.teamId == null) return null;
  const { replaced } = await linkTeam(deps, cohortId, created.teamId);
  return { teamId: created.teamId, replaced };
}
