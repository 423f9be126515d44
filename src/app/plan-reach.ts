import type { Texts } from '../domain/errors';
import { outboxStatus } from '../outbox/outbox-status';
import { recordDesired } from '../outbox/record-desired';
import { installObjectKey, PERSONAL_INSTALL_KIND, plannedInstalls } from '../reach/personal-install';
import { inTransaction } from '../store/transaction';
import type { Clock } from './clock';
import type { DeliveryDeps } from './cohort-delivery';
import { loadCohort } from './load-cohort';

/**
 * How the product reaches one participant:
 * - `teams`: the app is installed for them and the bot has their 1:1 chat;
 * - `pending`: the installation is planned and not yet done (or being retried);
 * - `email`: e-mail with signed links only, with the reason (Graph refused, not a user, not set up);
 * - `not_connected`: local mode, nothing reaches Microsoft 365;
 * - `unreachable`: nothing to reach them by (their personal data is erased).
 */
export type ReachState = 'teams' | 'pending' | 'email' | 'not_connected' | 'unreachable';

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
  return cohort.municipalities.flatMap((municipality) =>
    municipality.participants.map((participant): ParticipantReach => {
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
    }),
  );
}
