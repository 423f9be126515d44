import type { Answer } from '../../src/graph/graph-failures';
import { pollOperation } from '../../src/graph/poll-operation';

const operation = (status: string, extra: Record<string, unknown> = {}): Answer => ({ status: 200, headers: {}, body: { id: 'op', status, ...extra } });
const refusal = (status: number, headers: Record<string, string> = {}): Answer => ({ status, headers, body: { error: { code: 'X', message: 'x' } } });

/** Reads the answers in order and records every wait, with no real time passing. */
function script(answers: Answer[], delaysMs = [10, 20, 40, 80]) {
  const waits: number[] = [];
  let reads = 0;
  const options = { delaysMs, sleep: (ms: number) => Promise.resolve(void waits.push(ms)), now: () => 0 };
  const read = () => Promise.resolve(answers[reads++] ?? operation('inProgress'));
  return { waits, reads: () => reads, run: () => pollOperation(read, options) };
}

describe("polling a Teams operation until it settles, bounded, honouring Graph's Retry-After", () => {
  it('waits longer each time until the operation has succeeded', async () => {
    const poll = script([operation('notStarted'), operation('inProgress'), operation('succeeded')]);
    expect(await poll.run()).toEqual({ kind: 'succeeded' });
    expect(poll.waits).toEqual([10, 20, 40]);
  });

  it('stops after its last wait, unsettled, for the outbox to check again later', async () => {
    const poll = script([]);
    expect(await poll.run()).toEqual({ kind: 'unsettled' });
    expect(poll.reads()).toBe(4);
  });

  it('reads past throttling, outages and a refused token', async () => {
    const poll = script([refusal(429, { 'retry-after': '0' }), refusal(503, { 'Retry-After': '0' }), refusal(401), operation('succeeded')]);
    expect(await poll.run()).toEqual({ kind: 'succeeded' });
    expect(poll.waits).toEqual([10, 20, 40, 80]);
  });

  it("takes Retry-After as the next wait's floor, never shortening it", async () => {
    const poll = script([refusal(429, { 'retry-after': '2' }), operation('inProgress'), operation('succeeded')], [1_000, 1_000, 1_000, 3_000]);
    expect(await poll.run()).toEqual({ kind: 'succeeded' });
    expect(poll.waits).toEqual([1_000, 2_000, 1_000]);
  });

  it('ends unsettled at once when Retry-After asks for more than the time left', async () => {
    const poll = script([refusal(429, { 'retry-after': '1' })]);
    expect(await poll.run()).toEqual({ kind: 'unsettled' });
    expect(poll.waits).toEqual([10]);
  });

  it('leaves any other refusal unsettled, for the team itself to be checked', async () => {
    const poll = script([refusal(403)]);
    expect(await poll.run()).toEqual({ kind: 'unsettled' });
    expect(poll.reads()).toBe(1);
  });

  it("reports a failed operation with Teams' own reason", async () => {
    const poll = script([operation('failed', { error: { code: 'Conflict', message: 'The owner has no Teams licence.' } })]);
    expect(await poll.run()).toEqual({ kind: 'failed', reason: 'Conflict: The owner has no Teams licence.' });
  });
});
