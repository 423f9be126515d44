import type { OutlookResponses } from '../calendar/outlook-responses';
import type { OutlookSchedules } from '../calendar/outlook-schedules';
import { isConfigError, loadConfig, type Config } from '../config/config';
import { connectTenant, sendersOf } from '../graph/connect';
import type { Sender } from '../outbox/sender';

export type Runtime =
  | { ok: true; config: Config; senders: Sender[]; responses: OutlookResponses | null; schedules: OutlookSchedules | null }
  | { ok: false; message: string };

/**
 * The configuration, what it can send with and where it reads Outlook's answers and the advisors'
 * busy time (only a tenant has calendars), or the one line that says which variable is wrong: the
 * server and the CLI start the same way and fail the same way.
 */
export function loadRuntime(env: NodeJS.ProcessEnv): Runtime {
  try {
    const config = loadConfig(env);
    const graph = config.mode.kind === 'tenant' ? connectTenant(config.mode) : null;
    return { ok: true, config, senders: graph ? sendersOf(graph) : [], responses: graph?.responses ?? null, schedules: graph?.schedules ?? null };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { ok: false, message: error.message };
  }
}
