import { parseInstant } from '../../src/domain/local-time';
import { outboxStatus, retryFailed } from '../../src/outbox/outbox-status';
import { OutboxWorker } from '../../src/outbox/outbox-worker';
import { recordDesired, type DesiredObject } from '../../src/outbox/record-desired';
import { leaseTargets } from '../../src/outbox/lease';
import { engines, useStore } from '../support/engines';
import { scriptedSender, type ScriptedSender } from '../support/scripted-sender';
import { testClock } from '../support/test-clock';

const label = { da: 'Opstartsmøde', en: 'Kick-off' };
let seq = 0;

describe.each(engines())('the outbox on $name', (engine) => {
  const fixture = useStore(engine);
  const clock = testClock();
  let sender: ScriptedSender;
  let cohortId: string;

  // Each test has its own cohort and mailboxes too, so nothing another test left pending is in the way.
  const mailbox = (name: string) => `${cohortId}/${name}`;
  const object = (key: string, state: unknown, target = 'mailbox-a'): DesiredObject => ({
    objectKey: `${cohortId}:${key}`,
    cohortId,
    kind: sender.kind,
    target: mailbox(target),
    label,
    state,
  });
  const record = (key: string, state: unknown, target?: string) => recordDesired(fixture.store.db, object(key, state, target), clock.now());
  const worker = (options: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) =>
    new OutboxWorker({ db: fixture.store.db, engine: engine.name, senders: [sender], clock, owner: `w-${++seq}`, random: () => 0.5, ...options });
  const status = () => outboxStatus(fixture.store.db, cohortId, [sender.kind]);
  const sentActions = () => sender.calls.flatMap((c) => c.changes.map((ch) => [ch.objectKey.split(':')[1], ch.action, ch.version]));

  beforeEach(() => {
    cohortId = `cohort-${++seq}`;
    // A kind of its own per test: workers lease only what their senders can send.
    sender = scriptedSender(`test.object.${seq}`);
  });

  it('creates, then updates the same object with the id the service gave it', async () => {
    sender.script = (c) => ({ ok: true, remoteId: c.remoteId ?? 'AAMkAGI2TG93AAA=' });
    await record('event', { start: '09:00' });
    expect(await worker().runOnce()).toBe(1);
    await record('event', { start: '10:00' });
    await worker().runOnce();
    expect(sentActions()).toEqual([
      ['event', 'create', 1],
      ['event', 'update', 2],
    ]);
    const update = sender.calls[1]!.changes[0]!;
    expect(update).toMatchObject({ remoteId: 'AAMkAGI2TG93AAA=', sent: { start: '09:00' }, desired: { start: '10:00' } });
    expect(await status()).toEqual([expect.objectContaining({ state: 'sent', attempts: 0, reason: null })]);
  });

  it('coalesces three quick changes into one call with the newest state', async () => {
    for (const start of ['09:00', '10:00', '11:00']) await record('event', { start });
    await worker().runOnce();
    expect(sender.calls).toHaveLength(1);
    expect(sender.calls[0]!.changes).toEqual([expect.objectContaining({ action: 'create', version: 3, desired: { start: '11:00' } })]);
    expect(await worker().runOnce()).toBe(0);
  });

  it('never lets an update overtake the create it depends on', async () => {
    sender.script = () => ({ ok: false, retryable: true, message: 'Service unavailable', retryAfterMs: null });
    await record('event', { start: '09:00' });
    await worker().runOnce();
    await record('event', { start: '10:00' });
    sender.script = (c) => ({ ok: true, remoteId: `id-of-${c.version}` });
    await worker().runOnce();
    expect(sentActions()).toEqual([
      ['event', 'create', 1],
      ['event', 'create', 2],
    ]);
  });

  it('follows a create the service had already made on a lost try with an update to the newest state', async () => {
    sender.script = (c) => (c.action === 'create' ? { ok: true, remoteId: 'made-on-the-lost-try', existed: true } : { ok: true, remoteId: c.remoteId });
    await record('event', { start: '10:00' });
    await worker().runOnce();
    expect((await status())[0]!.state).toBe('planned');
    await worker().runOnce();
    expect(sender.calls.map((c) => c.changes[0]).map((ch) => [ch!.action, ch!.version, ch!.remoteId])).toEqual([
      ['create', 1, null],
      ['update', 1, 'made-on-the-lost-try'],
    ]);
    expect((await status())[0]!.state).toBe('sent');
  });

  it('keeps what the service reported about an object until a later call reports anew, and forgets it once cancelled', async () => {
    const details = (link: string) => ({ fields: { webLink: link }, warning: null });
    sender.script = (c) => ({ ok: true, remoteId: c.remoteId ?? 'AAMkAD1=', ...(c.version === 2 ? {} : { details: details(`v${c.version}`) }) });
    const reported = async () => (await status())[0]!.details;
    await record('event', { start: '09:00' });
    await worker().runOnce();
    expect(await reported()).toEqual(details('v1'));
    await record('event', { start: '10:00' });
    await worker().runOnce();
    expect(await reported()).toEqual(details('v1'));
    await record('event', { start: '11:00' });
    await worker().runOnce();
    expect(await reported()).toEqual(details('v3'));
    await record('event', null);
    await worker().runOnce();
    expect(await reported()).toBeNull();
  });

  it('refuses a send timeout that would outlast the lease', () => {
    expect(() => worker({ leaseMs: 1_000, sendTimeoutMs: 1_000 })).toThrow(/must be shorter than leaseMs/);
  });

  it('cancels what was sent, and sends nothing for an object cancelled before it was ever sent', async () => {
    await record('sent-then-cancelled', { start: '09:00' });
    await worker().runOnce();
    await record('sent-then-cancelled', null);
    await record('never-sent', { start: '09:00' });
    await record('never-sent', null);
    await worker().runOnce();
    expect(sentActions()).toEqual([
      ['sent-then-cancelled', 'create', 1],
      ['sent-then-cancelled', 'delete', 2],
    ]);
    expect((await status()).map((s) => s.state)).toEqual(['sent', 'sent']);
  });

  it("waits at least the service's Retry-After before trying again, for the whole target", async () => {
    await record('event', { start: '09:00' });
    await record('other', { start: '09:00' });
    sender.script = (c) => (c.objectKey.endsWith('event') ? { ok: false, retryable: true, message: 'TooManyRequests', retryAfterMs: 120_000 } : { ok: true, remoteId: 'x' });
    await worker().runOnce();
    await record('third', { start: '09:00' });
    clock.advance(119_000);
    expect(await worker().runOnce()).toBe(0);
    expect((await status()).find((s) => s.objectKey.endsWith('event'))).toMatchObject({ state: 'planned', reason: 'TooManyRequests', attempts: 1 });
    clock.advance(2_000);
    sender.script = () => ({ ok: true, remoteId: 'y' });
    expect(await worker().runOnce()).toBe(2);
  });

  it('backs off exponentially and gives up after the last try with the service message, until an advisor retries', async () => {
    await record('event', { start: '09:00' });
    sender.script = () => ({ ok: false, retryable: true, message: 'ErrorMailboxStoreUnavailable', retryAfterMs: null });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const before = Date.parse(clock.now());
      await worker().runOnce();
      const next = (await status())[0]!;
      if (next.nextAttemptAt) delays.push(Date.parse(next.nextAttemptAt) - before);
      clock.advance(60 * 60_000);
    }
    expect(delays).toEqual([750, 1500, 3000, 6000, 12000, 24000, 48000]);
    expect(await status()).toEqual([expect.objectContaining({ state: 'failed', reason: 'ErrorMailboxStoreUnavailable', attempts: 8 })]);
    expect(await worker().runOnce()).toBe(0);

    sender.script = () => ({ ok: true, remoteId: 'r' });
    expect(await retryFailed(fixture.store.db, cohortId, clock.now())).toBe(1);
    expect((await status())[0]!.state).toBe('planned');
    await worker().runOnce();
    expect((await status())[0]!.state).toBe('sent');
  });

  it('marks an object failed at once when the service refuses it for good', async () => {
    await record('event', { start: '09:00' });
    sender.script = () => ({ ok: false, retryable: false, message: 'ErrorInvalidRecipients: the attendee address is invalid' });
    await worker().runOnce();
    expect(await status()).toEqual([expect.objectContaining({ state: 'failed', reason: 'ErrorInvalidRecipients: the attendee address is invalid', attempts: 1 })]);
  });

  it('gives up waiting for a call that does not answer and tries again later', async () => {
    await record('event', { start: '09:00' });
    sender.script = () => 'hang';
    await worker({ sendTimeoutMs: 50 }).runOnce();
    expect(await status()).toEqual([expect.objectContaining({ state: 'planned', reason: 'Intet svar inden for 50 ms / no answer within 50 ms', attempts: 1 })]);
  });

  const unconfirmed = async () =>
    (await fixture.store.db.selectFrom('outbox_objects').select('unconfirmed_state').where('cohort_id', '=', cohortId).executeTakeFirstOrThrow()).unconfirmed_state;

  it('cancels a create whose answer never came: a delete with no id, carrying the state that create was sent with', async () => {
    await record('event', { start: '09:00' });
    sender.script = () => 'hang';
    await worker({ sendTimeoutMs: 50 }).runOnce();
    expect(await unconfirmed()).toBe(JSON.stringify({ start: '09:00' }));

    // Cancelled before the retry: the event may exist in everyone's calendar, so it must not be taken as never made.
    await record('event', null);
    sender.script = () => ({ ok: true, remoteId: null });
    expect(await worker().runOnce()).toBe(1);
    expect(sender.calls.map((c) => c.changes)).toEqual([
      [expect.objectContaining({ action: 'create', version: 1, desired: { start: '09:00' }, sent: null, remoteId: null })],
      [expect.objectContaining({ action: 'delete', version: 2, desired: null, sent: { start: '09:00' }, remoteId: null })],
    ]);
    expect(await status()).toEqual([expect.objectContaining({ state: 'sent', attempts: 0, reason: null })]);
    expect(await unconfirmed()).toBeNull();
    expect(await worker().runOnce()).toBe(0);
  });

  it('marks a create unconfirmed before the call goes out, so a worker killed mid-call leaves it marked', async () => {
    await record('event', { start: '09:00' });
    const seenDuringCall: (string | null)[] = [];
    const send = sender.send;
    sender.send = async (target, changes, signal) => {
      seenDuringCall.push(await unconfirmed());
      return send(target, changes, signal);
    };
    await worker().runOnce();
    expect(seenDuringCall).toEqual([JSON.stringify({ start: '09:00' })]);
  });

  it('leaves nothing unconfirmed once a create is answered, made now or on a lost try, and then cancels by id', async () => {
    await record('made', { start: '09:00' });
    await record('made-before', { start: '10:00' });
    sender.script = (c) =>
      c.objectKey.endsWith(':made') ? { ok: true, remoteId: 'id-made' } : c.action === 'create' ? { ok: true, remoteId: 'id-made-before', existed: true } : { ok: true, remoteId: c.remoteId };
    await worker().runOnce();
    const rows = () =>
      fixture.store.db.selectFrom('outbox_objects').select(['object_key', 'unconfirmed_state', 'remote_id']).where('cohort_id', '=', cohortId).orderBy('object_key').execute();
    expect((await rows()).map((r) => [r.object_key.split(':')[1], r.unconfirmed_state, r.remote_id])).toEqual([
      ['made', null, 'id-made'],
      ['made-before', null, 'id-made-before'],
    ]);
    await record('made', null);
    await worker().runOnce();
    expect(sender.calls.at(-1)!.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ objectKey: `${cohortId}:made`, action: 'delete', remoteId: 'id-made', sent: { start: '09:00' } })]),
    );
  });

  it('sends a create again, not a delete, for an unanswered create still wanted', async () => {
    await record('event', { start: '09:00' });
    sender.script = () => 'hang';
    await worker({ sendTimeoutMs: 50 }).runOnce();
    await record('event', { start: '10:00' });
    sender.script = () => ({ ok: true, remoteId: 'id-1' });
    await worker().runOnce();
    expect(sentActions()).toEqual([
      ['event', 'create', 1],
      ['event', 'create', 2],
    ]);
    expect(await unconfirmed()).toBeNull();
  });

  it("takes over a dead worker's target when its lease runs out, and fences out its late answer", async () => {
    await record('event', { start: '09:00' });
    let answer: (value: unknown) => void = () => undefined;
    const slow = scriptedSender(sender.kind);
    const lateFailure = { ok: false as const, retryable: true as const, message: 'late failure', retryAfterMs: null };
    let called: () => void = () => undefined;
    const sending = new Promise<void>((resolve) => (called = resolve));
    slow.send = (_target, changes) => {
      called();
      return new Promise((resolve) => (answer = () => resolve(changes.map(() => lateFailure))));
    };
    const stuck = worker({ senders: [slow], leaseMs: 10_000, sendTimeoutMs: 5_000 }).runOnce();
    await sending;

    expect(await worker().runOnce()).toBe(0);
    clock.advance(10_001);
    expect(await worker().runOnce()).toBe(1);
    answer(undefined);
    await stuck;
    const row = await fixture.store.db
      .selectFrom('outbox_objects')
      .select(['remote_id', 'sent_version', 'attempts', 'last_error'])
      .where('cohort_id', '=', cohortId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ remote_id: expect.stringMatching(/^remote-/), sent_version: 1, attempts: 0, last_error: null });
  });

  it('sends at most one batch of the sender’s size per target per round, and paces the target', async () => {
    sender = scriptedSender(sender.kind, { batchSize: 20, pacingMs: 1_000 });
    for (let i = 0; i < 25; i++) await record(`o${String(i).padStart(2, '0')}`, { i });
    await record('elsewhere', { i: 0 }, 'mailbox-b');
    expect(await worker().runOnce()).toBe(21);
    expect(sender.calls.map((c) => [c.target, c.changes.length]).sort()).toEqual([
      [mailbox('mailbox-a'), 20],
      [mailbox('mailbox-b'), 1],
    ]);
    expect(await worker().runOnce()).toBe(0);
    clock.advance(1_000);
    expect(await worker().runOnce()).toBe(5);
  });

  it('keeps work it cannot send as "not connected to Microsoft 365", claiming nothing', async () => {
    await record('event', { start: '09:00' });
    expect(await worker({ senders: [] }).runOnce()).toBe(0);
    expect(await outboxStatus(fixture.store.db, cohortId, [])).toEqual([
      expect.objectContaining({ state: 'not_connected', label, attempts: 0 }),
    ]);
  });

  it('records desired state in the caller’s transaction: a rolled-back change leaves no work', async () => {
    await expect(
      fixture.store.db.transaction().execute(async (trx) => {
        await recordDesired(trx, object('event', { start: '09:00' }), clock.now());
        throw new Error('the domain change failed');
      }),
    ).rejects.toThrow('the domain change failed');
    expect(await status()).toEqual([]);
  });

  it('never leases a target twice at once', async () => {
    await record('event', { start: '09:00' });
    const now = clock.now();
    const until = parseInstant(new Date(Date.parse(now) + 60_000).toISOString());
    const request = { now, until, kinds: [sender.kind], limit: 100 };
    const [a, b] = await Promise.all([
      leaseTargets(fixture.store.db, engine.name, { ...request, owner: 'a' }),
      leaseTargets(fixture.store.db, engine.name, { ...request, owner: 'b' }),
    ]);
    expect([...a, ...b].filter((t) => t === mailbox('mailbox-a'))).toHaveLength(1);
  });
});
