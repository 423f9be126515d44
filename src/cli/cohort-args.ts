import { parseArgs } from 'node:util';
import type { Texts } from '../domain/errors';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminders';
import { LINK_ID, LINK_PURPOSES, type LinkPurpose } from '../links/link-token';

export type Command =
  | { name: 'import'; file: string }
  | { name: 'export'; id: string; out: string | null }
  | { name: 'list' }
  | { name: 'erase'; id: string }
  | { name: 'outbox'; id: string }
  | { name: 'retry'; id: string }
  | { name: 'status'; id: string }
  | { name: 'answers'; id: string }
  | { name: 'reach'; id: string; install: boolean }
  | { name: 'team'; id: string; teamId: string }
  | { name: 'team-create'; id: string; teamName: string | null }
  | { name: 'book'; id: string; organizer: string | null }
  | { name: 'move'; id: string; meeting: string; start: string }
  | { name: 'cancel'; id: string; meeting: string }
  | { name: 'rebook'; id: string; meeting: string; start: string | null }
  | { name: 'link'; id: string; email: string; meeting: string; purpose: LinkPurpose; days: number | null }
  | { name: 'revoke'; linkId: string }
  | { name: 'invite'; id: string; meeting: string }
  | { name: 'remind'; id: string; meeting: string; kind: ReminderKind }
  | { name: 'announce'; id: string; meeting: string }
  | { name: 'help' };

export type Parsed = Command | { name: 'usage'; problem: Texts };

const usageProblem = (da: string, en: string): Parsed => ({ name: 'usage', problem: { da, en } });

const OPTIONS: Record<string, Record<string, { type: 'string' | 'boolean'; short?: string }>> = {
  export: { out: { type: 'string', short: 'o' } },
  book: { organizer: { type: 'string' } },
  link: { days: { type: 'string' }, purpose: { type: 'string' } },
  reach: { install: { type: 'boolean' } },
  team: { create: { type: 'boolean' }, name: { type: 'string' } },
};

/** A team's id is its Microsoft 365 group's object id. */
const TEAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A link lives at most a year: long enough for the whole programme, short enough to be forgotten safely. */
const MAX_LINK_DAYS = 366;

/** `team ID --create [--name NAVN]`: the product creates the cohort's team instead of linking one. */
function teamCreate(positionals: readonly string[], create: boolean, name: string | boolean | undefined): Parsed {
  if (!create) return usageProblem('--name bruges kun sammen med --create.', '--name goes only with --create.');
  if (positionals.length !== 1) return usageProblem('Brug: team ID --create [--name NAVN] (uden TEAM-ID)', 'Usage: team ID --create [--name NAME] (no TEAM-ID)');
  const teamName = typeof name === 'string' ? name.trim() : null;
  if (teamName === '') return usageProblem('--name må ikke være tomt.', '--name must not be empty.');
  return { name: 'team-create', id: positionals[0]!, teamName };
}

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
    case 'reach':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id, install: values.install === true }));
    case 'team': {
      if (values.create === true || values.name !== undefined) return teamCreate(positionals, values.create === true, values.name);
      const teamId = positionals[1]?.trim();
      if (positionals.length === 2 && teamId !== undefined && !TEAM_ID.test(teamId)) {
        return usageProblem(`"${teamId}" er ikke et team-id (teamets gruppe-id, en GUID).`, `"${teamId}" is not a team id (the team's group id, a GUID).`);
      }
      return between(2, 2, 'ID TEAM-ID', ([id, team]) => ({ name, id: id!, teamId: team!.trim() }));
    }
    case 'book':
      return one({ da: 'ID', en: 'ID' }, (id) => ({ name, id, organizer: typeof values.organizer === 'string' ? values.organizer : null }));
    case 'move':
      return between(3, 3, 'ID MØDE/MEETING ÅÅÅÅ-MM-DDTTT:MM', ([id, meeting, start]) => ({ name, id: id!, meeting: meeting!, start: start! }));
    case 'invite':
      return between(2, 2, 'ID MØDE/MEETING', ([id, meeting]) => ({ name, id: id!, meeting: meeting! }));
    case 'announce':
      return between(2, 2, 'ID MØDE/MEETING', ([id, meeting]) => ({ name, id: id!, meeting: meeting! }));
    case 'remind': {
      const kind = positionals[2];
      if (positionals.length === 3 && !REMINDER_KINDS.some((k) => k === kind)) {
        return usageProblem(`"${kind}" er ikke en påmindelse; vælg ${REMINDER_KINDS.join(', ')}.`, `"${kind}" is not a reminder; choose ${REMINDER_KINDS.join(', ')}.`);
      }
      return between(3, 3, `ID MØDE/MEETING ${REMINDER_KINDS.join('|')}`, ([id, meeting, k]) => ({ name, id: id!, meeting: meeting!, kind: k as ReminderKind }));
    }
    case 'cancel':
      return between(2, 2, 'ID MØDE/MEETING', ([id, meeting]) => ({ name, id: id!, meeting: meeting! }));
    case 'rebook':
      return between(2, 3, 'ID MØDE/MEETING [ÅÅÅÅ-MM-DDTTT:MM]', ([id, meeting, start]) => ({ name, id: id!, meeting: meeting!, start: start ?? null }));
    case 'link': {
      const days = typeof values.days === 'string' ? Number(values.days) : null;
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= MAX_LINK_DAYS)) {
        return usageProblem(`--days skal være et helt antal dage 1–${MAX_LINK_DAYS}.`, `--days must be a whole number of days 1–${MAX_LINK_DAYS}.`);
      }
      const asked = typeof values.purpose === 'string' ? values.purpose : 'rsvp';
      const purpose = LINK_PURPOSES.find((p) => p === asked);
      if (purpose === undefined) {
        return usageProblem(`--purpose skal være ${LINK_PURPOSES.join(', ')}, ikke "${asked}".`, `--purpose must be ${LINK_PURPOSES.join(', ')}, not "${asked}".`);
      }
      return between(3, 3, `ID EMAIL MØDE/MEETING [--purpose ${LINK_PURPOSES.join('|')}] [--days N]`, ([id, email, meeting]) => ({ name, id: id!, email: email!, meeting: meeting!, purpose, days }));
    }
    case 'revoke':
      if (positionals.length === 1 && !LINK_ID.test(positionals[0]!)) {
        return usageProblem(`"${positionals[0]}" er ikke et link-id (22 tegn, som "link" skriver det).`, `"${positionals[0]}" is not a link id (22 characters, as "link" prints it).`);
      }
      return one({ da: 'LINK-ID', en: 'LINK_ID' }, (linkId) => ({ name, linkId }));
    case 'list':
      return positionals.length === 0 ? { name } : usageProblem('"list" tager ingen argumenter.', '"list" takes no arguments.');
    default:
      return usageProblem(`Ukendt kommando "${name}".`, `Unknown command "${name}".`);
  }
}
