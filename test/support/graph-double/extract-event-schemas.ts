/**
 * Regenerates event-schemas.json, the subset of Graph's OpenAPI document the double validates event
 * bodies against. Run by hand when the contract changes; tests only read the committed JSON.
 *
 *   node -r ./test/support/ts-register.js test/support/graph-double/extract-event-schemas.ts \
 *     ../shared/contracts/graph-v1.0-users.openapi3.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schemas = Record<string, Json>;

const ROOTS = ['microsoft.graph.event-create', 'microsoft.graph.event-update'];
const PREFIX = '#/components/schemas/';

function refsOf(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) node.forEach((item) => refsOf(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.slice(PREFIX.length));
      else refsOf(value, found);
    }
  }
}

/**
 * `examples` only documents; `required: ["id"]` is the entity key, which the service assigns and the
 * event resource documents as read-only, so a create without it is what Graph expects.
 */
function trimmed(node: Json): Json {
  if (Array.isArray(node)) return node.map(trimmed);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples') continue;
    if (key === 'required' && JSON.stringify(value) === '["id"]') continue;
    out[key] = trimmed(value);
  }
  return out;
}

function main(): void {
  const source = process.argv[2];
  if (!source) throw new Error('usage: extract-event-schemas.ts <graph-v1.0-users.openapi3.json>');
  const all = (JSON.parse(readFileSync(source, 'utf8')) as { components: { schemas: Schemas } }).components.schemas;
  const picked = new Set<string>();
  const todo = [...ROOTS];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (picked.has(name)) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`${name} is referenced but not defined in ${source}`);
    picked.add(name);
    const refs = new Set<string>();
    refsOf(schema, refs);
    todo.push(...refs);
  }
  // One schema a line: small diffs when the contract changes, and no 5,000-line file to scroll.
  const lines = [...picked].sort().map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(trimmed(all[name]!))}`);
  const comment = `Extracted from ${basename(source)} (/work/shared/contracts) by extract-event-schemas.ts: ${ROOTS.join(', ')} and every schema they reference.`;
  const text = `{\n  "$comment": ${JSON.stringify(comment)},\n  "schemas": {\n${lines.join(',\n')}\n  }\n}\n`;
  writeFileSync(join(__dirname, 'event-schemas.json'), text);
  process.stdout.write(`wrote ${picked.size} schemas\n`);
}

main();
