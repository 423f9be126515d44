import type { Config } from '../config/config';
import type { Sender } from './sender';

/**
 * The senders a configuration delivers with; the outbox calls everything else "not connected".
 * No sender is built yet, so today nothing is sent from any configuration, and nothing claims to be.
 */
export function sendersFor(config: Config): Sender[] {
  void config;
  return [];
}
