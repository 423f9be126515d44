import type { Instant } from '../domain/local-time';
import type { Executor } from '../store/schema';

/** Revokes a link by its id; false when it was revoked already. Unknown ids are accepted: links are not stored. */
export async function revokeLink(db: Executor, linkId: string, at: Instant): Promise<boolean> {
  const result = await db
    .insertInto('link_revocations')
    .values({ link_id: linkId, revoked_at: at })
    .onConflict((oc) => oc.column('link_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function isRevoked(db: Executor, linkId: string): Promise<boolean> {
  const row = await db.selectFrom('link_revocations').select('link_id').where('link_id', '=', linkId).executeTakeFirst();
  return row !== undefined;
}
