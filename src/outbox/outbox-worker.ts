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
  'object_key' | 'kind' | 'target' | 'desired_version' | 'desired_state' | 'sent_state' | 'remote_id' | 'unconfirmed_state' | 'attempts'
>;

/** A due row and what it takes: a change for the sender, or none (never made, no longer wanted). */
interface Planned {
  row: Row;
  change: Change | null;
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

const later = (now: Instant, ms: number): Instant => instantOf(new Date(Date.parse(now) + ms));

/**
 * The change that brings a row from what was sent to what is desired. A delete of an object whose
 * create went out unanswered carries that create's state as `sent` and no id, for the sender to find it.
 */
function changeOf(row: Row, target: string): Change | null {
  const [desired, sent, unconfirmed] = [parse(row.desired_state), parse(row.sent_state), parse(row.unconfirmed_state)];
  const action = actionFor(desired, sent, row.remote_id, unconfirmed);
  if (action === null) return null;
  const lostCreate = action === 'delete' && sent === null && row.remote_id === null;
  return {
    objectKey: row.object_key,
    kind: row.kind,
    target,
    version: row.desired_version,
    action,
    desired,
    sent: lostCreate ? unconfirmed : sent,
    remoteId: row.remote_id,
  };
}

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
      const planned = batch.map((row) => ({ row, change: changeOf(row, target) }));
      if (!(await this.prepareCall(target, planned))) return 0;
      const outcomes = await this.send(sender, target, planned);
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
   *
   * In the same transaction, before the call, every create about to go out is marked unconfirmed
   * with its state: should its answer be lost (a timeout, a reset, this process killed mid-call),
   * the object may exist with nothing else recorded, and a later cancellation must still reach it.
   */
  private prepareCall(target: string, planned: Planned[]): Promise<boolean> {
    return inTransaction(this.options.db, async (trx) => {
      const renewed = await trx
        .updateTable('outbox_targets')
        .set({ lease_until: later(this.options.clock.now(), this.leaseMs) })
        .where('target', '=', target)
        .where('lease_owner', '=', this.options.owner)
        .executeTakeFirst();
      if (Number(renewed.numUpdatedRows) !== 1) return false;
      for (const { row, change } of planned) {
        if (change?.action !== 'create') continue;
        await trx.updateTable('outbox_objects').set({ unconfirmed_state: row.desired_state }).where('object_key', '=', row.object_key).execute();
      }
      return true;
    });
  }

  private dueRows(target: string): Promise<Row[]> {
    return this.options.db
      .selectFrom('outbox_objects')
      .select(['object_key', 'kind', 'target', 'desired_version', 'desired_state', 'sent_state', 'remote_id', 'unconfirmed_state', 'attempts'])
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

  private async send(sender: Sender, target: string, planned: Planned[]): Promise<Outcome[]> {
    const changes = planned.flatMap(({ change }) => (change === null ? [] : [change]));
    const answers = changes.length > 0 ? await this.callWithTimeout(sender, target, changes) : [];
    let next = 0;
    // An object never created and no longer wanted needs no call: it is done as it stands.
    return planned.map(({ change, row }) => (change === null ? { ok: true, remoteId: row.remote_id } : answers[next++]!));
  }

  private async callWithTimeout(sender: Sender, target: string, changes: Change[]): Promise<Outcome[]> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.sendTimeoutMs);
    const timedOut = new Promise<never>((_, reject) =>
      abort.signal.addEventListener('abort', () =>
        reject(new Error(`Intet svar inden for ${this.sendTimeoutMs} ms / no answer within ${this.sendTimeoutMs} ms`)),
      ),
    );
    try {
      const outcomes = await Promise.race([sender.send(target, changes, abort.signal), timedOut]);
      if (outcomes.length !== changes.length) {
        throw new Error(
          `${sender.kind} svarede på ${outcomes.length} af ${changes.length} ændringer / ${sender.kind} answered ${outcomes.length} of ${changes.length} changes`,
        );
      }
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
        .set({ remote_id: outcome.remoteId, sent_state: null, unconfirmed_state: null, attempts: 0, last_error: null, next_attempt_at: now, updated_at: now })
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
          // The outcome of the create is known now: made (its id is kept), or cancelled as found.
          unconfirmed_state: null,
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
