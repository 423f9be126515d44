import { isConfigError, loadConfig, type Config } from '../config/config';
import type { Sender } from '../outbox/sender';
import { sendersFor } from '../outbox/senders-for';

export type Runtime = { ok: true; config: Config; senders: Sender[] } | { ok: false; message: string };

/**
 * The configuration and what it can send with, or the one line that says which variable is wrong:
 * the server and the CLI start the same way and fail the same way.
 */
export function loadRuntime(env: NodeJS.ProcessEnv): Runtime {
  try {
    const config = loadConfig(env);
    return { ok: true, config, senders: sendersFor(config) };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { ok: false, message: error.message };
  }
}
