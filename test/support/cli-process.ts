import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/src/cli/cohort.js');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `npm run cohort -- …` as an advisor runs it: the built CLI in a process of its own, with only the
 * environment given (a Graph double's env() carries NODE_EXTRA_CA_CERTS, which a running process
 * could not take on). The CLI itself waits up to a minute for Microsoft 365 before it reports.
 */
export function runBuiltCli(env: Record<string, string>, args: readonly string[]): Promise<CliRun> {
  return new Promise((done) =>
    execFile(process.execPath, [CLI, ...args], { env, timeout: 90_000 }, (error, out, err) =>
      done({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    ),
  );
}
