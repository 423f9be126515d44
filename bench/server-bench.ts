import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/http';
import { median, type BenchModule, type Figure } from './figures';

/** The built server, as `npm start` runs it: `npm run bench` builds it first, then runs this from source. */
const MAIN = resolve(__dirname, '../dist/src/server/main.js');
const STARTS = 5;
const POLL_MS = 10;
const START_TIMEOUT_MS = 10_000;
const IDLE_MS = 1000;

interface Started {
  child: ChildProcess;
  coldStartMs: number;
}

export const serverBench: BenchModule = {
  name: 'server',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'gf-bench-'));
    let server: Started | undefined;
    try {
      const starts: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        if (server) await stop(server.child);
        server = await coldStart(join(dir, `run-${i}`));
        starts.push(server.coldStartMs);
      }
      await sleep(IDLE_MS);
      const rss = residentMb(server!.child);
      await stop(server!.child);
      return [
        { name: 'server.cold_start_ms', value: Math.round(median(starts)), unit: 'ms', note: `median of ${STARTS} starts, each on a fresh SQLite file: spawn to first /healthz 200` },
        { name: 'server.idle_rss_mb', value: rss, unit: 'MB', note: `VmRSS after ${IDLE_MS} ms idle` },
      ];
    } finally {
      // A failed figure must not leave a server running behind the bench.
      if (server?.child.exitCode === null) server.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function coldStart(dir: string): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  // Only these variables: the figures must not depend on what the shell happens to export.
  const child = spawn(process.execPath, [MAIN], {
    env: { PORT: String(port), DATABASE_FILE: join(dir, 'gf.sqlite') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/healthz`;
  try {
    while ((await status(url)) !== 200) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`no 200 from ${url} within ${START_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, coldStartMs: performance.now() - started };
}

/** 0 while nothing listens yet: refusals are the server still starting. */
function status(url: string): Promise<number> {
  return fetch(url).then((res) => res.status, () => 0);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`server exited with ${code ?? signal} after SIGTERM, expected 0`);
}

function residentMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${child.pid}/status`);
  return Math.round((Number(kb) / 1024) * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
