import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../app/clock';
import { runOutbox } from '../outbox/outbox-loop';
import { OutboxWorker } from '../outbox/outbox-worker';
import type { Sender } from '../outbox/sender';
import type { Store } from '../store/open-store';
import { messageOf, type Log } from './log';

const IDLE_MS = 1_000;

/**
 * This instance's outbox worker, when it has senders (a tenant is configured). Several instances
 * on one PostgreSQL database share the work through leases; in local mode there is no worker, and
 * the outbox shows its work as not sent.
 */
export function startOutbox(store: Store, senders: Sender[], clock: Clock, log: Log): { stop(): Promise<void> } | null {
  if (senders.length === 0) return null;
  const worker = new OutboxWorker({ db: store.db, engine: store.engine, senders, clock, owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` });
  return runOutbox(worker, {
    idleMs: IDLE_MS,
    sleep: (ms) => new Promise((done) => setTimeout(done, ms).unref()),
    onError: (error) => log.error(`Udbakken fejlede / outbox round failed: ${messageOf(error)}`),
  });
}
