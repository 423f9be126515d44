import type { Municipality, Participant } from '../domain/cohort';
import type { Texts } from '../domain/errors';
import { outboxStatus } from '../outbox/outbox-status';
import { recordDesired } from '../outbox/record-desired';
import { membersOf, teamObjectKey, type TeamMember } from '../reach/cohort-team';
import { installObjectKey, PERSONAL_INSTALL_KIND, plannedInstalls } from '../reach/personal-install';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import type { DeliveryDeps } from './cohort-delivery';
import { linkedTeam } from './cohort-team';
import { loadCohort } from './load-cohort';
import type { ReachState } from './reach-states';

export interface ParticipantReach {
  participantId: string;
  municipality: string;
  /** Null once the cohort's personal data is erased. */
  name: string | null;
  email: string | null;
  state: ReachState;
  /** Why e-mail only, in Danish and English. */
  reason: string | null;
  chatId: string | null;
}

export interface ReachDeps extends DeliveryDeps {
  /** Local mode reaches nobody in Microsoft 365; a tenant does, through the senders it has. */
  mode: 'local' | 'tenant';
}

const NOT_ORDERED: Texts = {
  da: `Teams-installation er ikke bestilt (npm run cohort -- reach ID --install)`,
  en: `Teams installation not requested (npm run cohort -- reach ID --install)`,
};
const NO_CATALOG_ID: Texts = {
  da: 'TEAMS_APP_CATALOG_ID er ikke sat, så appen installeres ikke for nogen',
  en: 'TEAMS_APP_CATALOG_ID is not set, so the app is installed for nobody',
};
const NO_CHAT: Texts = { da: 'appen er installeret, men chatten med den kendes ikke', en: 'the app is installed, but its chat is not known' };
const both = (t: Texts) => `${t.da} / ${t.en}`;

/**
 * Records, in one transaction, the app's installation for every participant of the cohort: a new
 * version only where the state changed or the last one failed for good, so running it again asks
 * Graph only for what is not done. Returns how many objects got a new version.
 */
export async function recordInstalls(deps: { store: DeliveryDeps['store']; db: DeliveryDeps['db']; clock: Clock }, cohortId: string): Promise<number> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const rows = await trx
      .selectFrom('outbox_objects')
      .select(['object_key', 'desired_state', 'failed_at'])
      .where('cohort_id', '=', cohortId)
      .where('kind', '=', PERSONAL_INSTALL_KIND)
      .execute();
    const recorded = new Map(rows.map((r) => [r.object_key, r]));
    let changed = 0;
    for (const object of plannedInstalls(cohort)) {
      const state = object.state === null ? null : JSON.stringify(object.state);
      const known = recorded.get(object.objectKey);
      if (known === undefined ? state === null : known.desired_state === state && known.failed_at === null) continue;
      await recordDesired(trx, object, now);
      changed += 1;
    }
    return changed;
  });
}

/** Per participant of the cohort, municipality by municipality: how the product reaches them now. */
export async function cohortReach(deps: ReachDeps, cohortId: string): Promise<ParticipantReach[]> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  const objects = new Map((await outboxStatus(deps.db, cohortId, deps.connectedKinds)).map((o) => [o.objectKey, o]));
  const installing = deps.connectedKinds.includes(PERSONAL_INSTALL_KIND);
  const teamId = await linkedTeam(deps.db, cohortId);
  const team = teamId === null ? undefined : objects.get(teamObjectKey(cohortId, teamId));
  // A roster read once stays usable while a newer version (a roster read afresh) is pending or failed.
  const roster = team?.details ? membersOf(team.details.fields) : [];
  const personal = (municipality: Municipality, participant: Participant): ParticipantReach => {
    const person = participant.person;
    const base = { participantId: participant.id, municipality: municipality.name, name: person?.name ?? null, email: person?.email ?? null, reason: null, chatId: null };
    if (person === null) return { ...base, state: 'unreachable' };
    if (deps.mode === 'local') return { ...base, state: 'not_connected' };
    if (!installing) return { ...base, state: 'email', reason: both(NO_CATALOG_ID) };
    const object = objects.get(installObjectKey(cohort.id, participant.id));
    if (object === undefined) return { ...base, state: 'email', reason: both(NOT_ORDERED) };
    const chatId = object.details?.fields.chatId ?? null;
    if (object.state === 'sent') return chatId === null ? { ...base, state: 'email', reason: both(NO_CHAT) } : { ...base, state: 'teams', chatId };
    if (object.state === 'failed') return { ...base, state: 'email', reason: object.reason };
    return { ...base, state: 'pending', reason: object.reason };
  };
  return cohort.municipalities.flatMap((municipality) =>
    municipality.participants.map((participant): ParticipantReach => {
      const reach = personal(municipality, participant);
      if (!['email', 'pending'].includes(reach.state) || participant.person === null) return reach;
      const userId = objects.get(installObjectKey(cohort.id, participant.id))?.details?.fields.userId ?? null;
      return inRoster(roster, [participant.person.entraObjectId ?? null, userId], participant.person.email) ? { ...reach, state: 'team', reason: null } : reach;
    }),
  );
}

/** By Entra object id (known to the cohort, or found when installing personally), else by e-mail, case-insensitively. */
function inRoster(roster: readonly TeamMember[], userIds: readonly (string | null)[], email: string): boolean {
  const ids = new Set(userIds.filter((id): id is string => id !== null && id.trim() !== '').map((id) => id.trim().toLowerCase()));
  const mail = email.trim().toLowerCase();
  return roster.some((m) => (m.userId !== null && ids.has(m.userId.toLowerCase())) || (m.email !== null && m.email.toLowerCase() === mail));
}
