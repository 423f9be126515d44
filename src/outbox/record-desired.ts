import type { Texts } from '../domain/errors';
import type { Instant } from '../domain/local-time';
import type { Executor } from '../store/schema';

export interface DesiredObject {
  objectKey: string;
  cohortId: string;
  kind: string;
  target: string;
  label: Texts;
  /** The sender's state to reach; null when the object should no longer exist. */
  state: unknown;
}

/**
 * Records how a Microsoft 365 object should be, in the caller's transaction, so it commits or rolls
 * back with the domain change that caused it. Each call is a new version; the worker sends only the
 * newest, so quick successive changes coalesce into one call. A new version gets fresh tries.
 */
export async function recordDesired(executor: Executor, object: DesiredObject, now: Instant): Promise<void> {
  const state = object.state === null ? null : JSON.stringify(object.state);
  await executor
    .insertInto('outbox_objects')
    .values(firstVersion(object, now))
    .onConflict((oc) =>
      oc.column('object_key').doUpdateSet((eb) => ({
        desired_version: eb('outbox_objects.desired_version', '+', 1),
        desired_state: state,
        label: JSON.stringify(object.label),
        attempts: 0,
        next_attempt_at: now,
        failed_at: null,
        last_error: null,
        updated_at: now,
      })),
    )
    .execute();
  await ensureTarget(executor, object.target);
}

/**
 * Records an object only if its key was never recorded: for messages that must go out exactly once
 * (a reminder), however often the planner finds them due, on however many instances.
 */
export async function recordOnce(executor: Executor, object: DesiredObject, now: Instant): Promise<boolean> {
  const result = await executor
    .insertInto('outbox_objects')
    .values(firstVersion(object, now))
    .onConflict((oc) => oc.column('object_key').doNothing())
    .returning('object_key')
    .executeTakeFirst();
  if (result === undefined) return false;
  await ensureTarget(executor, object.target);
  return true;
}

function firstVersion(object: DesiredObject, now: Instant) {
  return {
    object_key: object.objectKey,
    cohort_id: object.cohortId,
    kind: object.kind,
    target: object.target,
    label: JSON.stringify(object.label),
    desired_version: 1,
    desired_state: object.state === null ? null : JSON.stringify(object.state),
    sent_version: 0,
    sent_state: null,
    remote_id: null,
    attempts: 0,
    next_attempt_at: now,
    failed_at: null,
    last_error: null,
    updated_at: now,
  };
}

async function ensureTarget(executor: Executor, target: string): Promise<void> {
  await executor.insertInto('outbox_targets').values({ target, lease_owner: null, lease_until: null, not_before: null })
    .onConflict((oc) => oc.column('target').doNothing())
    .execute();
}
