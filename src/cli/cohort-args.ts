import { parseArgs } from 'node:util';
import type { Texts } from '../domain/errors';

export type Command =
  | { name: 'import'; file: string }
  | { name: 'export'; id: string; out: string | null }
  | { name: 'list' }
  | { name: 'erase'; id: string }
  | { name: 'outbox'; id: string }
  | { name: 'retry'; id: string }
  | { name: 'status'; id: string }
  | { name: 'answers'; id: string }
  | { name: 'book'; id: string; organizer: string | null }
  | { name: 'move'; id: string; meeting: string; start: string }
  | { name: 'cancel'; id: string; meeting: string }
  | { name: 'rebook'; id: string; meeting: string; start: string | null }
  | { name: 'help' };

export type Parsed = Command | { name: 'usage'; problem: Texts };

const usageProblem = (da: string, en: string): Parsed => ({ name: 'usage', problem: { da, en } });

const OPTIONS: Record<string, Record<string, { type: 'string'; short?: string }>> = {
  export: { out: { type: 'string', short: 'o' } },
  book: { organizer: { type: 'string' } },
};

/** The words after `npm run cohort --`, as one command; anything else is a usage problem. */
export function parseCohortArgs(argv: readonly string[]): Parsed {
  const [name, ...rest] = argv;
  if (name === undefined) return usageProblem('Angiv en kommando.', 'Give a command.');
  if (name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS[name] ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageProblem(`Fejl i tilvalgene: ${message}`, `Wrong options: ${message}`);
  }
  const { positionals, values } = parsed;
  const one = (what: Texts, make: (value: string) => Command): Parsed =>
    positionals.length === 1 ? make(positionals[0]!) : usageProblem(`"${name}" skal have præcis ét argument: ${what.da}.`, `"${name}" takes exactly one argument: ${what.en}.`);
  const between = (min: number, max: number, what: string, make: (values: string[]) => Command): Parsed =>
    positionals.length >= min && positionals.length <= max ? make(positionals) : usageProblem(`Brug: ${name} ${what}`, `Usage: ${name} ${what}`);
  switch (name) {
    case 'import':
      return one({ da: 'FIL', en: 'FILE' }, (file) => ({ name, file }));
    case 'export':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id, out: typeof values.out === 'string' ? values.out : null }));
    case 'erase':
    case 'outbox':
    case 'retry':
    case 'status':
    case 'answers':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id }));
    case 'book':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id, organizer: typeof values.organizer === 'string' ? values.organizer : null }));
    case 'move':
      return between(3, 3, 'ID MØDE/MEETING ÅÅÅÅ-MM-DDTTT:MM', ([id, meeting, start]) => ({ name, id: id!, meeting: meeting!, start: start! }));
    case 'cancel':
      return between(2, 2, 'ID MØDE/MEETING', ([id, meeting]) => ({ name, id: id!, meeting: meeting! }));
    case 'rebook':
      return between(2, 3, 'ID MØDE/MEETING [ÅÅÅÅ-MM-DDTTT:MM]', ([id, meeting, start]) => ({ name, id: id!, meeting: meeting!, start: start ?? null }));
    case 'list':
      return positionals.length === 0 ? { name } : usageProblem('"list" tager ingen argumenter.', '"list" takes no arguments.');
    default:
      return usageProblem(`Ukendt kommando "${name}".`, `Unknown command "${name}".`);
  }
}
