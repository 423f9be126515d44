import type { LogLevel } from '../config/config';

export interface Log {
  error(line: string): void;
  warn(line: string): void;
  info(line: string): void;
  debug(line: string): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

type Write = (line: string) => void;

const toStdout: Write = (line) => process.stdout.write(`${line}\n`);
const toStderr: Write = (line) => process.stderr.write(`${line}\n`);

/** Plain lines, no timestamps: the process manager (systemd, a container runtime) adds those. */
export function createLog(level: LogLevel, out: Write = toStdout, err: Write = toStderr): Log {
  const at = (wanted: LogLevel, write: Write): Write => (RANK[wanted] <= RANK[level] ? write : () => undefined);
  return { error: at('error', err), warn: at('warn', err), info: at('info', out), debug: at('debug', out) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
