import type { Texts } from '../domain/errors';

const MAX_SHOWN = 80;

/**
 * A wrong or missing environment variable. The message is one line, Danish first, that names the
 * variable and what it expects, so a start that fails says exactly what to fix.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: Texts,
    /** What was given, already redacted; absent when the variable is missing. */
    readonly got?: string,
  ) {
    super(`${variable}: ${expected.da} / ${expected.en}${got === undefined ? '' : ` (fik/got ${quote(got)})`}`);
    this.name = 'ConfigError';
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}

/** JSON quoting escapes newlines and control characters: the message stays one line. */
function quote(value: string): string {
  return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
}
