import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The nearest folder with a package.json: the same from src/ under jest and from dist/ when built. */
function packageRoot(from: string): string {
  const up = dirname(from);
  if (existsSync(join(from, 'package.json')) || up === from) return from;
  return packageRoot(up);
}

export const PACKAGE_ROOT = packageRoot(__dirname);
export const SCHEMA_FILE = join(PACKAGE_ROOT, 'docs', 'cohort-document.schema.json');
export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');

/**
 * `$schema` for a document written to `file`: the schema's path relative to it, which is how editors
 * resolve it. A file outside this package gets none: a path into this checkout would mean nothing there.
 */
export function schemaRefFor(file: string): string | undefined {
  const target = resolve(file);
  const inside = relative(PACKAGE_ROOT, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return relative(dirname(target), SCHEMA_FILE).split(sep).join('/');
}

/** Documents and the schema are written the same way everywhere, so a diff shows only real changes. */
export function documentJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
