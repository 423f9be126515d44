import type { Config } from '../config/config';
import { connectTenant, sendersOf } from '../graph/connect';
import type { Sender } from './sender';

/**
 * The senders a configuration delivers with; the outbox calls everything else "not connected".
 * Local mode has none: nothing is sent, and nothing claims to be. With a tenant, Outlook events go
 * through Graph, and so do personal Teams installations when TEAMS_APP_CATALOG_ID is set.
 */
export function sendersFor(config: Config): Sender[] {
  return config.mode.kind === 'tenant' ? sendersOf(connectTenant(config.mode)) : [];
}
