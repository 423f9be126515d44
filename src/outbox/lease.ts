import type { Instant } from '../domain/local-time';
import type { Engine } from '../store/open-store';
import type { Executor } from '../store/schema';

export interface LeaseRequest {
  owner: string;
  now: Instant;
  until: Instant;
  kinds: string[];
  limit: number;
}

/**
 * Takes up to `limit` free targets that have work due, in one statement. On PostgreSQL the rows are
 * picked `FOR UPDATE SKIP LOCKED`, so instances never wait on or take each other's targets; SQLite
 * lets one writer in at a time, which makes the same statement atomic there.
 */
export async function leaseTargets(db: Executor, engine: Engine, request: LeaseRequest): Promise<string[]> {
  if (request.kinds.length === 0) return [];
  const { now } = request;
  let candidates = db
    .selectFrom('outbox_targets as t')
    .select('t.target')
    .where((eb) => eb.or([eb('t.lease_until', 'is', null), eb('t.lease_until', '<', now)]))
    .where((eb) => eb.or([eb('t.not_before', 'is', null), eb('t.not_before', '<=', now)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox_objects as o')
          .select('o.object_key')
          .whereRef('o.target', '=', 't.target')
          .whereRef('o.desired_version', '>', 'o.sent_version')
          .where('o.failed_at', 'is', null)
          .where('o.next_attempt_at', '<=', now)
          .where('o.kind', 'in', request.kinds),
      ),
    )
    .orderBy('t.target')
    .limit(request.limit);
  if (engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const leased = await db
    .updateTable('outbox_targets')
    .set({ lease_owner: request.owner, lease_until: request.until })
    .where('target', 'in', candidates)
    .returning('target')
    .execute();
  return leased.map((row) => row.target);
}

/** Gives the target back, not to be called again before `notBefore`; only the lease's holder can. */
export async function releaseTarget(db: Executor, target: string, owner: string, notBefore: Instant | null): Promise<void> {
  await db
    .updateTable('outbox_targets')
    .set({ lease_owner: null, lease_until: null, not_before: notBefore })
    .where('target', '=', target)
    .where('lease_owner', '=', owner)
    .execute();
}
