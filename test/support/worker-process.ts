import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const REGISTER = resolve(__dirname, 'ts-register.js');
const WORKER = resolve(__dirname, '../outbox/fixtures/worker-instance.ts');
const READY_TIMEOUT_MS = 15_000;

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for a clean exit: the round in progress finishes, the store closes. */
  stop(): Promise<void>;
}

/**
 * Starts test/outbox/fixtures/worker-instance.ts in a process of its own and resolves once it is
 * working. Only `env` reaches it: the developer's shell must not change what it does.
 */
export async function startWorker(name: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', REGISTER, WORKER], { env: { ...env, WORKER_NAME: name }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const worker: WorkerProcess = {
    name,
    child,
    stderr: () => err,
    exit,
    stop: async () => {
      child.kill('SIGTERM');
      const { code, signal } = await exit;
      if (code !== 0) throw new Error(`worker ${name} exited with ${code ?? signal} after SIGTERM; stderr: ${err}`);
    },
  };
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker ${name} not ready within ${READY_TIMEOUT_MS} ms; stderr: ${err}`)), READY_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/^ready /m.test(out)) {
        clearTimeout(timer);
        ready();
      }
    });
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`worker ${name} exited with ${code ?? signal} before it was ready; stderr: ${err}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return worker;
}
