import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: string[];
  format?: string;
  anyOf?: Schema[];
  $ref?: string;
  title?: string;
  contentEncoding?: string;
}

const REF_PREFIX = '#/components/schemas/';
const KNOWN_KEYWORDS = new Set(['type', 'properties', 'items', 'enum', 'format', 'anyOf', '$ref', 'title', 'contentEncoding']);

const schemas = (JSON.parse(readFileSync(join(__dirname, 'event-schemas.json'), 'utf8')) as { schemas: Record<string, Schema> }).schemas;

// A regenerated event-schemas.json with a keyword this validator does not know would otherwise be half-checked in silence.
(function guard(node: unknown, where: string): void {
  if (Array.isArray(node)) return node.forEach((item) => guard(item, where));
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') Object.entries(value as object).forEach(([name, property]) => guard(property, `${where}.${name}`));
    else if (!KNOWN_KEYWORDS.has(key)) throw new Error(`event-schemas.json: keyword '${key}' at ${where} is not one the double validates`);
    else guard(value, where);
  }
})(Object.values(schemas), 'schemas');

export type Mode = 'create' | 'update';
export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const fail = (message: string): Checked => ({ ok: false, message });
const typeName = (key: string) => key.replace(/-(create|update)$/, '');
const refKey = (ref: string) => ref.slice(REF_PREFIX.length);

/**
 * Checks a POST or PATCH body against `microsoft.graph.event-create` / `-update` of Graph's own
 * OpenAPI document, and answers it the way Outlook reads it: property names and enum values match
 * case-insensitively (Graph's own samples send `"contentType": "HTML"`, `"type": "Required"` and
 * `"Comment"`) and come back canonical; a property the type does not define, a value outside an
 * enum or of the wrong JSON type makes the body unreadable. `@odata.type` may name a derived type
 * the schema allows (`anyOf`), whose properties then apply; other annotations pass untouched.
 */
export function checkEventBody(body: unknown, mode: Mode): Checked {
  const key = `microsoft.graph.event-${mode}`;
  return check(body, schemas[key]!, key, 'event');
}

function check(value: unknown, schema: Schema, key: string, path: string): Checked {
  if (schema.$ref !== undefined) {
    const ref = refKey(schema.$ref);
    return check(value, schemas[ref]!, ref, path);
  }
  if (schema.anyOf !== undefined && schema.properties === undefined && schema.type === undefined) return union(value, schema.anyOf, key, path);
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type);
  if (value === null) {
    return types.length === 0 || types.includes('null') ? { ok: true, value } : fail(`A null value was found for the property named '${path}', which has the expected type '${typeName(key)}'. The expected type does not allow null values.`);
  }
  if (types.includes('object') || schema.properties !== undefined) return object(value, schema, key, path);
  if (types.includes('array')) {
    if (!Array.isArray(value)) return fail(`An unexpected '${nodeKind(value)}' node was found for '${path}'. A 'StartArray' node was expected.`);
    const out: unknown[] = [];
    for (const [i, item] of value.entries()) {
      const checked = check(item, schema.items ?? {}, key, `${path}[${i}]`);
      if (!checked.ok) return checked;
      out.push(checked.value);
    }
    return { ok: true, value: out };
  }
  return primitive(value, schema, types, key, path);
}

function union(value: unknown, branches: Schema[], key: string, path: string): Checked {
  let first: Checked | null = null;
  for (const branch of branches) {
    const checked = check(value, branch, key, path);
    if (checked.ok) return checked;
    // The null branch's complaint says nothing useful; the typed branch's does.
    if (first === null && !(branch.type === 'null')) first = checked;
  }
  return first ?? fail(`The value of '${path}' matches none of the allowed types.`);
}

function object(value: unknown, schema: Schema, key: string, path: string): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`An unexpected '${nodeKind(value)}' node was found for '${path}'. A 'StartObject' node was expected.`);
  }
  const record = value as Record<string, unknown>;
  const named = record['@odata.type'];
  let effective = schema;
  let effectiveKey = key;
  if (typeof named === 'string') {
    const wanted = `microsoft.graph.${named.replace(/^#?(microsoft\.graph\.)?/i, '')}`.toLowerCase();
    const derived = (schema.anyOf ?? []).map((b) => (b.$ref ? refKey(b.$ref) : '')).find((k) => typeName(k).toLowerCase() === wanted);
    if (derived) [effective, effectiveKey] = [schemas[derived]!, derived];
    else if (typeName(key).toLowerCase() !== wanted) {
      return fail(`A type named '${named}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
    }
  }
  const properties = effective.properties ?? {};
  const byLowerName = new Map(Object.keys(properties).map((name) => [name.toLowerCase(), name]));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(record)) {
    if (name.includes('@')) {
      out[name] = item;
      continue;
    }
    const canonical = byLowerName.get(name.toLowerCase());
    if (canonical === undefined) {
      return fail(`The property '${name}' does not exist on type '${typeName(effectiveKey)}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
    const checked = check(item, properties[canonical]!, effectiveKey, `${path}.${canonical}`);
    if (!checked.ok) return checked;
    out[canonical] = checked.value;
  }
  return { ok: true, value: out };
}

function primitive(value: unknown, schema: Schema, types: string[], key: string, path: string): Checked {
  const literal = (expected: string) => fail(`Cannot convert the literal '${String(value)}' to the expected type '${expected}' (at '${path}').`);
  if (types.includes('string')) {
    if (typeof value !== 'string') return literal('Edm.String');
    if (schema.enum !== undefined) {
      const canonical = schema.enum.find((option) => option.toLowerCase() === value.toLowerCase());
      return canonical === undefined ? fail(`Requested value '${value}' was not found (at '${path}', type '${typeName(key)}').`) : { ok: true, value: canonical };
    }
    if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return literal('Edm.DateTimeOffset');
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return literal('Edm.Date');
    return { ok: true, value };
  }
  if (types.includes('boolean')) return typeof value === 'boolean' ? { ok: true, value } : literal('Edm.Boolean');
  if (types.includes('integer')) {
    const fits = typeof value === 'number' && Number.isInteger(value) && (schema.format !== 'int32' || (value >= -(2 ** 31) && value < 2 ** 31));
    return fits ? { ok: true, value } : literal(schema.format === 'int64' ? 'Edm.Int64' : 'Edm.Int32');
  }
  if (types.includes('number')) return typeof value === 'number' ? { ok: true, value } : literal('Edm.Double');
  // `{}` allows anything; `{ type: 'null' }` (the other half of a nullable union) allows only null, checked above.
  return types.length === 0 ? { ok: true, value } : fail(`A value was found for '${path}' where only null is allowed.`);
}

function nodeKind(value: unknown): string {
  if (Array.isArray(value)) return 'StartArray';
  return typeof value === 'object' && value !== null ? 'StartObject' : 'PrimitiveValue';
}
