/**
 * Checks a rendered card the way two of Microsoft's tools read it:
 * - the `adaptivecards` renderer library parses it (unknown element or action types, bad enum values,
 *   duplicate ids, missing required parts, versions above 1.5);
 * - the official Adaptive Card 1.5 JSON schema validates it (every property name and type).
 *
 * The schema is Microsoft's own, published in microsoft/AdaptiveCards as
 * schemas/1.5.0/adaptive-card.json (http://adaptivecards.io/schemas/1.5.0/adaptive-card.json),
 * copied unchanged into test/contracts/ from the project's shared contracts so tests stand alone.
 */
import Ajv, { type ErrorObject } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { createRequire } from 'node:module';
import officialSchema from '../contracts/adaptive-card-1.5.0.json';

// The package's lib/ is ESM without file extensions, which Node's CommonJS loader cannot follow;
// the UMD bundle in dist/ loads, and needs no DOM to parse.
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/**
 * Teams reads `msteams` on the card root (e.g. `width: "Full"`); the schema's root forbids extra
 * properties, so exactly this one is allowed, with only the settings our cards use.
 */
const MSTEAMS = {
  type: 'object',
  properties: { width: { enum: ['Full'] } },
  additionalProperties: false,
};

function teamsSchema(): object {
  const { id, definitions, ...rest } = officialSchema;
  const card = definitions.AdaptiveCard;
  return {
    ...rest,
    // Draft-06 names the schema `$id`; the file still uses draft-04's `id`, which ajv 8 refuses.
    $id: id,
    definitions: { ...definitions, AdaptiveCard: { ...card, properties: { ...card.properties, msteams: MSTEAMS } } },
  };
}

/** A URI without whitespace that the WHATWG parser accepts (relative to a base, for references). */
function uriFormat(base?: string) {
  return (value: string) => /^\S+$/.test(value) && URL.canParse(value, base);
}

function compileSchema(): Ajv {
  // strictTypes off: the schema states `pattern`/`required` beside `anyOf` without repeating `type`,
  // which is valid draft-06; every other strict check stays on.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addMetaSchema(draft06);
  // Annotations the Adaptive Cards schema adds for its own tooling; they constrain nothing.
  ajv.addVocabulary(['version', 'features', 'example']);
  ajv.addFormat('uri', uriFormat());
  ajv.addFormat('uri-reference', uriFormat('https://relative.invalid/'));
  ajv.addSchema(teamsSchema());
  return ajv;
}

const ajv = compileSchema();
const validateSchema = ajv.getSchema(officialSchema.id)!;

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const hasType = (value: unknown): value is Json & { type: string } => isObject(value) && typeof value.type === 'string';

/** Whether an error at `pointer` inside `node` lies in a typed child, which reports it itself. */
function inTypedChild(node: unknown, pointer: string): boolean {
  let current = node;
  for (const key of pointer.split('/').slice(1)) {
    current = isObject(current) || Array.isArray(current) ? (current as Json)[key] : undefined;
    if (hasType(current)) return true;
  }
  return false;
}

/** An enum in the schema is "one of these words, or the same in any case": one complaint is enough. */
function withoutAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword !== 'anyOf' && !(enumPaths.has(e.instancePath) && (e.keyword === 'pattern' || e.keyword === 'type')));
}

function ownProblems(node: Json & { type: string }, path: string): string[] {
  const validate = ajv.getSchema(`${officialSchema.id}#/definitions/${node.type}`);
  if (!validate) return [`${path || '/'}: unknown type ${node.type}`];
  if (validate(node)) return [];
  return withoutAlternatives(validate.errors ?? [])
    .filter((e) => !inTypedChild(node, e.instancePath))
    .map((e) => `${path + e.instancePath || '/'} (${node.type}): ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

/**
 * The schema says "anyOf" for every element, so ajv reports each element against all sixteen kinds.
 * Checking each typed object against its own definition names the real problem and where it is.
 */
function problemsByType(node: unknown, path: string): string[] {
  const own = hasType(node) ? ownProblems(node, path) : [];
  const children = isObject(node) || Array.isArray(node) ? Object.entries(node) : [];
  return [...own, ...children.flatMap(([key, child]) => problemsByType(child, `${path}/${key}`))];
}

/** When every typed object is fine on its own, one of them sits where its kind is not allowed. */
function misplaced(errors: ErrorObject[]): string[] {
  const choices = errors.filter((e) => e.keyword === 'anyOf');
  const deepest = Math.max(...choices.map((e) => e.instancePath.length));
  return choices.filter((e) => e.instancePath.length === deepest).map((e) => `${e.instancePath || '/'}: not allowed here`);
}

function schemaProblems(card: unknown): string[] {
  if (validateSchema(card)) return [];
  const byType = problemsByType(card, '');
  const found = byType.length > 0 ? byType : misplaced(validateSchema.errors ?? []);
  const problems = found.length > 0 ? found : [`invalid: ${ajv.errorsText(validateSchema.errors)}`];
  return [...new Set(problems)].map((problem) => `schema: ${problem}`);
}

/** Teams renders 1.5; the library parses newer versions without a word. */
function versionProblems(card: unknown): string[] {
  return isObject(card) && card.version === '1.5' ? [] : ['version: the card must say "version": "1.5"'];
}

function libraryProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [...Array(context.eventCount).keys()].map((i) => context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return events.map((e) => `adaptivecards: ${AC.ValidationEvent[e.event]}: ${e.message}`);
}

/** Every problem either tool finds; empty for a card Teams can render. */
export function cardProblems(card: unknown): string[] {
  return [...versionProblems(card), ...libraryProblems(card), ...schemaProblems(card)];
}

export function validateCard(card: unknown): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`Invalid Adaptive Card:\n  ${problems.join('\n  ')}`);
}
