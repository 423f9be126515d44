import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../src/documents/document-files';

export const EXAMPLES = ['mact-2023.cohort.json', 'demo.cohort.json'];

type Json = Record<string, unknown>;

/** A fresh parsed copy of an example document, to read or to spoil in a test. */
export function example(file: string): Json {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Json;
}

/** The value at a problem-style path (`municipalities.0.participants.1.email`). */
export function at(document: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json)[key], document);
}

/** Sets values by problem-style paths, so a test spoils a document in the words its errors use. */
export function spoil(document: Json, changes: Record<string, unknown>): Json {
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const parent = (keys.length === 1 ? document : at(document, keys.slice(0, -1).join('.'))) as Json;
    parent[keys[keys.length - 1]!] = value;
  }
  return document;
}

/** Ids that say what they are and count up, so failures are readable. */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
