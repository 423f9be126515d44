import { parseArgs } from 'node:util';
import type { Texts } from '../domain/errors';

export type Command =
  | { name: 'import'; file: string }
  | { name: 'export'; id: string; out: string | null }
  | { name: 'list' }
  | { name: 'erase'; id: string }
  | { name: 'outbox'; id: string }
  | { name: 'retry'; id: string }
  | { name: 'help' };

export type Parsed = Command | { name: 'usage'; problem: Texts };

const usageProblem = (da: string, en: string): Parsed => ({ name: 'usage', problem: { da, en } });

/** The words after `npm run cohort --`, as one command; anything else is a usage problem. */
export function parseCohortArgs(argv: readonly string[]): Parsed {
  const [name, ...rest] = argv;
  if (name === undefined) return usageProblem('Angiv en kommando.', 'Give a command.');
  if (name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: name === 'export' ? { out: { type: 'string', short: 'o' } } : {}, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageProblem(`Fejl i tilvalgene: ${message}`, `Wrong options: ${message}`);
  }
  const { positionals, values } = parsed;
  const one = (what: Texts, make: (value: string) => Command): Parsed =>
    positionals.length === 1 ? make(positionals[0]!) : usageProblem(`"${name}" skal have præcis ét argument: ${what.da}.`, `"${name}" takes exactly one argument: ${what.en}.`);
  switch (name) {
    case 'import':
      return one({ da: 'FIL', en: 'FILE' }, (file) => ({ name, file }));
    case 'export':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id, out: typeof values.out === 'string' ? values.out : null }));
    case 'erase':
    case 'outbox':
    case 'retry':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id }));
    case 'list':
      return positionals.length === 0 ? { name } : usageProblem('"list" tager ingen argumenter.', '"list" takes no arguments.');
    default:
      return usageProblem(`Ukendt kommando "${name}".`, `Unknown command "${name}".`);
  }
}
