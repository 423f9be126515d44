import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

export type JoseModule = typeof Jose;

let loading: Promise<JoseModule> | undefined;

/**
 * jose 6 is published as ES modules only. This CommonJS build loads it with import(), which every
 * Node 20 has (require() of an ES module only from 20.19 on), once, on the first token checked.
 */
export function jose(): Promise<JoseModule> {
  return (loading ??= import('jose'));
}
