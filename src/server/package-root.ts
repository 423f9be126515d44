import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root: the nearest folder up from here with a package.json. Found rather than
 * counted, since this code runs from dist/src/server when built and from src/server under jest.
 */
function find(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const PACKAGE_ROOT = find(__dirname);
