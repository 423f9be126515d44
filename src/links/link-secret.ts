import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/clock';
import type { Executor } from '../store/schema';

const NAME = 'link_secret';

/**
 * The configured LINK_SECRET, or — in local mode, when none is set — one the server generates on
 * its first start and keeps in the database, so links sent before a restart still open after it.
 * Two processes starting together both insert; the first row wins and both read it back.
 */
export async function linkSecret(db: Executor, configured: string | null, clock: Clock): Promise<string> {
  if (configured !== null) return configured;
  await db
    .insertInto('server_secrets')
    .values({ name: NAME, value: randomBytes(32).toString('base64url'), created_at: clock.now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', NAME).executeTakeFirstOrThrow();
  return row.value;
}
