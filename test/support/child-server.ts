import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/** The built server, as `npm start` runs it; `npm test` builds before jest runs. */
export const MAIN = resolve(__dirname, '../../dist/src/server/main.js');

export interface ChildServer {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Only the given variables: what the developer's shell happens to export must not change the result. */
export function spawnMain(env: NodeJS.ProcessEnv, cwd: string): ChildServer {
  const child = spawn(process.execPath, [MAIN], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { process: child, stdout: () => out, stderr: () => err, exit };
}

/** Polls /healthz every 10 ms until it answers 200; connection refusals before that are the server still starting. */
export async function waitForHealthy(url: string, child: ChildServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exit.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited before answering: ${child.stderr()}`);
    const status = await fetch(`${url}/healthz`).then((res) => res.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`no 200 from ${url}/healthz within ${timeoutMs} ms (last status ${status}); stderr: ${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
