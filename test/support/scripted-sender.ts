import type { Change, Outcome } from '../../src/outbox/change';
import type { Sender } from '../../src/outbox/sender';

export type Script = (change: Change) => Outcome | 'hang';

export interface ScriptedSender extends Sender {
  /** Every call, as the sender received it. */
  calls: { target: string; changes: Change[] }[];
  /** How the next changes are answered; by default every change succeeds. */
  script: Script;
}

let created = 0;

/** A sender double that answers as scripted: success with a new id, failure, 429 with Retry-After, or no answer at all. */
export function scriptedSender(kind = 'test.object', options: { batchSize?: number; pacingMs?: number } = {}): ScriptedSender {
  const sender: ScriptedSender = {
    kind,
    batchSize: options.batchSize ?? 20,
    pacingMs: options.pacingMs ?? 0,
    calls: [],
    script: (change) => ({ ok: true, remoteId: change.remoteId ?? `remote-${++created}` }),
    send: (target, changes, signal) => {
      sender.calls.push({ target, changes });
      const outcomes = changes.map((c) => sender.script(c));
      if (outcomes.includes('hang')) {
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      }
      return Promise.resolve(outcomes as Outcome[]);
    },
  };
  return sender;
}
