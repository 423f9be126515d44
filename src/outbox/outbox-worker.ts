import type { Clock } from '../app/clock';
import { instantOf, type Instant } from '../domain/local-time';
import type { Engine } from '../store/open-store';
import type { Transaction } from 'kysely';
import type { Database, Executor, OutboxObjectsTable } from '../store/schema';
import { inTransaction } from '../store/transaction';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff';
import { actionFor, type Change, type Outcome } from './change';
import { leaseTargets, releaseTarget } from './lease';
import type { Sender } from './sender';

export interface WorkerOptions {
  db: Executor;
  engine: Engine;
  senders: Sender[];
  clock: Clock;
  /** Unique per worker: leases are held in its name and results recorded only while it holds them. */
  owner: string;
  /** How long a lease lasts; a worker that dies is replaced after this. Longer than `sendTimeoutMs`. */
  leaseMs?: number;
  /** A call that has not answered by then counts as a retryable failure. */
  sendTimeoutMs?: number;
  /** How many targets one round works on, each with one call in flight. */
  targetsPerRound?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

type Row = Pick<
  OutboxObjectsTable,
  'object_key' | 'kind' | 'target' | 'desired_version' | 'desired_state' | 'sent_state' | 'remote_id' | 'attempts'
>;

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

const later = (now: Instant, ms: number): Instant => instantOf(new Date(Date.parse(now) + ms));

/** Turns changes into calls: leases targets, sends the newest state of each due object, records what happened. */
export class OutboxWorker {
  private readonly senders: Map<string, Sender>;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly targetsPerRound: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(private readonly options: WorkerOptions) {
    this.senders = new Map(options.senders.map((s) => [s.kind, s]));
    this.leaseMs = options.leaseMs ?? 60_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.targetsPerRound = options.targetsPerRound ?? 8;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    if (this.sendTimeoutMs >= this.leaseMs) {
      throw new Error(`sendTimeoutMs (${this.sendTimeoutMs}) must be shorter than leaseMs (${this.leaseMs}): a call must end while its lease holds`);
    }
  }

  /** One round over the targets with work due; resolves with how many changes it sent or tried. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    const targets = await leaseTargets(this.options.db, this.options.engine, {
      owner: this.options.owner,
      now,
      until: later(now, this.leaseMs),
      kinds: [...this.senders.keys()],
      limit: this.targetsPerRound,
    });
    const counts = await Promise.all(targets.map((target) => this.workOn(target)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async workOn(target: string): Promise<number> {
    let notBefore: Instant | null = null;
    try {
      const rows = await this.dueRows(target);
      const sender = rows[0] && this.senders.get(rows[0].kind);
      if (!sender) return 0;
      const batch = rows.filter((r) => r.kind === sender.kind).slice(0, sender.batchSize);
      if (!(await this.renewLease(target))) return 0;
      const outcomes = await this.send(sender, target, batch);
      const now = this.options.clock.now();
      await this.recordAll(target, batch, outcomes, now);
      const throttle = Math.max(sender.pacingMs, ...outcomes.map((o) => (!o.ok && o.retryable ? (o.retryAfterMs ?? 0) : 0)));
      notBefore = throttle > 0 ? later(now, throttle) : null;
      return batch.length;
    } finally {
      await releaseTarget(this.options.db, target, this.options.owner, notBefore);
    }
  }

  /**
   * A full lease from now for the call about to go out, which the send timeout keeps inside it; a
   * worker that lost the target meanwhile (a slow database, a paused process) does not send at all.
   */
  private async renewLease(target: string): Promise<boolean> {
    const result = await this.options.db
      .updateTable('outbox_targets')
      .set({ lease_until: later(this.options.clock.now(), this.leaseMs) })
      .where('target', '=', target)
      .where('lease_owner', '=', this.options.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private dueRows(target: string): Promise<Row[]> {
    return this.options.db
      .selectFrom('outbox_objects')
      .select(['object_key', 'kind', 'target', 'desired_version', 'desired_state', 'sent_state', 'remote_id', 'attempts'])
      .where('target', '=', target)
      .whereRef('desired_version', '>', 'sent_version')
      .where('failed_at', 'is', null)
      .where('next_attempt_at', '<=', this.options.clock.now())
      .where('kind', 'in', [...this.senders.keys()])
      .orderBy('next_attempt_at')
      .orderBy('object_key')
      .limit(Math.max(...[...this.senders.values()].map((s) => s.batchSize)))
      .execute();
  }

  private async send(sender: Sender, target: string, rows: Row[]): Promise<Outcome[]> {
    const sendable = rows.map((row) => ({ row, action: actionFor(parse(row.desired_state), parse(row.sent_state), row.remote_id) }));
    const changes: Change[] = sendable.flatMap(({ row, action }) =>
      action === null
        ? []
        : [
            {
              objectKey: row.object_key,
              kind: row.kind,
              target,
              version: row.desired_version,
              action,
              desired: parse(row.desired_state),
              sent: parse(row.sent_state),
              remoteId: row.remote_id,
            },
          ],
    );
    const answers = changes.length > 0 ? await this.callWithTimeout(sender, target, changes) : [];
    let next = 0;
    // An object never created and no longer wanted needs no call: it is done as it stands.
    return sendable.map(({ action, row }) => (action === null ? { ok: true, remoteId: row.remote_id } : answers[next++]!));
  }

  private async callWithTimeout(sender: Sender, target: string, changes: Change[]): Promise<Outcome[]> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.sendTimeoutMs);
    const timedOut = new Promise<never>((_, reject) =>
      abort.signal.addEventListener('abort', () => reject(new Error(`no answer within ${this.sendTimeoutMs} ms`))),
    );
    try {
      const outcomes = await Promise.race([sender.send(target, changes, abort.signal), timedOut]);
      if (outcomes.length !== changes.length) throw new Error(`${sender.kind} answered ${outcomes.length} of ${changes.length} changes`);
      return outcomes;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return changes.map(() => ({ ok: false, retryable: true, message, retryAfterMs: null }));
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  /**
   * Records a call's outcomes in one transaction that first locks the target as its holder, so a
   * worker whose lease was taken over records nothing (fencing) and no takeover reads half a record.
   */
  private async recordAll(target: string, rows: Row[], outcomes: Outcome[], now: Instant): Promise<void> {
    await inTransaction(this.options.db, async (trx) => {
      let holder = trx.selectFrom('outbox_targets').select('target').where('target', '=', target).where('lease_owner', '=', this.options.owner);
      if (this.options.engine === 'postgres') holder = holder.forUpdate();
      if (!(await holder.executeTakeFirst())) return;
      for (const [i, row] of rows.entries()) await this.record(trx, row, outcomes[i]!, now);
    });
  }

  private async record(trx: Transaction<Database>, row: Row, outcome: Outcome, now: Instant): Promise<void> {
    if (outcome.ok && 'existed' in outcome) {
      await trx
        .updateTable('outbox_objects')
        .set({ remote_id: outcome.remoteId, sent_state: null, attempts: 0, last_error: null, next_attempt_at: now, updated_at: now })
        .where('object_key', '=', row.object_key)
        .execute();
      return;
    }
    if (outcome.ok) {
      const gone = row.desired_state === null;
      // Undefined leaves the column as it is: a call that reported nothing keeps the earlier details.
      const details = gone ? null : outcome.details ? JSON.stringify(outcome.details) : undefined;
      await trx
        .updateTable('outbox_objects')
        .set({
          sent_version: row.desired_version,
          sent_state: row.desired_state,
          remote_id: gone ? null : outcome.remoteId ?? row.remote_id,
          remote_details: details,
          attempts: 0,
          last_error: null,
          updated_at: now,
        })
        .where('object_key', '=', row.object_key)
        .where('sent_version', '<', row.desired_version)
        .execute();
      return;
    }
    const attempts = row.attempts + 1;
    const givesUp = !outcome.retryable || attempts >= this.backoff.maxAttempts;
    const delay = outcome.retryable ? retryDelayMs(this.backoff, attempts, outcome.retryAfterMs, this.random) : 0;
    await trx
      .updateTable('outbox_objects')
      .set({
        attempts,
        last_error: outcome.message,
        failed_at: givesUp ? now : null,
        next_attempt_at: later(now, delay),
        updated_at: now,
      })
      // A newer version recorded meanwhile has earned fresh tries: leave it be.
      .where('object_key', '=', row.object_key)
      .where('desired_version', '=', row.desired_version)
      .execute();
  }
}
